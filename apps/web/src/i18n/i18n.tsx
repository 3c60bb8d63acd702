import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setReaderLanguage } from '../api/reader-language';
import { en } from './en';
import { zh, type Dictionary, type MessageKey } from './zh';

export type Lang = 'zh' | 'en';
export const DICTIONARIES: Record<Lang, Dictionary> = { zh, en };
const STORAGE_KEY = 'jiebang.lang';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/** Fills `{name}` placeholders; a missing variable stays visible rather than silently empty. */
export function interpolate(text: string, vars?: Record<string, string | number>): string {
  if (!vars) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export const translator =
  (lang: Lang): Translate =>
  (key, vars) =>
    interpolate(DICTIONARIES[lang][key], vars);

interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t: Translate;
  /** Picks the `zh` or `en` member of a bilingual value from the API or the vocabularies. */
  pick(text: { zh: string; en: string }): string;
}

const I18nContext = createContext<I18n | null>(null);

function initialLang(): Lang {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'zh' || stored === 'en') return stored;
  } catch {
    // storage may be unavailable (private mode); Chinese is the default anyway
  }
  return 'zh';
}

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [lang, setLangState] = useState<Lang>(() => fixed ?? initialLang());
  // During render, not in an effect: children's effects (their first requests) run before ours.
  setReaderLanguage(lang);
  useEffect(() => {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // ignore
    }
  }, []);
  const value = useMemo<I18n>(
    () => ({ lang, setLang, t: translator(lang), pick: (text) => (lang === 'zh' ? text.zh : text.en) }),
    [lang, setLang],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
