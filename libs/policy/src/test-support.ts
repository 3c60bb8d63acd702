/** Shared fixtures for the specs (not exported from the library). */
import { DomainError, type DomainErrorKind } from '@app/common/domain-error';
import { policySettings } from './effective-window';

/** The draft leaves the start date blank ("2023年X月X日"); the specs pick 2023-06-01. */
export const SETTINGS = policySettings({ effectiveFrom: '2023-06-01' });
export const IN_FORCE = new Date('2024-03-15T08:00:00Z');
/** Days are Beijing days: the last millisecond of 31 May 2028 and the first of 1 June, in Asia/Shanghai. */
export const LAST_DAY_IN = new Date('2028-05-31T23:59:59.999+08:00');
export const FIRST_DAY_OUT = new Date('2028-06-01T00:00:00.000+08:00');

/**
 * Runs `fn` and returns the DomainError it throws (of `kind`, when given); fails if it returns or
 * throws anything else. No jest globals here, so the production build (types: node) compiles it.
 */
export function domainError(fn: () => unknown, kind?: DomainErrorKind): DomainError {
  let result: unknown;
  try {
    result = fn();
  } catch (error) {
    if (!(error instanceof DomainError)) throw new Error(`expected a DomainError, got ${String(error)}`);
    if (kind && error.kind !== kind) throw new Error(`expected a '${kind}' DomainError, got '${error.kind}' (${error.code})`);
    return error;
  }
  throw new Error(`expected a DomainError, got a result: ${JSON.stringify(result)}`);
}

/** Reference arithmetic in BigInt, independent of the implementation. */
export const floorRate = (baseFen: number, rateBp: number): number => Number((BigInt(baseFen) * BigInt(rateBp)) / 10_000n);
