import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setAuth } from '../../api/client';
import { jsonResponse, renderPage } from '../../test/render';
import { MailPreferences } from './MailPreferences';

const PREFS = {
  language: 'zh',
  kinds: [
    { kind: 'disbursement.paid', mail: true },
    { kind: 'milestone.rejected', mail: true },
  ],
};

function serve() {
  const sent: unknown[] = [];
  const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request;
    if (request.method === 'PUT') {
      const body = await request.json();
      sent.push(body);
      const kinds = PREFS.kinds.map((k) => body.kinds?.find((c: { kind: string }) => c.kind === k.kind) ?? k);
      return jsonResponse(200, { language: body.language ?? PREFS.language, kinds });
    }
    return jsonResponse(200, PREFS);
  });
  return { fetch, sent };
}

afterEach(() => {
  setAuth(null);
  vi.restoreAllMocks();
});

describe('email notice settings', () => {
  it('in Chinese: one switch per kind, each change saved at once', async () => {
    const { sent } = serve();
    renderPage(<MailPreferences />, { lang: 'zh' });
    const paid = await screen.findByRole('switch', { name: '拨款已支付' });
    expect(paid).toBeChecked();
    expect(screen.getByRole('switch', { name: '里程碑未通过验收' })).toBeChecked();
    fireEvent.click(paid);
    await waitFor(() => expect(sent).toEqual([{ kinds: [{ kind: 'disbursement.paid', mail: false }] }]));
    expect(await screen.findByText('邮件设置已保存。')).toBeInTheDocument();
    expect(screen.getByRole('switch', { name: '拨款已支付' })).not.toBeChecked();
  });

  it('in English, with the mail language', async () => {
    const { sent } = serve();
    renderPage(<MailPreferences />, { lang: 'en' });
    expect(await screen.findByRole('switch', { name: 'Tranche paid' })).toBeChecked();
    expect(screen.getByRole('heading', { name: 'Email notices' })).toBeInTheDocument();
    fireEvent.click(screen.getByText('English'));
    await waitFor(() => expect(sent).toEqual([{ language: 'en' }]));
    expect(await screen.findByText('Email settings saved.')).toBeInTheDocument();
  });
});
