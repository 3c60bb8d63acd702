import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { formatDuration } from '@app/common/config/duration';
import { loggableError } from '@app/common/problem/loggable-error';
import { JobName, JobScheduler, jobIds } from '@app/jobs';
import { MAIL_TRANSPORT, MailTransport, OutgoingMail } from './mail-transport';
import { MILESTONES_SETTINGS, MilestonesSettings } from './milestones-settings';
import { rowsOf } from './sql';

export interface SweepCounts {
  reminders: number;
  overdue: number;
  overdueNotices: number;
  notMet: number;
  slaReminders: number;
  stageGateNotices: number;
}

type NoticeRow = {
  id: string;
  recipient_user_id: string | null;
  recipient_organization_id: string | null;
  title: string;
  body: string;
};

/**
 * The batch side of milestones' time-driven work. Each step is ONE statement per batch of
 * `MILESTONE_SWEEP_BATCH` rows (default 1,000), picking rows with `FOR UPDATE SKIP LOCKED` so two
 * workers sweeping at once split the rows instead of waiting on each other, and inserting the
 * notices in the same statement (so a row is never marked without its notice). Idempotent:
 * notices are unique by (kind, subject, offset); the status change is guarded by the status itself.
 *
 *  - reminders: for each `MILESTONE_REMINDERS` offset, a notice to the team of each scheduled
 *    milestone whose due time is within the offset (only the nearest offset's window, so a
 *    milestone planned 2 days ahead gets the 3-day reminder, not also the 14-day one);
 *  - overdue: scheduled → overdue at due_at, a grace period row (due + MILESTONE_GRACE), a notice
 *    to the program manager (the agency when there is none);
 *  - not met: an overdue milestone whose grace period ended → not_met, a notice to the team;
 *  - review SLA: a submission waiting longer than REVIEW_SLA → a notice to the program manager.
 *
 * Time is the database's now(). `nextWakeAt()` is when the next of these becomes due.
 */
@Injectable()
export class SweepService {
  private readonly logger = new Logger('MilestonesSweep');
  /** Per reminder offset: the database's now() at the start of this process's last sweep pass. */
  private readonly reminderMarks = new Map<string, { passNow: Date }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scheduler: JobScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MILESTONES_SETTINGS) private readonly settings: MilestonesSettings,
    @Inject(MAIL_TRANSPORT) private readonly mail: MailTransport,
  ) {}

  /** Reminder offsets, longest first, each with the next shorter one (0 for the last). */
  private offsets(): { ms: number; key: string; innerMs: number }[] {
    const sorted = [...new Set(this.config.milestoneRemindersMs)].filter((ms) => ms > 0).sort((a, b) => b - a);
    return sorted.map((ms, i) => ({ ms, key: formatDuration(ms), innerMs: sorted[i + 1] ?? 0 }));
  }

  /** Everything due up to now, in batches, until nothing is left. */
  async runAll(): Promise<SweepCounts> {
    const counts: SweepCounts = { reminders: 0, overdue: 0, overdueNotices: 0, notMet: 0, slaReminders: 0, stageGateNotices: 0 };
    for (;;) {
      const o = await this.overdueBatch();
      counts.overdue += o.marked;
      counts.overdueNotices += o.notices;
      if (o.marked < this.settings.sweepBatch) break;
    }
    for (const off of this.offsets()) {
      // Incremental: only milestones that entered the window since this process's last pass (a
      // watermark, 2 s of slack); the first pass of a process is a full one. Milestones planned or
      // moved into a window meanwhile are caught by `fullReminderPass`, which the reconciler runs
      // (on the maintenance queue, so a full scan never holds up the overdue path). Either way the
      // unique key makes a second notice impossible.
      const mark = this.reminderMarks.get(off.key);
      const since = mark ? new Date(mark.passNow.getTime() + off.ms - 2_000) : null;
      counts.reminders += await this.reminderPass(off, since);
    }
    for (;;) {
      const n = await this.notMetBatch();
      counts.notMet += n;
      if (n < this.settings.sweepBatch) break;
    }
    for (;;) {
      const n = await this.slaBatch();
      counts.slaReminders += n;
      if (n < this.settings.sweepBatch) break;
    }
    counts.stageGateNotices = await this.stageGateNotices();
    return counts;
  }

  /** Every reminder due now, whatever the watermarks say (the reconciler's safety net). */
  async fullReminderPass(): Promise<number> {
    let n = 0;
    for (const off of this.offsets()) n += await this.reminderPass(off, null);
    return n;
  }

  private async reminderPass(off: { ms: number; key: string; innerMs: number }, since: Date | null): Promise<number> {
    let passNow: Date | null = null;
    let n = 0;
    for (;;) {
      const r = await this.reminderBatch(off.ms, off.key, off.innerMs, since);
      passNow ??= r.now;
      n += r.n;
      if (r.n < this.settings.sweepBatch) break;
    }
    if (since !== null || !this.reminderMarks.has(off.key)) this.reminderMarks.set(off.key, { passNow: passNow as Date });
    return n;
  }

  /**
   * The end of a horse-race stage: a notice to the agency that stage n's gate is due, once per
   * (challenge, stage) — when the stage has ended (database clock), its gate is not decided yet and
   * the race still has live projects. Few rows (one per stage of awarded horse races): no batching.
   */
  async stageGateNotices(): Promise<number> {
    const rows = rowsOf<{ n: string; mails: NoticeRow[] | null }>(
      await this.dataSource.query(
        `WITH notes AS (
           INSERT INTO notifications (kind, subject_id, offset_key, recipient_user_id, title, body, due_at, created_at)
           SELECT 'stage.gate_due', c.id, s.ord::text, c.agency_id, '赛马阶段评估到期 / Stage gate due: ' || c.title || ' #' || s.ord,
                  'Stage ' || s.ord || ' (' || coalesce(s.v->>'name', '') || ') of "' || c.title || '" has ended; its gate is due.',
                  (s.v->>'endsAt')::timestamptz, clock_timestamp()
             FROM challenges c CROSS JOIN LATERAL jsonb_array_elements(c.stages) WITH ORDINALITY AS s(v, ord)
            WHERE c.mechanism = 'horse_race' AND c.status = 'awarded' AND (s.v->>'endsAt')::timestamptz <= now()
              AND NOT EXISTS (SELECT 1 FROM stage_gates g WHERE g.challenge_id = c.id AND g.stage = s.ord)
              AND EXISTS (SELECT 1 FROM projects p WHERE p.challenge_id = c.id AND p.status IN ('publicity', 'active'))
           ON CONFLICT (kind, subject_id, offset_key) DO NOTHING
           RETURNING id, recipient_user_id, recipient_organization_id, title, body
         ) SELECT count(*) AS n, json_agg(notes) AS mails FROM notes`,
      ),
    );
    await this.deliver(rows[0].mails);
    return Number(rows[0].n);
  }

  async overdueBatch(): Promise<{ marked: number; notices: number }> {
    const rows = rowsOf<{ marked: string; notices: string; mails: NoticeRow[] | null }>(
      await this.dataSource.query(
        `WITH due AS (
           SELECT m.id FROM project_milestones m
            WHERE m.status = 'scheduled' AND m.due_at <= now()
            ORDER BY m.due_at LIMIT $1 FOR UPDATE OF m SKIP LOCKED
         ), upd AS (
           UPDATE project_milestones m SET status = 'overdue', updated_at = now() FROM due
            WHERE m.id = due.id AND m.status = 'scheduled'
           RETURNING m.id, m.project_id, m.due_at, m.title
         ), grace AS (
           INSERT INTO milestone_grace_periods (milestone_id, ends_at)
           SELECT id, due_at + $2 * interval '1 millisecond' FROM upd
           ON CONFLICT (milestone_id) DO UPDATE SET ends_at = EXCLUDED.ends_at RETURNING 1
         ), notes AS (
           INSERT INTO notifications (kind, subject_id, offset_key, recipient_user_id, project_id, title, body, due_at, created_at)
           SELECT 'milestone.overdue', upd.id, '', coalesce(p.program_manager_id, c.agency_id), p.id,
                  '里程碑逾期 / Milestone overdue: ' || upd.title,
                  'Project "' || p.title || '": milestone "' || upd.title || '" was due at ' || to_char(upd.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' with no submission.',
                  upd.due_at, clock_timestamp()
             FROM upd JOIN projects p ON p.id = upd.project_id JOIN challenges c ON c.id = p.challenge_id
           ON CONFLICT (kind, subject_id, offset_key) DO NOTHING
           RETURNING id, recipient_user_id, recipient_organization_id, title, body
         )
         SELECT (SELECT count(*) FROM upd) AS marked, (SELECT count(*) FROM grace) AS graces, (SELECT count(*) FROM notes) AS notices,
                (SELECT json_agg(notes) FROM notes) AS mails`,
        [this.settings.sweepBatch, this.settings.graceMs],
      ),
    );
    await this.deliver(rows[0].mails);
    return { marked: Number(rows[0].marked), notices: Number(rows[0].notices) };
  }

  async reminderBatch(
    offsetMs: number,
    key: string,
    innerMs: number,
    since: Date | null = null,
  ): Promise<{ n: number; now: Date }> {
    const rows = rowsOf<{ n: string; mails: NoticeRow[] | null; now: Date }>(
      await this.dataSource.query(
        `WITH notes AS (
           INSERT INTO notifications (kind, subject_id, offset_key, recipient_organization_id, project_id, title, body, due_at, created_at)
           SELECT 'milestone.reminder', m.id, $2::varchar, p.organization_id, p.id,
                  '里程碑即将到期 / Milestone due soon: ' || m.title,
                  'Project "' || p.title || '": milestone "' || m.title || '" is due at ' || to_char(m.due_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || '.',
                  m.due_at, clock_timestamp()
             FROM project_milestones m JOIN projects p ON p.id = m.project_id
            WHERE m.status = 'scheduled' AND p.status IN ('publicity', 'active')
              AND m.due_at > now() + $4 * interval '1 millisecond' AND m.due_at <= now() + $3 * interval '1 millisecond'
              ${since ? `AND m.due_at > $5::timestamptz` : ''}
              AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.kind = 'milestone.reminder' AND n.subject_id = m.id AND n.offset_key = $2::varchar)
            ORDER BY m.due_at LIMIT $1
           ON CONFLICT (kind, subject_id, offset_key) DO NOTHING
           RETURNING id, recipient_user_id, recipient_organization_id, title, body
         ) SELECT count(*) AS n, json_agg(notes) AS mails, now() AS now FROM notes`,
        since ? [this.settings.sweepBatch, key, offsetMs, innerMs, since] : [this.settings.sweepBatch, key, offsetMs, innerMs],
      ),
    );
    await this.deliver(rows[0].mails);
    return { n: Number(rows[0].n), now: rows[0].now };
  }

  async notMetBatch(): Promise<number> {
    const rows = rowsOf<{ n: string; mails: NoticeRow[] | null }>(
      await this.dataSource.query(
        `WITH ended AS (
           DELETE FROM milestone_grace_periods g WHERE g.milestone_id IN (
             SELECT milestone_id FROM milestone_grace_periods WHERE ends_at <= now() ORDER BY ends_at LIMIT $1 FOR UPDATE SKIP LOCKED)
           RETURNING g.milestone_id
         ), upd AS (
           UPDATE project_milestones m SET status = 'not_met', updated_at = now() FROM ended
            WHERE m.id = ended.milestone_id AND m.status = 'overdue'
           RETURNING m.id, m.project_id, m.title, m.due_at
         ), notes AS (
           INSERT INTO notifications (kind, subject_id, offset_key, recipient_organization_id, project_id, title, body, due_at, created_at)
           SELECT 'milestone.not_met', upd.id, '', p.organization_id, p.id, '里程碑未完成 / Milestone not met: ' || upd.title,
                  'The grace period for milestone "' || upd.title || '" is over; it is recorded as not met.', upd.due_at, clock_timestamp()
             FROM upd JOIN projects p ON p.id = upd.project_id
           ON CONFLICT (kind, subject_id, offset_key) DO NOTHING
           RETURNING id, recipient_user_id, recipient_organization_id, title, body
         ) SELECT (SELECT count(*) FROM ended) AS n, (SELECT json_agg(notes) FROM notes) AS mails`,
        [this.settings.sweepBatch],
      ),
    );
    await this.deliver(rows[0].mails);
    return Number(rows[0].n);
  }

  async slaBatch(): Promise<number> {
    const rows = rowsOf<{ n: string; mails: NoticeRow[] | null }>(
      await this.dataSource.query(
        `WITH due AS (
           SELECT s.id FROM milestone_submissions s
            WHERE s.decision IS NULL AND s.sla_reminded_at IS NULL AND s.submitted_at <= now() - $2 * interval '1 millisecond'
            ORDER BY s.submitted_at LIMIT $1 FOR UPDATE SKIP LOCKED
         ), upd AS (
           UPDATE milestone_submissions s SET sla_reminded_at = now() FROM due WHERE s.id = due.id
           RETURNING s.id, s.milestone_id, s.project_id, s.submitted_at
         ), notes AS (
           INSERT INTO notifications (kind, subject_id, offset_key, recipient_user_id, project_id, title, body, due_at, created_at)
           SELECT 'review.sla', upd.id, '', coalesce(p.program_manager_id, c.agency_id), p.id, '待审里程碑超时 / Review overdue: ' || m.title,
                  'A submission for milestone "' || m.title || '" has waited longer than the review SLA.',
                  upd.submitted_at + $2 * interval '1 millisecond', clock_timestamp()
             FROM upd JOIN projects p ON p.id = upd.project_id JOIN challenges c ON c.id = p.challenge_id
             JOIN project_milestones m ON m.id = upd.milestone_id
           ON CONFLICT (kind, subject_id, offset_key) DO NOTHING
           RETURNING id, recipient_user_id, recipient_organization_id, title, body
         ) SELECT (SELECT count(*) FROM upd) AS n, (SELECT json_agg(notes) FROM notes) AS mails`,
        [this.settings.sweepBatch, this.config.reviewSlaMs],
      ),
    );
    await this.deliver(rows[0].mails);
    return Number(rows[0].n);
  }

  /** When the next reminder, overdue, grace end or review SLA falls due (null: nothing pending). */
  async nextWakeAt(): Promise<Date | null> {
    return (await this.nextWake()).next;
  }

  /** The next due instant and the database's clock now (to tell "due already" from "later"). */
  async nextWake(): Promise<{ next: Date | null; now: Date }> {
    const parts = [
      `(SELECT min(due_at) FROM project_milestones WHERE status = 'scheduled')`,
      `(SELECT min(ends_at) FROM milestone_grace_periods)`,
      `(SELECT min(submitted_at) + $1 * interval '1 millisecond' FROM milestone_submissions WHERE decision IS NULL AND sla_reminded_at IS NULL)`,
    ];
    parts.push(
      `(SELECT min((s.v->>'endsAt')::timestamptz) FROM challenges c CROSS JOIN LATERAL jsonb_array_elements(c.stages) AS s(v)
         WHERE c.mechanism = 'horse_race' AND c.status = 'awarded' AND (s.v->>'endsAt')::timestamptz > now())`,
    );
    const params: unknown[] = [this.config.reviewSlaMs];
    for (const off of this.offsets()) {
      params.push(off.ms);
      parts.push(
        `(SELECT min(due_at) - $${params.length} * interval '1 millisecond' FROM project_milestones WHERE status = 'scheduled' AND due_at > now() + $${params.length} * interval '1 millisecond')`,
      );
    }
    const [row] = rowsOf<{ next: Date | null; now: Date }>(
      await this.dataSource.query(`SELECT least(${parts.join(', ')}) AS next, clock_timestamp() AS now`, params),
    );
    return { next: row?.next ?? null, now: row.now };
  }

  /** Schedule a sweep at `at` (now when in the past). One job per instant: waking twice keeps one. */
  async wakeAt(at: Date): Promise<boolean> {
    const ms = Math.max(Date.now(), at.getTime());
    return this.scheduler.trySchedule(JobName.MilestonesSweep, {}, { jobId: jobIds.milestonesSweep(ms), runAt: new Date(ms) });
  }

  /** Schedule the next sweep from what the database says is pending (at least 1 ms from now, so never the running sweep's own id). */
  async scheduleNext(): Promise<Date | null> {
    const { next } = await this.nextWake();
    if (next) {
      const ms = Math.max(Date.now() + 1, next.getTime());
      await this.scheduler.schedule(JobName.MilestonesSweep, {}, { jobId: jobIds.milestonesSweep(ms), runAt: new Date(ms) });
    }
    return next;
  }

  /**
   * The sweep job's body: sweep, and while more is already due (dense due times: a minute with
   * 100,000 of them) sweep again at once instead of going through a delayed job — up to `budgetMs`;
   * then schedule the next sweep at the next due instant.
   */
  async runUntilIdle(budgetMs = 5_000): Promise<SweepCounts> {
    const total: SweepCounts = { reminders: 0, overdue: 0, overdueNotices: 0, notMet: 0, slaReminders: 0, stageGateNotices: 0 };
    const end = Date.now() + budgetMs;
    for (;;) {
      const c = await this.runAll();
      for (const k of Object.keys(total) as (keyof SweepCounts)[]) total[k] += c[k];
      const { next, now } = await this.nextWake();
      if (next && next.getTime() <= now.getTime() + 2 && Date.now() < end) {
        if (next.getTime() > now.getTime()) await new Promise((r) => setTimeout(r, next.getTime() - now.getTime()));
        continue;
      }
      if (next) {
        const ms = Math.max(Date.now() + 1, next.getTime());
        await this.scheduler.schedule(JobName.MilestonesSweep, {}, { jobId: jobIds.milestonesSweep(ms), runAt: new Date(ms) });
      }
      return total;
    }
  }

  private async deliver(mails: NoticeRow[] | null): Promise<void> {
    if (!mails?.length) return;
    const out: OutgoingMail[] = mails.map((m) => ({
      notificationId: m.id,
      recipientUserId: m.recipient_user_id,
      recipientOrganizationId: m.recipient_organization_id,
      subject: m.title,
      text: m.body,
    }));
    try {
      await this.mail.send(out);
      // The stored record says it went out; a failed send leaves emailed_at null for a later retry.
      await this.dataSource.query(`UPDATE notifications SET emailed_at = now() WHERE id = ANY($1::uuid[])`, [
        out.map((m) => m.notificationId),
      ]);
    } catch (err) {
      this.logger.error({ err: loggableError(err) }, 'mail transport failed; the notices are stored');
    }
  }
}
