/**
 * The agency's unified social credit code as an admin types it: the server's own validators
 * (libs/identity/src/credit-code, pure) decide — well formed, and registered by the establishment
 * administration (first character `1`: 机关, 事业单位, 群众团体 …). A code that starts with
 * anything else is refused as soon as its first character is typed.
 */
import { agencyCodeRefusal } from '@app/identity/credit-code';
import type { Lang } from '../i18n/i18n';
import { creditCodeFeedback, type CreditCodeFeedback } from './credit-code';

export function agencyCodeFeedback(input: string, lang: Lang): CreditCodeFeedback {
  const base = creditCodeFeedback(input, lang);
  if (base.state === 'empty' || base.state === 'invalid') return base;
  const code = input.trim().toUpperCase();
  const refusal = agencyCodeRefusal({ authority: code[0] ?? '', category: code[1] ?? '' });
  if (!refusal) return base;
  return { state: 'invalid', message: lang === 'zh' ? refusal.messageZh : refusal.message };
}
