import { render } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PROBLEM_WORDING, wordProblem } from '@app/common/problem/problem-wording';
import openapi from '../../../../openapi.json';
import { I18nProvider } from '../i18n/i18n';
import { api, setAuth } from './client';
import { authHeaders } from './raw-fetch';
import { setReaderLanguage } from './reader-language';

afterEach(() => {
  setAuth(null);
  setReaderLanguage('zh');
  vi.unstubAllGlobals();
});

describe('problem codes of openapi.json', () => {
  const codes: string[] = openapi.components.schemas.ProblemCode.enum;

  it('are many (the enum is there at all)', () => {
    expect(codes.length).toBeGreaterThan(140);
  });

  it('each have a Chinese and an English wording in the catalog', () => {
    const lacking = codes.filter((code) => {
      const zh = typeof PROBLEM_WORDING[code]?.zh === 'function' ? wordProblem(code, {}, 'zh') : undefined;
      const en = typeof PROBLEM_WORDING[code]?.en === 'function' ? wordProblem(code, {}, 'en') : undefined;
      return !zh || !en || !/[\u4e00-\u9fff]/.test(zh);
    });
    expect(lacking).toEqual([]);
  });
});

describe('every request says the reader’s language', () => {
  const sentLanguage = async () => {
    const fetch = vi.fn((_request: Request) =>
      Promise.resolve(new Response('[]', { headers: { 'content-type': 'application/json' } })),
    );
    vi.stubGlobal('fetch', fetch);
    await api.GET('/api/v1/funding-rules');
    return (fetch.mock.calls[0][0] as Request).headers.get('accept-language');
  };

  it('the typed client sends Accept-Language with the UI’s language, Chinese first', async () => {
    expect(await sentLanguage()).toBe('zh');
    render(
      <I18nProvider lang="en">
        <span />
      </I18nProvider>,
    );
    expect(await sentLanguage()).toBe('en');
  });

  it('the raw fetches (uploads, downloads) send it too', () => {
    setReaderLanguage('en');
    expect(authHeaders()).toEqual({ 'accept-language': 'en' });
    setAuth('token-1');
    expect(authHeaders()).toEqual({ 'accept-language': 'en', authorization: 'Bearer token-1' });
  });
});
