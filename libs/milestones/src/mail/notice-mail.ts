/**
 * A notice as a mail, in the reader's language: subject and body from the one wording of
 * notification-wording.ts (¥ amounts, names, Beijing time), as plain text and as simple HTML.
 * Pure: no Nest, no I/O.
 */
import { WordingLang, wordNotification } from '../notifications/notification-wording';

export interface NoticeMailContent {
  subject: string;
  text: string;
  html: string;
  /** `<notification id>.<user id>@domain`: the same on every retry, so a receiving server can drop a repeat. */
  messageId: string;
}

const FOOTER: Record<WordingLang, string> = {
  zh: '这是揭榜平台的自动通知。可在平台「通知」页的「邮件通知」中关闭此类邮件；站内通知始终保留。',
  en: 'An automatic notice from jiebang. You can turn these mails off under “Email notices” on the Notifications page; in-app notices always stay on.',
};

const SIGNATURE: Record<WordingLang, string> = { zh: '揭榜 · jiebang', en: 'jiebang · 揭榜' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** One line: a header never carries a line break (nodemailer folds it, but a subject is one line anyway). */
function oneLine(text: string): string {
  return text.replace(/[\r\n\t]+/g, ' ').trim();
}

export function noticeMessageId(notificationId: string, userId: string, domain: string): string {
  return `<${notificationId}.${userId}@${domain}>`;
}

export function composeNoticeMail(
  notice: { id: string; kind: string; params: unknown },
  reader: { userId: string; language: WordingLang },
  domain: string,
): NoticeMailContent {
  const lang = reader.language;
  const words = wordNotification(notice.kind, notice.params, lang);
  const subject = oneLine(words.title);
  const paragraphs = words.body.split(/\n{2,}/).filter((p) => p.trim() !== '');
  const text = [...paragraphs, '—', SIGNATURE[lang], FOOTER[lang]].join('\n\n');
  const html = [
    `<!doctype html><html lang="${lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family: sans-serif; line-height: 1.6; color: #1a1b1e;">',
    `<h1 style="font-size: 18px;">${escapeHtml(subject)}</h1>`,
    ...paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`),
    `<hr><p style="font-size: 12px; color: #555;">${escapeHtml(SIGNATURE[lang])}<br>${escapeHtml(FOOTER[lang])}</p>`,
    '</body></html>',
  ].join('\n');
  return { subject, text, html, messageId: noticeMessageId(notice.id, reader.userId, domain) };
}
