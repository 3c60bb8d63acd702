/**
 * The language the reader sees the UI in, sent as `Accept-Language` on every API request (the
 * typed client's middleware and the raw fetches), so problems come back worded in it. Set by the
 * I18nProvider whenever the language changes; Chinese until then, as the API's own default.
 */
import type { Lang } from '../i18n/i18n';

let current: Lang = 'zh';

export function setReaderLanguage(lang: Lang): void {
  current = lang;
}

export function readerLanguage(): Lang {
  return current;
}
