import { EntityManager } from 'typeorm';
import {
  hasLiveProjects,
  lockDueScheduledMilestones,
  markNotMet,
  markOverdue,
  milestoneTitleOf,
  nextScheduledDue,
  projectNoticeFacts,
  remindableMilestones,
  stageGateUndecided,
} from '@app/awards';
import { challengeAgencyOf, endedHorseRaceStages, nextHorseRaceStageEnd } from '@app/challenges';
import { Sql, joinSql, rawSql, runSql, sql } from '@app/database';
import { endDueGracePeriods, graceForOverdue, nextGraceEnd } from './grace-periods.repository';
import { lockSubmissionsPastSla, markSlaReminded, nextReviewSlaAt } from './milestone-submissions.repository';
import { INSERTED_NOTICE, InsertedNotice, isoText, noticeExists } from './notifications.repository';

/**
 * The sweep's statements: each is ONE statement per batch (rows picked `FOR UPDATE SKIP LOCKED`,
 * changed, and their notices inserted in the same statement, so a row is never marked without its
 * notice), composed from the owners' fragments. Notices carry `kind` and `params` only; the words
 * are made where they are shown or mailed. Every insert is idempotent by (kind, subject, offset).
 */

const ON_CONFLICT = sql`ON CONFLICT (kind, subject_id, offset_key) DO NOTHING RETURNING ${INSERTED_NOTICE}`;

/** The program manager of a project, or its challenge's agency when there is none (`p` a project-facts row). */
const managerOrAgency = sql`coalesce(p.program_manager_id, (${challengeAgencyOf(rawSql('p.challenge_id'))}))`;

const milestoneDueParams = (m: string) =>
  sql`jsonb_build_object('milestoneId', ${rawSql(`${m}.id`)}, 'milestoneTitle', ${rawSql(`${m}.title`)}, 'projectTitle', p.title,
                         'dueAt', ${isoText(rawSql(`${m}.due_at`))})`;

const factsOfProject = (projectIdColumn: string) => sql`CROSS JOIN LATERAL (${projectNoticeFacts(rawSql(projectIdColumn))}) p`;

type Mails = { mails: InsertedNotice[] | null };

export async function overdueBatch(em: EntityManager, limit: number, graceMs: number) {
  const [row] = await runSql<{ marked: string; notices: string } & Mails>(
    em,
    sql`WITH due AS (${lockDueScheduledMilestones(limit)}),
             upd AS (${markOverdue('due')}),
             grace AS (${graceForOverdue('upd', graceMs)}),
             notes AS (
               INSERT INTO notifications (kind, subject_id, offset_key, recipient_user_id, project_id, params, due_at, created_at)
               SELECT 'milestone.overdue', upd.id, '', ${managerOrAgency}, p.id, ${milestoneDueParams('upd')}, upd.due_at, clock_timestamp()
                 FROM upd ${factsOfProject('upd.project_id')}
               ${ON_CONFLICT})
        SELECT (SELECT count(*) FROM upd) AS marked, (SELECT count(*) FROM grace) AS graces, (SELECT count(*) FROM notes) AS notices,
               (SELECT json_agg(notes) FROM notes) AS mails`,
  );
  return row;
}

export async function reminderBatch(
  em: EntityManager,
  w: { limit: number; key: string; offsetMs: number; innerMs: number; since: Date | null },
) {
  const key = sql`${w.key}::varchar`;
  const remindable = remindableMilestones({
    ...w,
    unless: (milestoneId) => noticeExists('milestone.reminder', milestoneId, key),
  });
  const [row] = await runSql<{ n: string; now: Date } & Mails>(
    em,
    sql`WITH notes AS (
          INSERT INTO notifications (kind, subject_id, offset_key, recipient_organization_id, project_id, params, due_at, created_at)
          SELECT 'milestone.reminder', m.id, ${key}, m.organization_id, m.project_id,
                 jsonb_build_object('milestoneId', m.id, 'milestoneTitle', m.title, 'projectTitle', m.project_title,
                                    'dueAt', ${isoText(rawSql('m.due_at'))}),
                 m.due_at, clock_timestamp()
            FROM (${remindable}) m
          ${ON_CONFLICT}
        ) SELECT count(*) AS n, json_agg(notes) AS mails, now() AS now FROM notes`,
  );
  return row;
}

export async function notMetBatch(em: EntityManager, limit: number) {
  const [row] = await runSql<{ n: string } & Mails>(
    em,
    sql`WITH ended AS (${endDueGracePeriods(limit)}),
             upd AS (${markNotMet('ended')}),
             notes AS (
               INSERT INTO notifications (kind, subject_id, offset_key, recipient_organization_id, project_id, params, due_at, created_at)
               SELECT 'milestone.not_met', upd.id, '', p.organization_id, p.id, ${milestoneDueParams('upd')}, upd.due_at, clock_timestamp()
                 FROM upd ${factsOfProject('upd.project_id')}
               ${ON_CONFLICT})
        SELECT (SELECT count(*) FROM ended) AS n, (SELECT json_agg(notes) FROM notes) AS mails`,
  );
  return row;
}

export async function slaBatch(em: EntityManager, limit: number, slaMs: number) {
  const [row] = await runSql<{ n: string } & Mails>(
    em,
    sql`WITH due AS (${lockSubmissionsPastSla(limit, slaMs)}),
             upd AS (${markSlaReminded('due')}),
             notes AS (
               INSERT INTO notifications (kind, subject_id, offset_key, recipient_user_id, project_id, params, due_at, created_at)
               SELECT 'review.sla', upd.id, '', ${managerOrAgency}, p.id,
                      jsonb_build_object('submissionId', upd.id, 'milestoneId', upd.milestone_id, 'milestoneTitle', m.title,
                                         'submittedAt', ${isoText(rawSql('upd.submitted_at'))}),
                      upd.submitted_at + ${slaMs} * interval '1 millisecond', clock_timestamp()
                 FROM upd ${factsOfProject('upd.project_id')}
                 CROSS JOIN LATERAL (${milestoneTitleOf(rawSql('upd.milestone_id'))}) m
               ${ON_CONFLICT})
        SELECT (SELECT count(*) FROM upd) AS n, (SELECT json_agg(notes) FROM notes) AS mails`,
  );
  return row;
}

/** Once per (challenge, stage): the stage has ended, its gate is undecided and the race has live projects. */
export async function stageGateNotices(em: EntityManager) {
  const [row] = await runSql<{ n: string } & Mails>(
    em,
    sql`WITH notes AS (
          INSERT INTO notifications (kind, subject_id, offset_key, recipient_user_id, params, due_at, created_at)
          SELECT 'stage.gate_due', s.challenge_id, s.stage::text, s.agency_id,
                 jsonb_build_object('challengeId', s.challenge_id, 'challengeTitle', s.title, 'stage', s.stage, 'stageName', s.stage_name,
                                    'endsAt', ${isoText(rawSql('s.ends_at'))}),
                 s.ends_at, clock_timestamp()
            FROM (${endedHorseRaceStages()}) s
           WHERE ${stageGateUndecided(rawSql('s.challenge_id'), rawSql('s.stage'))} AND ${hasLiveProjects(rawSql('s.challenge_id'))}
          ${ON_CONFLICT}
        ) SELECT count(*) AS n, json_agg(notes) AS mails FROM notes`,
  );
  return row;
}

/** The next instant any sweep step falls due (least of indexed minima), and the database's clock. */
export async function nextWake(
  em: EntityManager,
  c: { reviewSlaMs: number; reminderOffsetsMs: number[] },
): Promise<{ next: Date | null; now: Date }> {
  const parts: Sql[] = [
    nextScheduledDue(),
    nextGraceEnd(),
    nextReviewSlaAt(c.reviewSlaMs),
    nextHorseRaceStageEnd(),
    ...c.reminderOffsetsMs.map((ms) => nextScheduledDue(ms)),
  ];
  const [row] = await runSql<{ next: Date | null; now: Date }>(
    em,
    sql`SELECT least(${joinSql(parts)}) AS next, clock_timestamp() AS now`,
  );
  return row;
}
