import { Injectable, SetMetadata, applyDecorators } from '@nestjs/common';
import { Job } from 'bullmq';
import { JobName, JobPayloads } from './job-names';

export const JOB_HANDLER = 'jobs:handler';
export const RECONCILER = 'jobs:reconciler';

/** What a `*.job.ts` class implements. It must be idempotent (see job-names.ts). */
export interface JobHandlerInstance<N extends JobName = JobName> {
  handle(payload: JobPayloads[N], job: Job): Promise<void>;
}

/**
 * Re-creates the jobs the database says are due; returns how many it (re-)scheduled. Called by the
 * repeatable reconcile job and once at worker start-up. Scheduling is idempotent by job id, so a
 * reconciler simply schedules everything that is due or pending.
 */
export interface ReconcilerInstance {
  reconcile(): Promise<number>;
}

/** Marks the one handler of a job name. Implies `@Injectable()`. */
export const JobHandler = (name: JobName) => applyDecorators(Injectable(), SetMetadata(JOB_HANDLER, name));

/** Marks a reconciler; every one found is called by the reconcile job. Implies `@Injectable()`. */
export const Reconciler = () => applyDecorators(Injectable(), SetMetadata(RECONCILER, true));

/**
 * Thrown by a handler that finds, by the database's clock, that its work is not due yet: the job
 * is put back, delayed by `retryInMs` (at least 100 ms), without counting as a failed attempt.
 */
export class JobTooEarly extends Error {
  constructor(readonly retryInMs: number) {
    super(`not due yet; retry in ${retryInMs} ms`);
    this.name = 'JobTooEarly';
  }
}
