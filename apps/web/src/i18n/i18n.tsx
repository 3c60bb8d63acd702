import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setReaderLanguage } from '../api/reader-language';
import { zh, type Dictionary, type MessageKey } from './zh';

export type Lang = 'zh' | 'en';

/**
 * The dictionaries loaded so far. Chinese, the default, is in the first screen's bundle; English
 * (~13 KB gzipped with its message modules) is fetched when a reader picks it, which keeps the
 * first screen under its 250 KB budget (npm run bench:web).
 */
const loaded: Partial<Record<Lang, Dictionary>> = { zh };

/** The dictionary of `lang`, or Chinese while English is still on its way. */
export function dictionary(lang: Lang): Dictionary {
  return loaded[lang] ?? zh;
}

/** Fetches the dictionary of `lang` once; later calls answer from memory. */
export async function loadDictionary(lang: Lang): Promise<Dictionary> {
  if (lang === 'en') loaded.en ??= (await import('./en')).en;
  return dictionary(lang);
}
/** The Chinese of the areas zh.ts leaves out of the first screen, by area. */
const ZH_AREAS = {
  drafts: () => import('./messages/drafts').then((m) => m.draftsZh),
  gates: () => import('./messages/gates').then((m) => m.gatesZh),
  mail: () => import('./messages/mail').then((m) => m.mailZh),
  merges: () => import('./messages/merges').then((m) => m.mergesZh),
  jobs: () => import('./messages/jobs').then((m) => m.jobsZh),
};
export type MessageArea = keyof typeof ZH_AREAS;
export const MESSAGE_AREAS = Object.keys(ZH_AREAS) as MessageArea[];

/** Adds the Chinese of `areas` to the dictionary (once each); a page's route awaits it with the page. */
export async function loadAreas(areas: readonly MessageArea[]): Promise<void> {
  const parts = await Promise.all(areas.map((area) => ZH_AREAS[area]()));
  for (const part of parts) Object.assign(zh, part);
}

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
    // A key of an area not loaded yet shows as itself (the every-page browser test finds it).
    interpolate(dictionary(lang)[key] ?? key, vars);

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

function remember(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // ignore
  }
}

export function I18nProvider({ children, lang: fixed }: { children: ReactNode; lang?: Lang }) {
  const [wanted] = useState<Lang>(() => fixed ?? initialLang());
  // The language shown: switched only once its dictionary is here, so no page mixes two languages.
  const [lang, setLangState] = useState<Lang | null>(() => (loaded[wanted] ? wanted : null));
  useEffect(() => {
    if (lang !== null) return;
    // A reader who chose English last time: fetch it first (Chinese if that fails, rather than nothing).
    loadDictionary(wanted).then(
      () => setLangState(wanted),
      () => setLangState('zh'),
    );
  }, [lang, wanted]);
  // During render, not in an effect: children's effects (their first requests) run before ours.
  setReaderLanguage(lang ?? wanted);
  useEffect(() => {
    if (lang) document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
  }, [lang]);
  const setLang = useCallback((next: Lang) => {
    remember(next);
    if (loaded[next]) return setLangState(next);
    // If English cannot be fetched, the page stays as it is.
    loadDictionary(next).then(
      () => setLangState(next),
      () => undefined,
    );
  }, []);
  const value = useMemo<I18n | null>(
    () =>
      lang && {
        lang,
        setLang,
        t: translator(lang),
        pick: (text: { zh: string; en: string }) => (lang === 'zh' ? text.zh : text.en),
      },
    [lang, setLang],
  );
  // Nothing until the reader's language is here (one small chunk, once).
  if (!value) return null;
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
