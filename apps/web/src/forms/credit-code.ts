/**
 * The unified-social-credit-code check as a person types: the *server's own* validator
 * (libs/identity/src/credit-code, pure) decides; while the code is still short, only what can
 * already be wrong is reported (a character outside the GB 32100 alphabet, an unknown
 * registration authority or category), so nobody is scolded for not having finished typing.
 */
import {
  CREDIT_CODE_ALPHABET,
  CREDIT_CODE_LENGTH,
  REGISTRATION_AUTHORITIES,
  validateCreditCode,
} from '@app/identity/credit-code';
import type { Lang } from '../i18n/i18n';

export type CreditCodeFeedback =
  | { state: 'empty' }
  | { state: 'partial'; typed: number }
  | { state: 'invalid'; message: string }
  | { state: 'valid'; code: string; authority: string; category: string };

export function creditCodeFeedback(input: string, lang: Lang): CreditCodeFeedback {
  const code = input.trim().toUpperCase();
  if (code === '') return { state: 'empty' };
  const chars = [...code];
  if (chars.length < CREDIT_CODE_LENGTH) {
    // Judge the prefix by the full validator's messages: pad it with a harmless character and keep only
    // errors about positions already typed.
    for (let i = 0; i < chars.length; i++) {
      if (!CREDIT_CODE_ALPHABET.includes(chars[i])) {
        const result = validateCreditCode(
          chars
            .slice(0, i + 1)
            .join('')
            .padEnd(CREDIT_CODE_LENGTH, '0'),
        );
        if (!result.ok && result.part === 'alphabet')
          return { state: 'invalid', message: lang === 'zh' ? result.messageZh : result.message };
      }
    }
    const result = validateCreditCode(code.padEnd(CREDIT_CODE_LENGTH, '0'));
    if (!result.ok && (result.part === 'authority' || (result.part === 'category' && chars.length >= 2))) {
      return { state: 'invalid', message: lang === 'zh' ? result.messageZh : result.message };
    }
    return { state: 'partial', typed: chars.length };
  }
  const result = validateCreditCode(code);
  if (!result.ok) return { state: 'invalid', message: lang === 'zh' ? result.messageZh : result.message };
  const authority = REGISTRATION_AUTHORITIES[result.authority];
  const category = authority.categories[result.category];
  return {
    state: 'valid',
    code: result.code,
    authority: lang === 'zh' ? authority.nameZh : authority.nameEn,
    category: category ? (lang === 'zh' ? category.nameZh : category.nameEn) : result.category,
  };
}
