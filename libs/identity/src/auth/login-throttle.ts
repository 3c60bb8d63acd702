import { createHash } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The sign-in throttle's rules, pure. Redis keeps the counters (login-attempts.store.ts); what
 * the numbers mean is decided here.
 *
 * - An account (its normalised email, whether or not a user has it) that fails `accountFailures`
 *   times in a window is locked; each further lock lasts twice as long as the one before, up to a
 *   cap. A locked account is refused even with the right password, so guessing gains nothing.
 * - A client address that fails `addressFailures` times in a window is refused until the window
 *   ends. Only failures count: a campus behind one NAT signing in all day is never refused.
 */

/** How long the n-th lock in a row lasts (n ≥ 1): base, 2·base, 4·base … never more than max. */
export function lockDurationMs(lockNumber: number, baseMs: number, maxMs: number): number {
  if (!Number.isSafeInteger(lockNumber) || lockNumber < 1) throw new RangeError('lockNumber must be a whole number ≥ 1');
  const doublings = Math.min(lockNumber - 1, 52); // 2^52 of anything ≥ 1 ms is past any cap
  return Math.min(baseMs * 2 ** doublings, maxMs);
}

/**
 * Every lock duration up to the first that reaches the cap: the Lua script picks the n-th entry
 * (the last one for any later n), so the arithmetic stays here, in one place, tested.
 */
export function lockLadder(baseMs: number, maxMs: number): number[] {
  if (!(baseMs >= 1) || !(maxMs >= baseMs)) throw new RangeError('need 1 ≤ base ≤ max');
  const ladder: number[] = [];
  for (let n = 1; ; n++) {
    ladder.push(lockDurationMs(n, baseMs, maxMs));
    if (ladder[ladder.length - 1] >= maxMs) return ladder;
  }
}

/**
 * How long an account remembers how many times it was locked: the lock itself plus the cap, so
 * an attacker who waits out each lock and tries again keeps climbing the ladder, while an account
 * left alone for a while starts from the bottom again.
 */
export const lockMemoryMs = (maxMs: number) => maxMs;

/** Seconds for Retry-After: whole, at least 1, never less than what is left. */
export const retryAfterSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * Stands for one account in Redis keys. Hashed, so that a dump of Redis lists no email
 * addresses; normalised like the users table (trimmed, lower case), so `A@x.cn ` and `a@x.cn`
 * share one counter.
 */
export function accountKeyOf(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('base64url').slice(0, 32);
}

/**
 * Stands for one client in Redis keys: an IPv4 address as it is, an IPv6 address by its /64
 * prefix (one subscriber commonly holds a whole /64, so counting single addresses would let one
 * client rotate through 2^64 of them), an IPv4-mapped IPv6 address as the IPv4 it maps.
 */
export function clientKeyOf(address: string): string {
  const raw = address.trim().toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(raw);
  if (mapped && isIPv4(mapped[1])) return mapped[1];
  if (isIPv4(raw)) return raw;
  if (isIPv6(raw)) return `${expandIPv6(raw).slice(0, 4).join(':')}::/64`;
  return `other:${raw.slice(0, 64)}`;
}

/** The eight 16-bit groups of an IPv6 address (zone id dropped, `::` filled, dotted tail converted). */
function expandIPv6(address: string): string[] {
  let text = address.split('%')[0];
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::');
  const left = head ? head.split(':') : [];
  const right = tail === undefined ? [] : tail ? tail.split(':') : [];
  const middle = tail === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...middle, ...right].map((group) => parseInt(group, 16).toString(16));
}

/** What the Lua gate answers, as numbers: [verdict, milliseconds left]. */
export const GATE_OPEN = 0;
export const GATE_ACCOUNT_LOCKED = 1;
export const GATE_ADDRESS_THROTTLED = 2;

export type LoginGate = { open: true } | { open: false; why: 'account_locked' | 'address_throttled'; retryAfterSeconds: number };

export function gateOf(reply: readonly [number, number]): LoginGate {
  const [verdict, ms] = reply;
  if (verdict === GATE_OPEN) return { open: true };
  if (verdict === GATE_ACCOUNT_LOCKED) return { open: false, why: 'account_locked', retryAfterSeconds: retryAfterSeconds(ms) };
  if (verdict === GATE_ADDRESS_THROTTLED) {
    return { open: false, why: 'address_throttled', retryAfterSeconds: retryAfterSeconds(ms) };
  }
  throw new Error(`unexpected login gate verdict ${verdict}`);
}
