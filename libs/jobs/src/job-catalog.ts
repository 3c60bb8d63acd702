import { JobName, QUEUE_OF_JOB } from './job-names';

/**
 * Which job names exist and on which queue each runs. Production uses `QUEUE_OF_JOB` as it is;
 * the job platform's own tests replace it (provider `JOB_CATALOG`) with test-only names, so they
 * can exercise the platform without depending on any feature's handlers.
 */
export interface JobCatalog {
  /** job name → queue name */
  readonly queueOf: Readonly<Record<string, string>>;
}

export const JOB_CATALOG = Symbol('JOB_CATALOG');

export const DEFAULT_JOB_CATALOG: JobCatalog = { queueOf: QUEUE_OF_JOB as Record<JobName, string> };

export function queuesOf(catalog: JobCatalog): string[] {
  return [...new Set(Object.values(catalog.queueOf))].sort();
}
