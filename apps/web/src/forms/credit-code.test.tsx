import { makeCreditCode } from '@app/identity/credit-code';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import RegisterPage from '../pages/RegisterPage';
import { problemResponse, renderPage } from '../test/render';
import { creditCodeFeedback } from './credit-code';

const VALID = makeCreditCode({ authority: '9', category: '1', areaCode: '440300', orgCodeBody8: 'MA5FXXXX' });

describe('credit code as you type (the server’s own validator)', () => {
  it('says nothing but progress while a good prefix is typed', () => {
    expect(creditCodeFeedback('', 'zh')).toEqual({ state: 'empty' });
    expect(creditCodeFeedback('9144', 'zh')).toEqual({ state: 'partial', typed: 4 });
    expect(creditCodeFeedback(VALID.slice(0, 17), 'en')).toEqual({ state: 'partial', typed: 17 });
  });

  it('flags a character outside the GB 32100 alphabet at once, in the reader’s language', () => {
    const zh = creditCodeFeedback('91O', 'zh');
    expect(zh).toMatchObject({ state: 'invalid' });
    expect(zh.state === 'invalid' && zh.message).toMatch(/第3位字符.*I、O、S、V、Z/);
    const en = creditCodeFeedback('91O', 'en');
    expect(en.state === 'invalid' && en.message).toMatch(/character 3 .*I, O, S, V and Z/);
  });

  it('flags an unknown registration authority or category as soon as it is typed', () => {
    expect(creditCodeFeedback('B', 'en').state).toBe('invalid');
    expect(creditCodeFeedback('9', 'en').state).toBe('partial');
    expect(creditCodeFeedback('99', 'en').state).toBe('invalid');
  });

  it('checks the check digit once all 18 characters are there', () => {
    const last = VALID[17];
    const wrong = VALID.slice(0, 17) + (last === '0' ? '1' : '0');
    expect(creditCodeFeedback(VALID, 'zh')).toMatchObject({ state: 'valid', authority: '工商', category: '企业' });
    expect(creditCodeFeedback(VALID.toLowerCase(), 'zh').state).toBe('valid');
    const bad = creditCodeFeedback(wrong, 'en');
    expect(bad.state).toBe('invalid');
    expect(creditCodeFeedback(`${VALID}1`, 'en')).toMatchObject({ state: 'invalid' });
  });
});

describe('registration form', () => {
  it('shows the credit-code problem next to the field while typing, and the authority once valid', async () => {
    const user = userEvent.setup();
    renderPage(<RegisterPage />, { lang: 'zh' });
    const input = screen.getByLabelText(/统一社会信用代码/);
    await user.type(input, '91S');
    expect(await screen.findByText(/第3位字符/)).toBeInTheDocument();
    expect(input).toHaveAttribute('aria-invalid', 'true');
    await user.clear(input);
    await user.type(input, VALID);
    expect(await screen.findByText(/校验通过：工商 · 企业/)).toBeInTheDocument();
    expect(input).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('checks every field before sending, and sends nothing while one is wrong', async () => {
    const user = userEvent.setup();
    const fetch = vi.spyOn(globalThis, 'fetch');
    renderPage(<RegisterPage />, { lang: 'en' });
    await user.type(screen.getByLabelText(/^Password/), 'short');
    await user.click(screen.getByRole('button', { name: 'Register' }));
    expect(await screen.findByText('must be at least 12 characters')).toBeInTheDocument();
    expect(screen.getByText('a unified social credit code has 18 characters, not 0')).toBeInTheDocument();
    expect(screen.getAllByText('must not be blank')).toHaveLength(2);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('shows the server’s 400 and 409 next to the fields they name', async () => {
    const user = userEvent.setup();
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(
        problemResponse(400, {
          code: 'validation_failed',
          errors: [{ field: 'admin.email', message: 'must be an email address' }],
        }),
      )
      .mockResolvedValueOnce(
        problemResponse(409, {
          code: 'identity.organization_exists',
          detail: `An organisation with credit code ${VALID} is already registered.`,
        }),
      );
    renderPage(<RegisterPage />, { lang: 'zh' });
    await user.type(screen.getByLabelText(/单位名称/), '深圳量子精密仪器有限公司');
    await user.type(screen.getByLabelText(/统一社会信用代码/), VALID);
    await user.type(screen.getByLabelText(/^姓名/), '李伟');
    await user.type(screen.getByLabelText(/电子邮箱/), 'li.wei@example.cn');
    await user.type(screen.getByLabelText(/^密码/), 'a-long-enough-password');
    await user.click(screen.getByRole('button', { name: '注册' }));
    expect(await screen.findByText('请输入有效的电子邮箱地址')).toBeInTheDocument();
    const sent = fetch.mock.calls[0][0] as Request;
    expect(sent.url).toMatch(/\/api\/v1\/organizations$/);
    expect(await sent.clone().json()).toMatchObject({ creditCode: VALID, admin: { email: 'li.wei@example.cn' } });

    await user.click(screen.getByRole('button', { name: '注册' }));
    await waitFor(() => expect(screen.getByLabelText(/统一社会信用代码/)).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText(/already registered/, { selector: '[id$="-error"]' })).toBeInTheDocument();
    // …and listed in the error summary, as a link to the field.
    expect(screen.getByRole('link', { name: /^统一社会信用代码：.*already registered/ })).toBeInTheDocument();
  });
});
