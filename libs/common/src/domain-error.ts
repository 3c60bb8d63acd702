/**
 * The one error type that pure domain code throws. It carries no HTTP or Nest types: the
 * problem+json filter in this library maps `kind` to a status, so rules stay framework-free.
 *
 * Import it by its file path (`@app/common/domain-error`) from pure libraries, so that they
 * do not pull in the Nest half of `@app/common`.
 */
export type DomainErrorKind =
  | 'invalid' // 400: the input is malformed or out of range
  | 'unauthorized' // 401: who you are is unknown
  | 'forbidden' // 403: you may not do this
  | 'not_found' // 404
  | 'conflict' // 409: wrong lifecycle state, slot taken, duplicate
  | 'rule_violation' // 422: a funding rule is broken
  | 'too_many_requests' // 429: slow down (carries retryAfterSeconds)
  | 'unavailable'; // 503: a dependency is away or we are saturated (carries retryAfterSeconds)

export interface FieldError {
  /** Dotted path of the offending input field, e.g. `admin.email` or `milestones[2].trancheFen`. */
  field: string;
  /** English here; the problem filter words it in the reader's language (problem/wording). */
  message: string;
  /**
   * The validation rule that failed and its arguments (class-validator's constraint name, e.g.
   * `maxLength` with `[200]`), so the filter can word it in any language. Never sent as such.
   */
  constraint?: { name: string; args: readonly unknown[] };
  /** The message already worded in both languages by the thrower (e.g. a credit code's checks). */
  wording?: { zh: string; en: string };
}

export class DomainError extends Error {
  constructor(
    readonly kind: DomainErrorKind,
    /** Stable machine-readable code, e.g. `policy.cap_exceeded`. Becomes the problem `type`. */
    readonly code: string,
    message: string,
    /** Extra members for the problem+json body (e.g. rule, base, rate, cap, allowed). */
    readonly details: Record<string, unknown> = {},
    /** Field-level errors, for `invalid`. */
    readonly fieldErrors: FieldError[] = [],
    /** For `too_many_requests` and `unavailable`: the `Retry-After` the answer carries. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message); // English, for logs and tests; the answer's words come from the wording catalog
    this.name = 'DomainError';
  }

  /**
   * Values the wording of this code needs beyond `details` (problem/wording): read by the filter to
   * say the problem in the reader's language, never sent as members of their own. Never sealed bid
   * content.
   */
  params: Record<string, unknown> = {};

  withParams(params: Record<string, unknown>): this {
    this.params = { ...this.params, ...params };
    return this;
  }
}

export const invalid = (code: string, message: string, fieldErrors: FieldError[] = [], details = {}) =>
  new DomainError('invalid', code, message, details, fieldErrors);
export const forbidden = (code: string, message: string) => new DomainError('forbidden', code, message);
export const notFound = (code: string, message: string) => new DomainError('not_found', code, message);
export const conflict = (code: string, message: string, details = {}) => new DomainError('conflict', code, message, details);
export const ruleViolation = (code: string, message: string, details = {}) =>
  new DomainError('rule_violation', code, message, details);
export const tooManyRequests = (code: string, message: string, retryAfterSeconds: number, details = {}) =>
  new DomainError('too_many_requests', code, message, details, [], retryAfterSeconds);
export const unavailable = (code: string, message: string, retryAfterSeconds: number, details = {}) =>
  new DomainError('unavailable', code, message, details, [], retryAfterSeconds);
