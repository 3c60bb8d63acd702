import type { Language } from './formats';

export type { Language } from './formats';

/**
 * The reader's language from an Accept-Language header: English when the best-weighted language
 * the header names among ours is English, Chinese otherwise (no header, `*`, only languages we
 * lack, or a tie — the platform is Chinese first).
 */
export function preferredLanguage(header: string | string[] | undefined): Language {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  let best: { language: Language; q: number } = { language: 'zh', q: 0 };
  for (const part of text.split(',')) {
    const [tag, ...params] = part.trim().toLowerCase().split(';');
    const language = tag === 'en' || tag.startsWith('en-') ? 'en' : tag === 'zh' || tag.startsWith('zh-') ? 'zh' : null;
    if (!language) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!Number.isFinite(q) || q <= 0 || q > 1) continue;
    if (q > best.q || (q === best.q && language === 'zh')) best = { language, q };
  }
  return best.language;
}
