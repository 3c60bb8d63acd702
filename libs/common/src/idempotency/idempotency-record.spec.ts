import fc from 'fast-check';
import { IDEMPOTENCY_LEASE_MS, IDEMPOTENCY_LEASE_RENEW_MS, claimOutcome } from './idempotency-record';

const inFlight = (f: string) => JSON.stringify({ s: 'p', f, t: 'token' });
const done = (f: string) => JSON.stringify({ s: 'd', f, status: 201, body: { id: 'x' } });

describe('claimOutcome', () => {
  it('runs on a free key, replays the same finished request, waits for the same running one', () => {
    expect(claimOutcome(null, 'a')).toEqual({ kind: 'run' });
    expect(claimOutcome(done('a'), 'a')).toEqual({ kind: 'replay', answer: { s: 'd', f: 'a', status: 201, body: { id: 'x' } } });
    expect(claimOutcome(inFlight('a'), 'a')).toEqual({ kind: 'in_flight' });
  });

  it('refuses another request under the key, running or finished', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.boolean(), (mine, theirs, finished) => {
        fc.pre(mine !== theirs);
        expect(claimOutcome(finished ? done(theirs) : inFlight(theirs), mine)).toEqual({ kind: 'reused' });
      }),
    );
  });

  it('a lease survives two failed renewals and lapses soon after its holder is gone', () => {
    expect(IDEMPOTENCY_LEASE_MS).toBeGreaterThan(2 * IDEMPOTENCY_LEASE_RENEW_MS);
    expect(IDEMPOTENCY_LEASE_MS).toBeLessThanOrEqual(10_000);
  });
});
