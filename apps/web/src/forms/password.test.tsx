import { makeCreditCode } from '@app/identity/credit-code';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { mapProblem, problemMessages, type Problem } from '../api/problem';
import { ApiError } from '../api/problem';
import { dictionary } from '../i18n/i18n';
import RegisterPage from '../pages/RegisterPage';
import { problemResponse, renderPage } from '../test/render';
import { PASSWORD_REASONS, passwordReasonKey } from './password';

const HAN = /\p{Script=Han}/u;
const weak = (field: string, reason: string): Problem => ({
  status: 400,
  code: 'validation_failed',
  detail: `${field} is too weak`,
  errors: [{ field, message: 'is too weak', reason }],
});

describe('the weak-password reasons of the API', () => {
  it.each(PASSWORD_REASONS)('%s has its own wording in Chinese and in English', (reason) => {
    const zh = dictionary('zh')[passwordReasonKey(reason)];
    const en = dictionary('en')[passwordReasonKey(reason)];
    expect(zh).toMatch(HAN);
    expect(en).toMatch(/^[\x20-\x7e]+$/); // English, no Chinese left in it
    expect(en).not.toBe(reason);
    const others = PASSWORD_REASONS.filter((r) => r !== reason);
    expect(others.map((r) => dictionary('zh')[passwordReasonKey(r)])).not.toContain(zh);
    expect(others.map((r) => dictionary('en')[passwordReasonKey(r)])).not.toContain(en);
  });

  it('are shown beside the password field of the registration form (admin.password) and of a new user (password)', () => {
    for (const reason of PASSWORD_REASONS) {
      for (const lang of ['zh', 'en'] as const) {
        const words = dictionary(lang)[passwordReasonKey(reason)];
        const registration = mapProblem(weak('admin.password', reason), {
          lang,
          rename: { 'admin.password': 'password' },
          hasField: (p) => p === 'password',
        });
        expect(registration).toEqual({ fields: { password: words }, general: [] });
        const newUser = mapProblem(weak('password', reason), { lang });
        expect(newUser.fields).toEqual({ password: words });
        expect(problemMessages(new ApiError(weak('password', reason)), lang)).toContain(
          `${lang === 'zh' ? '密码：' : 'Password: '}${words}`,
        );
      }
    }
  });

  it('keeps the server’s message for a reason it does not know yet, and for a field without one', () => {
    const unknown = mapProblem(weak('password', 'brand_new'), { lang: 'en' });
    expect(unknown.fields.password).toBe('is too weak');
    const plain = mapProblem(
      { status: 400, errors: [{ field: 'password', message: 'must be at least 12 characters' }] },
      { lang: 'zh' },
    );
    expect(plain.fields.password).toBe('至少 12 个字符');
  });
});

const VALID = makeCreditCode({ authority: '9', category: '1', areaCode: '440300', orgCodeBody8: 'MA5FXXXX' });

describe('registration form and the password rule', () => {
  it('shows the rule up front, under the password field', () => {
    renderPage(<RegisterPage />, { lang: 'zh' });
    expect(screen.getByText('至少 12 个字符，不要使用常见密码、重复或连续的字符，或您的邮箱')).toBeInTheDocument();
  });

  it.each([
    ['zh', 'common', '这是常见密码'],
    ['en', 'contains_personal', 'must not contain your email, name or organisation name'],
  ] as const)('%s: words the server’s reason %s beside the password field', async (lang, reason, words) => {
    const user = userEvent.setup();
    vi.spyOn(globalThis, 'fetch').mockResolvedValueOnce(
      problemResponse(400, {
        code: 'validation_failed',
        detail: 'admin.password is too weak',
        errors: [{ field: 'admin.password', message: 'is too weak', reason }],
      }),
    );
    renderPage(<RegisterPage />, { lang });
    const zh = lang === 'zh';
    await user.type(screen.getByLabelText(zh ? /单位名称/ : /^Name/), '深圳量子精密仪器有限公司');
    await user.type(screen.getByLabelText(zh ? /统一社会信用代码/ : /Unified social credit code/), VALID);
    await user.type(screen.getByLabelText(zh ? /^姓名/ : /^Your name/), '李伟');
    await user.type(screen.getByLabelText(zh ? /电子邮箱/ : /^Email/), 'li.wei@example.cn');
    const password = screen.getByLabelText(zh ? /^密码/ : /^Password/);
    await user.type(password, 'li.wei@example.cn2026');
    await user.click(screen.getByRole('button', { name: zh ? '注册' : 'Register' }));
    // Mantine renders the field anew with its error: look it up again.
    // Beside the field: Mantine's error element of the password input, which the input is described by.
    const error = await waitFor(() => {
      const element = document.querySelector<HTMLElement>('.mantine-PasswordInput-error');
      expect(element).not.toBeNull();
      return element as HTMLElement;
    });
    expect(screen.getByLabelText(zh ? /^密码/ : /^Password/).getAttribute('aria-describedby')).toContain(error.id);
    expect(error).toHaveTextContent(words);
  });
});
