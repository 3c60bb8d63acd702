import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LedgerEntryForMilestones, chainsBehind, ledgerEntriesAfter } from '@app/audit';
import { JobName, JobScheduler, jobIds } from '@app/jobs';
import { NoticeMailScheduler } from '../mail/notice-mail-scheduler';
import { MILESTONES_SETTINGS, MilestonesSettings } from '../milestones-settings';
import {
  insertConsentReminders,
  insertDeadlineReminders,
  insertLedgerNotices,
  lockNoticeCursor,
  moveNoticeCursor,
  noticeCursors,
} from '../repositories/notice-ledger.repository';
import { reminderBands } from './deadline-reminders';
import { LedgerEntryForNotices } from './ledger-notice-rules';
import { planNoticeBatch } from './notice-batch';
import { loadNoticeFacts } from './notice-facts';

/** Entries per chain per transaction, and chains per round. */
const ENTRY_BATCH = 200;
const CHAIN_BATCH = 100;
/** Rounds per run at most: a run stays short; the next one (NOTICES_EVERY later) goes on. */
const MAX_ROUNDS = 50;

export interface NoticesRun {
  entries: number;
  notices: number;
  reminders: number;
}

const entryOf = (r: LedgerEntryForMilestones): LedgerEntryForNotices => ({
  id: r.id,
  chain: r.chain,
  seq: Number(r.seq),
  challengeId: r.challenge_id,
  action: r.action,
  subjectId: r.subject_id,
  after: r.after,
});

/**
 * Writes the notices the ledger's entries give (ledger-notice-rules.ts) and the bid-deadline
 * reminders. Exactly once: per chain, the cursor is locked, the entries after it read, their
 * notices inserted (unique per entry, kind and recipient) and the cursor moved, in one
 * transaction — a killed worker rolls all of it back, a second worker skips the locked chain, and a
 * re-read entry inserts nothing.
 */
@Injectable()
export class LedgerNoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(MILESTONES_SETTINGS) private readonly settings: MilestonesSettings,
    private readonly mails: NoticeMailScheduler,
    private readonly scheduler: JobScheduler,
  ) {}

  async runUntilIdle(): Promise<NoticesRun> {
    const run: NoticesRun = { entries: 0, notices: 0, reminders: 0 };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const chains = await chainsBehind(this.dataSource.manager, noticeCursors(), CHAIN_BATCH);
      let progressed = 0;
      for (const chain of chains) {
        const done = await this.catchUpChain(chain);
        progressed += done.entries;
        run.entries += done.entries;
        run.notices += done.notices;
      }
      if (!progressed) break;
    }
    run.reminders = await this.remindDeadlines();
    return run;
  }

  /** One transaction: the chain's next entries' notices and the cursor's move; then their mail jobs. */
  private async catchUpChain(chain: string): Promise<{ entries: number; notices: number }> {
    const { entries, ids } = await this.dataSource.transaction(async (em) => {
      const seq = await lockNoticeCursor(em, chain);
      if (seq === undefined) return { entries: 0, ids: [] };
      const read = [];
      for (const r of await ledgerEntriesAfter(em, chain, seq, ENTRY_BATCH)) {
        const entry = entryOf(r);
        read.push({ entry, facts: await loadNoticeFacts(em, entry) });
      }
      const batch = planNoticeBatch(seq, read);
      const inserted = await insertLedgerNotices(em, batch.notices);
      if (batch.cursor > seq) await moveNoticeCursor(em, chain, batch.cursor);
      return { entries: read.length, ids: inserted.map((i) => i.id) };
    });
    await this.mails.schedule(ids);
    return { entries, notices: ids.length };
  }

  /**
   * Each reminder band's notices (each a set-based statement, idempotent by its key): unfinished
   * bids, and consortium consent still missing (the members asked, the lead whose bid would not open).
   */
  async remindDeadlines(): Promise<number> {
    let n = 0;
    for (const band of reminderBands(this.settings.bidDeadlineRemindersMs)) {
      for (const insert of [insertDeadlineReminders, insertConsentReminders]) {
        const inserted = await insert(this.dataSource.manager, band);
        await this.mails.schedule(inserted.map((i) => i.id));
        n += inserted.length;
      }
    }
    return n;
  }

  /** The next run on the NOTICES_EVERY grid: every replica asking for it keeps one job. */
  async scheduleNext(): Promise<void> {
    const every = this.settings.noticesEveryMs;
    const atMs = (Math.floor(Date.now() / every) + 1) * every;
    await this.scheduler.schedule(JobName.NoticesSweep, {}, { jobId: jobIds.noticesSweep(atMs), runAt: new Date(atMs) });
  }
}
