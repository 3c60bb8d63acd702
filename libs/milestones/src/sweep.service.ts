import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, formatDuration } from '@app/common/config';
import { JobName, JobScheduler, jobIds } from '@app/jobs';
import { NoticeMailScheduler } from './mail/notice-mail-scheduler';
import { MILESTONES_SETTINGS, MilestonesSettings } from './milestones-settings';
import { InsertedNotice } from './repositories/notifications.repository';
import * as batches from './repositories/sweep.repository';

export interface SweepCounts {
  reminders: number;
  overdue: number;
  overdueNotices: number;
  notMet: number;
  slaReminders: number;
  stageGateNotices: number;
}

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
  /** Per reminder offset: the database's now() at the start of this process's last sweep pass. */
  private readonly reminderMarks = new Map<string, { passNow: Date }>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scheduler: JobScheduler,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(MILESTONES_SETTINGS) private readonly settings: MilestonesSettings,
    private readonly mails: NoticeMailScheduler,
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
    const row = await batches.stageGateNotices(this.dataSource.manager);
    await this.deliver(row.mails);
    return Number(row.n);
  }

  async overdueBatch(): Promise<{ marked: number; notices: number }> {
    const row = await batches.overdueBatch(this.dataSource.manager, this.settings.sweepBatch, this.settings.graceMs);
    await this.deliver(row.mails);
    return { marked: Number(row.marked), notices: Number(row.notices) };
  }

  async reminderBatch(
    offsetMs: number,
    key: string,
    innerMs: number,
    since: Date | null = null,
  ): Promise<{ n: number; now: Date }> {
    const row = await batches.reminderBatch(this.dataSource.manager, {
      limit: this.settings.sweepBatch,
      key,
      offsetMs,
      innerMs,
      since,
    });
    await this.deliver(row.mails);
    return { n: Number(row.n), now: row.now };
  }

  async notMetBatch(): Promise<number> {
    const row = await batches.notMetBatch(this.dataSource.manager, this.settings.sweepBatch);
    await this.deliver(row.mails);
    return Number(row.n);
  }

  async slaBatch(): Promise<number> {
    const row = await batches.slaBatch(this.dataSource.manager, this.settings.sweepBatch, this.config.reviewSlaMs);
    await this.deliver(row.mails);
    return Number(row.n);
  }

  /** When the next reminder, overdue, grace end or review SLA falls due (null: nothing pending). */
  async nextWakeAt(): Promise<Date | null> {
    return (await this.nextWake()).next;
  }

  /** The next due instant and the database's clock now (to tell "due already" from "later"). */
  async nextWake(): Promise<{ next: Date | null; now: Date }> {
    const row = await batches.nextWake(this.dataSource.manager, {
      reviewSlaMs: this.config.reviewSlaMs,
      reminderOffsetsMs: this.offsets().map((off) => off.ms),
    });
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

  /** The notices a statement inserted (committed: each statement is its own transaction) get their mail jobs. */
  private async deliver(notices: InsertedNotice[] | null): Promise<void> {
    if (notices?.length) await this.mails.schedule(notices.map((n) => n.id));
  }
}
