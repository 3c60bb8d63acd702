import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices mailed through SMTP (issue 19, item 11).
 * - `users.language` (libs/identity): the language a user reads mail in, `zh` (default) or `en`.
 * - `notifications.mail_pending` (libs/milestones): true while a notice's mail job has work left.
 *   Rows that exist before this migration were never meant to be mailed (they were only logged):
 *   the column is added with default false, then the default becomes true for new notices.
 * - `notification_mails` (libs/milestones): one row per (notice, recipient user); `sent_at` is
 *   set in the transaction that held the row's lock while the SMTP server accepted the message,
 *   so a mail is sent once (see libs/milestones/src/mail/notification-mailer.service.ts).
 * - `notification_preferences` (libs/milestones): a user's mail on/off per notification kind; no
 *   row means on. In-app notices are always on.
 */
export class NotificationMail1795613900000 implements MigrationInterface {
  name = 'NotificationMail1795613900000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "users" ADD "language" character varying(2) NOT NULL DEFAULT 'zh'`);
    await q.query(`ALTER TABLE "users" ADD CONSTRAINT "CHK_users_language" CHECK ("language" IN ('zh', 'en'))`);
    await q.query(`ALTER TABLE "notifications" ADD "mail_pending" boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE "notifications" ALTER COLUMN "mail_pending" SET DEFAULT true`);
    await q.query(`CREATE INDEX "IDX_notifications_mail_pending" ON "notifications" ("created_at") WHERE "mail_pending"`);
    await q.query(`
      CREATE TABLE "notification_mails" (
        "notification_id" uuid NOT NULL REFERENCES "notifications"("id") ON DELETE CASCADE,
        "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
        "language" character varying(2) NOT NULL,
        "message_id" character varying(300) NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "sent_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_notification_mails" PRIMARY KEY ("notification_id", "user_id")
      )`);
    await q.query(`
      CREATE TABLE "notification_preferences" (
        "user_id" uuid NOT NULL REFERENCES "users"("id") ON DELETE CASCADE,
        "kind" character varying(40) NOT NULL,
        "mail" boolean NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_notification_preferences" PRIMARY KEY ("user_id", "kind")
      )`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE "notification_preferences"`);
    await q.query(`DROP TABLE "notification_mails"`);
    await q.query(`DROP INDEX "IDX_notifications_mail_pending"`);
    await q.query(`ALTER TABLE "notifications" DROP COLUMN "mail_pending"`);
    await q.query(`ALTER TABLE "users" DROP CONSTRAINT "CHK_users_language"`);
    await q.query(`ALTER TABLE "users" DROP COLUMN "language"`);
  }
}
