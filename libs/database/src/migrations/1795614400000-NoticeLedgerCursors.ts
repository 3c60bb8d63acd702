import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notices derived from the audit ledger (issue 19, item 10; libs/milestones/src/notices).
 *
 * `notice_ledger_cursors` (libs/milestones): per ledger chain, the last entry (`seq`) whose notices
 * have been written. Within one chain entries commit in `seq` order (the chain head stays locked
 * until the appending transaction ends), so "everything after seq" never skips an entry that
 * commits late. The notices of an entry and the cursor's move commit in one transaction.
 *
 * A derived notice is keyed by the existing `UQ_notifications_key` (kind, subject_id, offset_key)
 * with `subject_id` = the ledger entry and `offset_key` = the recipient (a user's or an
 * organisation's id), so an entry gives each recipient each kind at most once.
 *
 * `notifications.offset_key` grows to 80 characters: a bid-deadline reminder's key is its window
 * (ms) and the organisation, once per (challenge, window, organisation).
 *
 * The cursors start at the chains' current heads: a deployment that already has a ledger does not
 * flood its users with notices about the past.
 */
export class NoticeLedgerCursors1795614400000 implements MigrationInterface {
  name = 'NoticeLedgerCursors1795614400000';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "notice_ledger_cursors" (
        "chain" character varying(64) NOT NULL,
        "seq" bigint NOT NULL,
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_notice_ledger_cursors" PRIMARY KEY ("chain"),
        CONSTRAINT "CHK_notice_ledger_cursors_seq" CHECK ("seq" >= 0)
      )`);
    await q.query(`INSERT INTO "notice_ledger_cursors" ("chain", "seq") SELECT "chain", "seq" FROM "audit_chain_heads"`);
    await q.query(`ALTER TABLE "notifications" ALTER COLUMN "offset_key" TYPE character varying(80)`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM "notifications" WHERE length("offset_key") > 40`);
    await q.query(`ALTER TABLE "notifications" ALTER COLUMN "offset_key" TYPE character varying(40)`);
    await q.query(`DROP TABLE "notice_ledger_cursors"`);
  }
}
