import { Injectable, Logger } from '@nestjs/common';

/**
 * A notification as handed to the mail transport (ids, never secrets): what happened (`kind`,
 * `params`, for a transport that words it in the recipient's language with
 * `notifications/notification-wording.ts`) and the same worded in Chinese and English.
 */
export interface OutgoingMail {
  notificationId: string;
  recipientUserId: string | null;
  recipientOrganizationId: string | null;
  kind: string;
  params: unknown;
  subject: string;
  text: string;
}

/**
 * Where notification emails go. The stored `notifications` row is the record of what was sent;
 * the transport only delivers it. The default logs one line per mail. SMTP (nodemailer) is a later
 * addition: nodemailer is not a dependency yet, so a `SmtpMailTransport` would be provided under
 * `MAIL_TRANSPORT` when `SMTP_URL` is set. A transport must be idempotent by `notificationId`.
 */
export interface MailTransport {
  send(mails: OutgoingMail[]): Promise<void>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

@Injectable()
export class LogMailTransport implements MailTransport {
  private readonly logger = new Logger('Mail');
  async send(mails: OutgoingMail[]): Promise<void> {
    for (const m of mails) this.logger.debug({ notificationId: m.notificationId, subject: m.subject }, 'mail (stored record)');
  }
}
