import fc from 'fast-check';
import { MIN_RECOVERY_MS, StallTimings, earliestRecoveryMs, stallTimingsFor, worstCaseRecoveryMs } from './stall-recovery';

/**
 * A model of what BullMQ 6 does around one job whose worker dies (see stall-recovery.ts), used to
 * check the formula against the mechanism rather than against itself. Times are ms; a command a
 * worker sends at `t` runs in Redis at `t + rtt/2`.
 */
interface Scenario {
  timings: StallTimings;
  rttMs: number;
  /** The dead worker starts at 0 (its stalled-check and lock-renewal timers start then). */
  jobStartAt: number;
  killAt: number;
  survivorStarts: number[];
}

interface RedisCommand {
  at: number;
  kind: 'check' | 'renew';
  /** Worker timer tick that sent it (renewals compare it with the job's last renewal). */
  tick: number;
}

/** When the job's lock expired and when a stalled check moved it back to wait. */
function simulate(s: Scenario): { lockExpiresAt: number; recoveredAt: number } {
  const { lockDurationMs: lock, stalledIntervalMs: interval } = s.timings;
  const horizon = s.killAt + 10 * (lock + interval) + Math.max(...s.survivorStarts);
  const commands: RedisCommand[] = [];
  const checksOf = (from: number, until: number) => {
    // Each worker's loop: check, then wait stalledInterval after the answer came back.
    for (let t = from; t < until; t += interval + s.rttMs) commands.push({ at: t + s.rttMs / 2, kind: 'check', tick: t });
  };
  checksOf(0, s.killAt);
  for (const start of s.survivorStarts) checksOf(start, horizon);
  // The lock manager ticks every lockDuration/4 and renews a job last renewed more than that ago.
  for (let t = lock / 4; t < s.killAt; t += lock / 4) commands.push({ at: t + s.rttMs / 2, kind: 'renew', tick: t });
  commands.sort((a, b) => a.at - b.at);

  let checkKeyExpiresAt = -Infinity;
  let lockExpiresAt = s.jobStartAt + lock;
  let lastRenewal = s.jobStartAt;
  let marked = false;
  for (const c of commands) {
    if (c.kind === 'renew') {
      if (c.tick > s.jobStartAt && c.tick - lastRenewal > lock / 4) {
        lastRenewal = c.tick;
        lockExpiresAt = c.at + lock;
        marked = false;
      }
      continue;
    }
    if (c.at <= checkKeyExpiresAt) continue; // another worker checked less than stalledInterval ago
    checkKeyExpiresAt = c.at + interval;
    if (marked && c.at > lockExpiresAt) return { lockExpiresAt, recoveredAt: c.at };
    marked = c.at >= s.jobStartAt; // the job is active from its start
  }
  throw new Error('the job was never recovered');
}

const scenario = (timings: fc.Arbitrary<StallTimings>) =>
  timings.chain((t) => {
    const span = t.lockDurationMs + t.stalledIntervalMs;
    return fc
      .record({
        rttMs: fc.integer({ min: 1, max: 20 }),
        jobStartAt: fc.integer({ min: 0, max: 3 * span }),
        runFor: fc.integer({ min: 0, max: 3 * span }),
        survivorStarts: fc.array(fc.integer({ min: 0, max: 5 * span }), { minLength: 1, maxLength: 3 }),
      })
      .map((r): Scenario => ({
        timings: t,
        rttMs: r.rttMs,
        jobStartAt: r.jobStartAt,
        killAt: r.jobStartAt + r.runFor,
        survivorStarts: r.survivorStarts,
      }));
  });

const recoveries = fc.integer({ min: MIN_RECOVERY_MS, max: 600_000 });

describe('stallTimingsFor / worstCaseRecoveryMs', () => {
  it('the default PT30S: a 20 s lock, a check every 10 s, a job back within 30 s', () => {
    expect(stallTimingsFor(30_000)).toEqual({ lockDurationMs: 20_000, stalledIntervalMs: 10_000 });
    expect(worstCaseRecoveryMs(stallTimingsFor(30_000))).toBe(30_000);
    expect(earliestRecoveryMs(stallTimingsFor(30_000))).toBe(10_000);
  });

  it('the old settings (both 30 s) promised 30 s and could take 90 s', () => {
    expect(worstCaseRecoveryMs({ lockDurationMs: 30_000, stalledIntervalMs: 30_000 })).toBe(90_000);
  });

  it('refuses a bound too short for a lock to be renewed safely', () => {
    expect(() => stallTimingsFor(2_999)).toThrow(RangeError);
    expect(() => stallTimingsFor(4_500.5)).toThrow(RangeError);
  });

  it('keeps the promise, with the lock as long as the promise allows', () => {
    fc.assert(
      fc.property(recoveries, (recovery) => {
        const t = stallTimingsFor(recovery);
        expect(worstCaseRecoveryMs(t)).toBeLessThanOrEqual(recovery);
        expect(worstCaseRecoveryMs(t)).toBeGreaterThan(recovery - 3);
        // Renewal every lockDuration/4…/2 leaves a lock at least a second of slack at the minimum.
        expect(t.lockDurationMs / 2).toBeGreaterThanOrEqual(1_000);
        expect(t.lockDurationMs).toBeGreaterThanOrEqual(2 * t.stalledIntervalMs);
      }),
    );
  });

  it('in the model of BullMQ, the job comes back after its lock expired and within the bound', () => {
    fc.assert(
      fc.property(scenario(recoveries.map(stallTimingsFor)), (s) => {
        const { lockExpiresAt, recoveredAt } = simulate(s);
        const firstSurvivor = Math.min(...s.survivorStarts);
        // Each check period drifts by a round trip; four periods at most are involved.
        const slack = 4 * s.rttMs;
        expect(recoveredAt).toBeGreaterThan(lockExpiresAt);
        expect(lockExpiresAt - s.killAt).toBeGreaterThanOrEqual(earliestRecoveryMs(s.timings) - s.rttMs);
        expect(recoveredAt).toBeLessThanOrEqual(
          Math.max(s.killAt + worstCaseRecoveryMs(s.timings), firstSurvivor + s.timings.stalledIntervalMs) + slack,
        );
      }),
      { numRuns: 2_000 },
    );
  });

  it('in the model, the bound also holds for other lock/interval pairs (it is not only true of ours)', () => {
    const pairs = fc
      .record({
        lockDurationMs: fc.integer({ min: 2_000, max: 60_000 }),
        stalledIntervalMs: fc.integer({ min: 500, max: 60_000 }),
      })
      .filter((t) => t.lockDurationMs / 4 > 100);
    fc.assert(
      fc.property(scenario(pairs), (s) => {
        const { recoveredAt } = simulate(s);
        const firstSurvivor = Math.min(...s.survivorStarts);
        expect(recoveredAt).toBeLessThanOrEqual(
          Math.max(s.killAt + worstCaseRecoveryMs(s.timings), firstSurvivor + s.timings.stalledIntervalMs) + 4 * s.rttMs,
        );
      }),
      { numRuns: 1_000 },
    );
  });

  it('in the model, lockDuration + stalledInterval alone is not enough when both are equal', () => {
    const old = { lockDurationMs: 30_000, stalledIntervalMs: 30_000 };
    // The dead worker made the last check (at 60 s), renewed the lock after it (75 s) and died; the
    // survivor's timer runs just behind the check key, so its first check only gets through at
    // ~120 s (and marks the job), the next at ~150 s moves it back.
    const s: Scenario = { timings: old, rttMs: 2, jobStartAt: 1_000, killAt: 75_100, survivorStarts: [29_990] };
    const { recoveredAt } = simulate(s);
    expect(recoveredAt - s.killAt).toBeGreaterThan(old.lockDurationMs + old.stalledIntervalMs);
    expect(recoveredAt - s.killAt).toBeLessThanOrEqual(worstCaseRecoveryMs(old) + 4 * s.rttMs);
  });
});
