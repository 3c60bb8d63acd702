import { mediaTypeLabel, ACCEPTED_LABELS } from '../../api/documents';
import type { Problem } from '../../api/problem';
import { translateServerMessage } from '../../api/server-messages';
import type { Lang, Translate } from '../../i18n/i18n';
import { dictionary } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { formatBytes } from '../../lib/bytes';

/** A document role in the reader's words (an unknown role as the server named it). */
export function roleWord(t: Translate, lang: Lang, role: string): string {
  const key = `doc.role.${role}`;
  return key in dictionary(lang) ? t(key as MessageKey) : role;
}

/** A list of roles, joined as the language joins a list. */
export const roleList = (t: Translate, lang: Lang, roles: readonly string[]) =>
  roles.map((r) => roleWord(t, lang, r)).join(lang === 'zh' ? '、' : ', ');

/** The accepted types of a 415 (its `accepted` media types), or the ones this app knows. */
function acceptedOf(problem: Problem, lang: Lang): string {
  const accepted = Array.isArray(problem.accepted) ? problem.accepted.map((m) => mediaTypeLabel(String(m))) : ACCEPTED_LABELS;
  return accepted.join(lang === 'zh' ? '、' : ', ');
}

const CODE_KEYS: Record<string, MessageKey> = {
  'documents.upload_incomplete': 'doc.code.upload_incomplete',
  'documents.store_unavailable': 'doc.code.store_unavailable',
  'documents.not_multipart': 'doc.code.not_multipart',
};

/** Why an upload was refused, in the reader's language (the server's own words for codes this app does not know). */
export function uploadFailureWording(problem: Problem, t: Translate, lang: Lang, maxBytes: number): string {
  if (problem.code === 'documents.too_large' || problem.status === 413)
    return t('doc.code.too_large', { max: formatBytes(maxBytes) });
  if (problem.code === 'documents.unsupported_type') return t('doc.code.unsupported_type', { types: acceptedOf(problem, lang) });
  const key = problem.code ? CODE_KEYS[problem.code] : undefined;
  if (key) return t(key);
  if (problem.status === 0) return t('doc.code.network');
  return translateServerMessage(problem.detail ?? problem.title ?? `HTTP ${problem.status}`, lang);
}
