import { act, render } from '@testing-library/react';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { I18nProvider, useI18n, type Lang } from '../i18n/i18n';
import NotFoundPage from '../pages/NotFoundPage';
import SignInPage from '../pages/SignInPage';
import { renderPage } from '../test/render';
import { useDocumentTitle } from './useDocumentTitle';

describe('useDocumentTitle', () => {
  it.each<[Lang, string, string]>([
    ['zh', '页面不存在 · 揭榜', '登录 · 揭榜'],
    ['en', 'Page not found · jiebang', 'Sign in · jiebang'],
  ])('pages name themselves in the tab (%s)', (lang, notFound, signIn) => {
    renderPage(<NotFoundPage />, { lang });
    expect(document.title).toBe(notFound);
    renderPage(<SignInPage />, { lang });
    expect(document.title).toBe(signIn);
  });

  it('leaves out what is not loaded yet, then names the object, and follows the language', () => {
    let load: (title: string) => void = () => undefined;
    function Page() {
      const [title, setTitle] = useState<string>();
      load = setTitle;
      const { setLang } = useI18n();
      useDocumentTitle('', title);
      return (
        <button type="button" onClick={() => setLang('en')}>
          en
        </button>
      );
    }
    const { getByRole } = render(
      <I18nProvider lang="zh">
        <Page />
      </I18nProvider>,
    );
    expect(document.title).toBe('揭榜');
    act(() => load('超导量子芯片攻关'));
    expect(document.title).toBe('超导量子芯片攻关 · 揭榜');
    act(() => getByRole('button').click());
    expect(document.title).toBe('超导量子芯片攻关 · jiebang');
  });
});
