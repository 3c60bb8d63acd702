import { Injectable, Logger } from '@nestjs/common';

/** One mail of one notice to one user, worded in that user's language (ids and words, never secrets). */
export interface OutgoingMail {
  notificationId: string;
  recipientUserId: string;
  to: string;
  language: 'zh' | 'en';
  /** `<notification id>.<user id>@domain`, the same on every retry. */
  messageId: string;
  subject: string;
  text: string;
  html: string;
}

/**
 * Where notification mails go. The stored `notifications` row is the record of what happened and
 * `notification_mails` the record of what was sent; a transport only delivers. It resolves once the
 * server accepted the message and rejects otherwise (the mail job then retries with backoff).
 * Provided under `MAIL_TRANSPORT`: SMTP (nodemailer) when `SMTP_URL` is set, else the log transport.
 */
export interface MailTransport {
  /** False for the log transport: nothing leaves the process, so no mail is recorded as sent. */
  readonly delivers: boolean;
  send(mail: OutgoingMail): Promise<void>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** No SMTP_URL: one log line per mail (no address, no words: ids and the subject). */
@Injectable()
export class LogMailTransport implements MailTransport {
  readonly delivers = false;
  private readonly logger = new Logger('Mail');
  async send(m: OutgoingMail): Promise<void> {
    this.logger.debug(
      { notificationId: m.notificationId, recipientUserId: m.recipientUserId, subject: m.subject },
      'mail (no SMTP_URL: logged only)',
    );
  }
}
