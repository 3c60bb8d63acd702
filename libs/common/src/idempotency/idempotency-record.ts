/**
 * What an `Idempotency-Key` holds in Redis and what a new request with the key does with it, as
 * pure functions (the interceptor does the I/O).
 *
 * While a request runs its key holds an in-flight record on a short *lease*: the request renews
 * it every IDEMPOTENCY_LEASE_RENEW_MS for as long as it runs, so a live holder keeps its key however
 * long it takes, and the key of a holder that died (its api process killed, its machine lost) frees
 * itself within IDEMPOTENCY_LEASE_MS, after which a retry runs. A per-request lease rather than a
 * per-process liveness key: it needs no process identity, and it also frees a key that a live
 * process failed to release (Redis unreachable at the moment it tried).
 */

/** How long an in-flight key outlives the last renewal of its holder. */
export const IDEMPOTENCY_LEASE_MS = 6_000;
/** How often a running request renews its lease: two renewals may fail before it lapses. */
export const IDEMPOTENCY_LEASE_RENEW_MS = 2_000;
/** How long a finished answer is kept for replay. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/** A request with the key is running (`t` is its own random token). */
export interface InFlight {
  s: 'p';
  f: string;
  t: string;
}

/** The request finished with a 2xx: its answer, replayed to a repeat. */
export interface Done {
  s: 'd';
  f: string;
  status: number;
  body: unknown;
}

export type ClaimOutcome =
  /** Nothing was there: the key is ours, run the request. */
  | { kind: 'run' }
  /** The same request finished: answer what it answered. */
  | { kind: 'replay'; answer: Done }
  /** The same request is running on a live holder. */
  | { kind: 'in_flight' }
  /** Another request used this key. */
  | { kind: 'reused' };

/** What to do, given what the key held when we tried to claim it (null: we claimed it). */
export function claimOutcome(existing: string | null, fingerprint: string): ClaimOutcome {
  if (existing === null) return { kind: 'run' };
  const record = JSON.parse(existing) as InFlight | Done;
  if (record.f !== fingerprint) return { kind: 'reused' };
  return record.s === 'd' ? { kind: 'replay', answer: record } : { kind: 'in_flight' };
}
