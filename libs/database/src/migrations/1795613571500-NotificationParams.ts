import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications become structured events: `kind` (already there, e.g. `disbursement.paid`) and
 * `params` (jsonb: amounts in fen as numbers, ids, titles, ISO instants). The wording, in Chinese
 * and English, is made where a notice is shown or mailed (libs/milestones/src/notifications/
 * notification-wording.ts), so a payment no longer reads "720000000 fen paid".
 *
 * Existing rows are backfilled from the rows they are about (a milestone, a disbursement, a
 * submission, a horse-race stage); a row of any other kind keeps its old text as
 * `{title, body}`, which the wording shows as it is. The `title` and `body` columns are then
 * dropped: nothing writes or reads them any more. `down` puts them back, filled with the kind.
 */
export class NotificationParams1795613571500 implements MigrationInterface {
  name = 'NotificationParams1795613571500';

  public async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "notifications" ADD "params" jsonb NOT NULL DEFAULT '{}'`);
    const isoOf = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
    await q.query(`
      UPDATE "notifications" n SET "params" = jsonb_build_object(
               'milestoneId', m.id, 'milestoneTitle', m.title, 'projectTitle', p.title, 'dueAt', ${isoOf('m.due_at')})
        FROM "project_milestones" m JOIN "projects" p ON p.id = m.project_id
       WHERE n.kind IN ('milestone.reminder', 'milestone.overdue', 'milestone.not_met') AND m.id = n.subject_id`);
    await q.query(`
      UPDATE "notifications" n SET "params" = jsonb_build_object(
               'milestoneId', m.id, 'milestoneTitle', m.title, 'dueAt', ${isoOf('m.due_at')}, 'comment', coalesce(s.comment, n.body))
        FROM "milestone_submissions" s JOIN "project_milestones" m ON m.id = s.milestone_id
       WHERE n.kind = 'milestone.rejected' AND s.id = n.subject_id`);
    await q.query(`
      UPDATE "notifications" n SET "params" = jsonb_build_object(
               'submissionId', s.id, 'milestoneId', m.id, 'milestoneTitle', m.title, 'submittedAt', ${isoOf('s.submitted_at')})
        FROM "milestone_submissions" s JOIN "project_milestones" m ON m.id = s.milestone_id
       WHERE n.kind = 'review.sla' AND s.id = n.subject_id`);
    await q.query(`
      UPDATE "notifications" n SET "params" = jsonb_build_object(
               'disbursementId', d.id, 'milestoneId', m.id, 'milestoneTitle', m.title, 'amountFen', d.amount_fen)
        FROM "disbursements" d JOIN "project_milestones" m ON m.id = d.milestone_id
       WHERE n.kind = 'disbursement.paid' AND d.id = n.subject_id`);
    await q.query(`
      UPDATE "notifications" n SET "params" = jsonb_build_object(
               'challengeId', c.id, 'challengeTitle', c.title, 'stage', s.ord, 'stageName', coalesce(s.v->>'name', ''),
               'endsAt', ${isoOf(`(s.v->>'endsAt')::timestamptz`)})
        FROM "challenges" c CROSS JOIN LATERAL jsonb_array_elements(c.stages) WITH ORDINALITY AS s(v, ord)
       WHERE n.kind = 'stage.gate_due' AND c.id = n.subject_id AND s.ord::text = n.offset_key`);
    // Whatever is left (another kind, or a row whose subject is gone) keeps its words.
    await q.query(`UPDATE "notifications" SET "params" = jsonb_build_object('title', title, 'body', body) WHERE "params" = '{}'`);
    await q.query(`ALTER TABLE "notifications" DROP COLUMN "title", DROP COLUMN "body"`);
  }

  public async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "notifications" ADD "title" character varying(300) NOT NULL DEFAULT '', ADD "body" text NOT NULL DEFAULT ''`,
    );
    await q.query(
      `UPDATE "notifications" SET "title" = coalesce("params"->>'title', "kind"), "body" = coalesce("params"->>'body', '')`,
    );
    await q.query(`ALTER TABLE "notifications" ALTER COLUMN "title" DROP DEFAULT`);
    await q.query(`ALTER TABLE "notifications" DROP COLUMN "params"`);
  }
}
