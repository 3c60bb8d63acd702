/** The rules of POST /organizations that the browser can check before sending (the server checks them again). */
import { translator, type Lang } from '../i18n/i18n';
import { creditCodeFeedback } from './credit-code';
import { PASSWORD_MIN_LENGTH, passwordReasonKey } from './password';

export interface RegistrationValues {
  name: string;
  kind: string;
  creditCode: string;
  email: string;
  password: string;
  displayName: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function validateRegistration(v: RegistrationValues, lang: Lang): Partial<Record<keyof RegistrationValues, string>> {
  const zh = lang === 'zh';
  const errors: Partial<Record<keyof RegistrationValues, string>> = {};
  const blank = zh ? '不能为空' : 'must not be blank';
  if (!v.name.trim()) errors.name = blank;
  if (!v.displayName.trim()) errors.displayName = blank;
  if (!EMAIL.test(v.email.trim())) errors.email = zh ? '请输入有效的电子邮箱地址' : 'must be an email address';
  // The rest of the password rule (common, repeated, sequential, personal) is the server's to judge.
  if ([...v.password].length < PASSWORD_MIN_LENGTH) errors.password = translator(lang)(passwordReasonKey('too_short'));
  const code = creditCodeFeedback(v.creditCode, lang);
  if (code.state === 'invalid') errors.creditCode = code.message;
  else if (code.state !== 'valid') {
    const typed = [...v.creditCode.trim()].length;
    errors.creditCode = zh
      ? `统一社会信用代码应为18位，实际为${typed}位`
      : `a unified social credit code has 18 characters, not ${typed}`;
  }
  return errors;
}
