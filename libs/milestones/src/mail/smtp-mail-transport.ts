import { Logger, OnModuleDestroy } from '@nestjs/common';
import { createTransport } from 'nodemailer';
import type { MailSettings } from '@app/common/config';
import { MailTransport, OutgoingMail } from '../mail-transport';

/** A failed send, worded without the SMTP password (nodemailer's own error is not passed on whole). */
export class MailSendError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly responseCode: number | undefined,
  ) {
    super(message);
    this.name = 'MailSendError';
  }
}

/**
 * Mails through SMTP with nodemailer, one connection per mail (a mail server that went away and came
 * back is simply reached again). nodemailer's logger stays off: its debug output would show the AUTH
 * exchange. Timeouts are short so a dead server fails the job (which retries) instead of holding it.
 */
export class SmtpMailTransport implements MailTransport, OnModuleDestroy {
  readonly delivers = true;
  private readonly logger = new Logger('Mail');
  private readonly transport: ReturnType<typeof createTransport>;

  constructor(private readonly settings: MailSettings) {
    this.transport = createTransport({
      url: settings.smtpUrl as string,
      logger: false,
      debug: false,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(m: OutgoingMail): Promise<void> {
    try {
      await this.transport.sendMail({
        from: this.settings.from,
        to: m.to,
        subject: m.subject,
        text: m.text,
        html: m.html,
        messageId: m.messageId,
        headers: { 'Auto-Submitted': 'auto-generated', 'Content-Language': m.language === 'zh' ? 'zh-CN' : 'en' },
      });
    } catch (err) {
      throw this.redacted(err);
    }
    this.logger.log({ notificationId: m.notificationId, recipientUserId: m.recipientUserId }, 'mail sent');
  }

  /** Only the error's code, the server's reply code and its message with any secret of SMTP_URL removed. */
  private redacted(err: unknown): MailSendError {
    const e = err as { message?: string; code?: string; responseCode?: number };
    let message = String(e?.message ?? err);
    for (const secret of secretsOf(this.settings.smtpUrl as string)) message = message.split(secret).join('***');
    return new MailSendError(`SMTP ${this.settings.smtpUrlRedacted}: ${message}`, e?.code, e?.responseCode);
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}

/** The password of the URL, raw and decoded (and the base64 forms an AUTH exchange would use). */
function secretsOf(url: string): string[] {
  const u = new URL(url);
  if (!u.password) return [];
  const user = decodeURIComponent(u.username);
  const pass = decodeURIComponent(u.password);
  return [
    ...new Set([u.password, pass, Buffer.from(pass).toString('base64'), Buffer.from(`\0${user}\0${pass}`).toString('base64')]),
  ];
}
