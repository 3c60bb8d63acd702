import { jobsWorkerOptionsFromEnv } from './jobs-options';

describe('jobsWorkerOptionsFromEnv', () => {
  it('defaults: 4 jobs at once, back within 30 s (a 20 s lock, a stalled check every 10 s)', () => {
    expect(jobsWorkerOptionsFromEnv({})).toEqual({ concurrency: 4, lockDurationMs: 20_000, stalledIntervalMs: 10_000 });
  });

  it('derives the lock and the check from WORKER_RECOVERY', () => {
    expect(jobsWorkerOptionsFromEnv({ WORKER_RECOVERY: 'PT3S', WORKER_CONCURRENCY: '10' })).toEqual({
      concurrency: 10,
      lockDurationMs: 2_000,
      stalledIntervalMs: 1_000,
    });
  });

  it('refuses a bad or too short recovery, a bad concurrency, and the old WORKER_LOCK_DURATION, naming the variable', () => {
    expect(() => jobsWorkerOptionsFromEnv({ WORKER_RECOVERY: '30s' })).toThrow(/WORKER_RECOVERY/);
    expect(() => jobsWorkerOptionsFromEnv({ WORKER_RECOVERY: 'PT2S' })).toThrow(/WORKER_RECOVERY=PT2S must be at least PT3S/);
    expect(() => jobsWorkerOptionsFromEnv({ WORKER_CONCURRENCY: '0' })).toThrow(/WORKER_CONCURRENCY/);
    expect(() => jobsWorkerOptionsFromEnv({ WORKER_LOCK_DURATION: 'PT30S' })).toThrow(
      /WORKER_LOCK_DURATION is replaced by WORKER_RECOVERY/,
    );
  });
});
