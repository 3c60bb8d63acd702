/**
 * Every queue and every job of the product, in one place (see libs/jobs/README.md).
 *
 * Adding a job means: its name in `JobName`, its payload type in `JobPayloads`, its queue in
 * `QUEUE_OF_JOB`, a deterministic id in `jobIds`, and exactly one `*.job.ts` handler
 * (`@JobHandler(JobName.X)`) in a module that apps/worker imports. The worker refuses to start
 * when a name has no handler, or two.
 *
 * The rules every handler follows:
 * - A payload carries ids, never state. The handler re-reads the rows.
 * - A handler is idempotent: it does nothing when the state has moved on (the challenge is already
 *   closed, the milestone already met), so a job that runs twice, late, or after a retry is harmless.
 * - Whether something is due is judged by the database's `now()`, not by the worker's clock. A
 *   handler that finds it is too early throws `new JobTooEarly(ms)` and runs again later.
 * - Work that changes state and its audit entry happen in one transaction.
 * - Every job that can be lost (Redis flushed, worker killed) is re-created by a `@Reconciler()`
 *   from what the database says is due.
 */
export enum QueueName {
  Challenges = 'challenges',
  Awards = 'awards',
  Milestones = 'milestones',
  Maintenance = 'maintenance',
  /** Notices mailed through SMTP: a slow or absent mail server never holds up the other queues. */
  Mail = 'mail',
}

export enum JobName {
  /** Close a challenge when its bid deadline has passed (by the database's clock). */
  ChallengeClose = 'challenge.close',
  /** End a project's publicity period (公示期): publicity → active, unless an objection is open. */
  ProjectPublicityEnd = 'project.publicity_end',
  /** End a stage gate's publicity period: its result becomes final, unless an objection is open (libs/awards). */
  GatePublicityEnd = 'gate.publicity_end',
  /**
   * Milestones' time-driven work, in batches (libs/milestones): reminders before due dates, overdue
   * at the due time with a notice to the program manager, not_met when a grace period ends, the
   * review-SLA reminder. One job handles everything due up to the database's now().
   */
  MilestonesSweep = 'milestones.sweep',
  /** Pay one accepted milestone's tranche (exactly once: disbursements.milestone_id is unique). */
  MilestoneDisburse = 'milestone.disburse',
  /** Re-schedule whatever the database says is due: a lost Redis delays work, never loses it. */
  Reconcile = 'maintenance.reconcile',
  /** Delete uploads not attached within DOCUMENT_ORPHAN_TTL, row and stored object (libs/documents). */
  DocumentsOrphanSweep = 'documents.orphan_sweep',
  /**
   * Mail one notice to each of its recipients who wants this kind by mail, in their language
   * (libs/milestones). Retried with backoff while the SMTP server refuses; each mail goes out once.
   */
  NotificationMail = 'notification.mail',
  /**
   * Notices derived from the audit ledger (a question, an answer, a bid's receipt, an award, …),
   * one per (entry, kind, recipient), and the bid-deadline reminders (libs/milestones). Repeats
   * every NOTICES_EVERY; each run catches up with the ledger from its stored cursors.
   */
  NoticesSweep = 'notices.sweep',
}

/** Jobs carry ids, never state: the handler re-reads the rows. */
export interface JobPayloads {
  [JobName.ChallengeClose]: { challengeId: string };
  [JobName.ProjectPublicityEnd]: { projectId: string };
  [JobName.GatePublicityEnd]: { gateId: string };
  [JobName.MilestonesSweep]: Record<string, never>;
  [JobName.MilestoneDisburse]: { milestoneId: string };
  [JobName.Reconcile]: Record<string, never>;
  [JobName.DocumentsOrphanSweep]: Record<string, never>;
  [JobName.NotificationMail]: { notificationId: string };
  [JobName.NoticesSweep]: Record<string, never>;
}

export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  [JobName.ChallengeClose]: QueueName.Challenges,
  [JobName.ProjectPublicityEnd]: QueueName.Awards,
  [JobName.GatePublicityEnd]: QueueName.Awards,
  [JobName.MilestonesSweep]: QueueName.Milestones,
  [JobName.MilestoneDisburse]: QueueName.Milestones,
  [JobName.Reconcile]: QueueName.Maintenance,
  [JobName.DocumentsOrphanSweep]: QueueName.Maintenance,
  [JobName.NotificationMail]: QueueName.Mail,
  [JobName.NoticesSweep]: QueueName.Milestones,
};

/** Deterministic job ids, so scheduling the same thing twice is harmless. */
export const jobIds = {
  challengeClose: (challengeId: string) => `challenge:${challengeId}:close`,
  projectPublicityEnd: (projectId: string) => `project:${projectId}:publicity`,
  gatePublicityEnd: (gateId: string) => `gate:${gateId}:publicity`,
  /** One sweep per wake-up instant (ms since the epoch): waking twice for the same instant keeps one job. */
  milestonesSweep: (atMs: number) => `milestones:sweep:${atMs}`,
  milestoneDisburse: (milestoneId: string) => `milestone:${milestoneId}:disburse`,
  reconcile: () => 'maintenance:reconcile',
  /** One sweep per wake-up instant (ms since the epoch), like the milestones sweep. */
  documentsOrphanSweep: (atMs: number) => `documents:orphans:${atMs}`,
  notificationMail: (notificationId: string) => `notification:${notificationId}:mail`,
  /** One run per wake-up instant (ms since the epoch, on the NOTICES_EVERY grid), so replicas keep one. */
  noticesSweep: (atMs: number) => `notices:sweep:${atMs}`,
};
