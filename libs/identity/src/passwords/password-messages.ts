import { Language } from './language';
import { MIN_PASSWORD_LENGTH, PasswordReason } from './password-rules';

/**
 * What each reason says to the person. The English follows the API's field-error style (the
 * field is named beside it, so the sentence starts with the verb); the Chinese is a full phrase.
 */
const REASON_MESSAGES: Record<PasswordReason, Record<Language, string>> = {
  too_short: {
    zh: `密码至少需要 ${MIN_PASSWORD_LENGTH} 个字符`,
    en: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
  },
  repeated: {
    zh: '密码由重复的字符或片段组成（如 aaaa、abcabc），很容易被猜到',
    en: 'repeats characters or chunks (like "aaaa" or "abcabc"), which is easy to guess',
  },
  sequence: {
    zh: '密码是连续序列或键盘排列（如 abcd、1234、qwerty），很容易被猜到',
    en: 'is a sequence or keyboard pattern (like "abcd", "1234" or "qwerty"), which is easy to guess',
  },
  common: {
    zh: '密码是常见密码或常用词，很容易被猜到',
    en: 'is a common password or word, which is easy to guess',
  },
  contains_personal: {
    zh: '密码不能包含您的邮箱、姓名或机构名称',
    en: 'must not contain your email, name or organisation name',
  },
  too_guessable: {
    zh: '密码太容易被猜到：请用几个互不相关的词组成更长的密码',
    en: 'is too easy to guess: use a longer phrase of several unrelated words',
  },
};

const DETAIL: Record<Language, string> = {
  zh: '密码不够安全，请换一个更难猜的密码。',
  en: 'The password is too weak; choose one that is harder to guess.',
};

export const passwordReasonMessage = (reason: PasswordReason, language: Language) => REASON_MESSAGES[reason][language];
export const weakPasswordDetail = (language: Language) => DETAIL[language];
