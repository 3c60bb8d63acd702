import { useEffect } from 'react';
import { useI18n } from '../i18n/i18n';

/**
 * The tab's title, "<page> · <object> · 揭榜" (or "… · jiebang"), in the current language, so that
 * tabs, history and bookmarks can be told apart. Parts not known yet (an object still loading) are
 * left out; the title follows a change of language. Every page calls it once, at its top, so a
 * page never keeps the previous page's title.
 */
export function useDocumentTitle(...parts: (string | null | undefined)[]): void {
  const { t } = useI18n();
  const title = [...parts.filter((p): p is string => !!p?.trim()), t('app.name')].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
