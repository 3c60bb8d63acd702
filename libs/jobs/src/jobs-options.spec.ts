import { ConfigError, loadConfig } from '@app/common/config';
import { jobsWorkerOptionsFrom } from './jobs-options';

const optionsOf = (env: Record<string, string>) => jobsWorkerOptionsFrom(loadConfig(env).worker);

describe('jobsWorkerOptionsFrom (WORKER_CONCURRENCY, WORKER_RECOVERY in AppConfig)', () => {
  it('derives the lock and the stalled interval from the recovery bound', () => {
    expect(optionsOf({})).toEqual({ concurrency: 4, lockDurationMs: 20_000, stalledIntervalMs: 10_000 });
    expect(optionsOf({ WORKER_RECOVERY: 'PT3S', WORKER_CONCURRENCY: '10' })).toEqual({
      concurrency: 10,
      lockDurationMs: 2_000,
      stalledIntervalMs: 1_000,
    });
  });

  it('refuses bad values at start-up, naming the variable', () => {
    expect(() => loadConfig({ WORKER_RECOVERY: '30s' })).toThrow(/WORKER_RECOVERY/);
    expect(() => loadConfig({ WORKER_RECOVERY: 'PT2S' })).toThrow(/WORKER_RECOVERY="PT2S": must be at least PT3S/);
    expect(() => loadConfig({ WORKER_CONCURRENCY: '0' })).toThrow(/WORKER_CONCURRENCY/);
    expect(() => loadConfig({ WORKER_LOCK_DURATION: 'PT30S' })).toThrow(ConfigError);
    expect(() => loadConfig({ WORKER_LOCK_DURATION: 'PT30S' })).toThrow(/WORKER_LOCK_DURATION is replaced by WORKER_RECOVERY/);
  });
});
