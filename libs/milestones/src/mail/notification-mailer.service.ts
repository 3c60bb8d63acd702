import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { MailRecipient, mailRecipients } from '@app/identity';
import { MAIL_TRANSPORT, MailTransport, OutgoingMail } from '../mail-transport';
import {
  NoticeForMail,
  claimMail,
  markMailSent,
  readNoticeForMail,
  settleNoticeMail,
} from '../repositories/notification-mails.repository';
import { usersWithMailOff } from '../repositories/notification-preferences.repository';
import { composeNoticeMail } from './notice-mail';

export interface MailOutcome {
  sent: number;
  /** Already sent by an earlier run of the job. */
  already: number;
  /** Recipients who turned this kind of mail off. */
  optedOut: number;
  /** No SMTP_URL: mails only logged. */
  logged: number;
}

/**
 * The mail job's body: one notice, mailed to each of its recipients (the user it is addressed to,
 * or the organisation's team users) who has not turned its kind off, in that user's language.
 *
 * What is guaranteed, per (notice, user):
 * - Never two sends at once: the mail's row is locked (`FOR UPDATE NOWAIT`) for the whole SMTP
 *   conversation; a second run of the job meanwhile fails fast and retries later.
 * - Never a second send after a recorded one: `sent_at` is set in the transaction that holds that
 *   lock, right after the server accepted the message; every run skips a row with `sent_at`.
 * - At least once: a refused or failed send rolls back, the job fails and BullMQ retries it with
 *   exponential backoff; the reconciler re-schedules a notice still `mail_pending`.
 * - The one window left: the process dies, or the commit fails, after the SMTP server accepted
 *   the message and before `sent_at` is committed. The retry then sends it again — with the same
 *   Message-ID, so a receiving server or mail client that drops repeats by Message-ID shows it
 *   once. That is SMTP's own at-least-once; nothing stronger exists without the receiver's help.
 */
@Injectable()
export class NotificationMailer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MAIL_TRANSPORT) private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async mailNotice(notificationId: string): Promise<MailOutcome> {
    const outcome: MailOutcome = { sent: 0, already: 0, optedOut: 0, logged: 0 };
    const notice = await readNoticeForMail(this.dataSource.manager, notificationId);
    if (!notice?.mail_pending) return outcome;
    const recipients = await mailRecipients(this.dataSource.manager, {
      userId: notice.recipient_user_id,
      organizationId: notice.recipient_organization_id,
    });
    const off = await usersWithMailOff(
      this.dataSource.manager,
      recipients.map((r) => r.id),
      notice.kind,
    );
    for (const r of recipients) {
      if (off.has(r.id)) outcome.optedOut++;
      // No SMTP_URL: the mail is logged, never recorded as sent (emailed_at stays null).
      else if (!this.transport.delivers) await this.transport.send(this.outgoing(notice, r)).then(() => outcome.logged++);
      else if (await this.sendOnce(notice, r)) outcome.sent++;
      else outcome.already++;
    }
    await settleNoticeMail(this.dataSource.manager, notificationId);
    return outcome;
  }

  private outgoing(notice: NoticeForMail, r: MailRecipient): OutgoingMail {
    const mail = composeNoticeMail(notice, { userId: r.id, language: r.language }, this.config.mail.fromDomain);
    return { notificationId: notice.id, recipientUserId: r.id, to: r.email, language: r.language, ...mail };
  }

  /** True when this run sent it; false when an earlier run had. */
  private sendOnce(notice: NoticeForMail, r: MailRecipient): Promise<boolean> {
    const mail = this.outgoing(notice, r);
    return this.dataSource.transaction(async (em) => {
      const claim = await claimMail(em, {
        notificationId: notice.id,
        userId: r.id,
        language: r.language,
        messageId: mail.messageId,
      });
      if (claim.sent_at) return false;
      await this.transport.send({ ...mail, messageId: claim.message_id });
      await markMailSent(em, notice.id, r.id, r.language);
      return true;
    });
  }
}
