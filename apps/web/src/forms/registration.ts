/** The rules of POST /organizations that the browser can check before sending (the server checks them again). */
import type { Lang } from '../i18n/i18n';
import { creditCodeFeedback } from './credit-code';

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
  if (v.password.length < 12) errors.password = zh ? '至少 12 个字符' : 'must be at least 12 characters';
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
