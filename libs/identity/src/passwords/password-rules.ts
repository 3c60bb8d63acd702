/**
 * What makes a new password acceptable, pure: long enough, not about its owner, not mostly
 * blank, and judged hard to guess (zxcvbn score ≥ 3, "safely unguessable" against an online
 * attack that is throttled, as ours is). The estimator is passed in, so the rules are testable
 * without the dictionaries.
 */

/** The reasons a password is refused: stable keys the web app words in Chinese and English. */
export const PASSWORD_REASONS = ['too_short', 'repeated', 'sequence', 'common', 'contains_personal', 'too_guessable'] as const;
export type PasswordReason = (typeof PASSWORD_REASONS)[number];

export const MIN_PASSWORD_LENGTH = 12;
export const MIN_PASSWORD_SCORE = 3;

/**
 * A local part shorter than this is not looked for inside the password: `li@…` or `wu@…` would
 * refuse every password with those two letters anywhere. zxcvbn still weighs it as a user input.
 */
const MIN_LOCAL_PART_TO_MATCH = 3;

/** What the password must not be built from: the person and organisation it protects. */
export interface PersonalContext {
  email: string;
  displayName?: string;
  organizationName?: string;
}

/** The part of a zxcvbn result the rules read. */
export interface StrengthEstimate {
  score: number;
  sequence: ReadonlyArray<{ pattern: string; token: string; dictionaryName?: string }>;
}
export type StrengthEstimator = (password: string, userInputs: string[]) => StrengthEstimate;

const localPartOf = (email: string) => email.trim().toLowerCase().split('@')[0] ?? '';

/** The user inputs zxcvbn should treat as known words: email, its local part, the names. */
export function personalInputsOf(context: PersonalContext): string[] {
  const inputs = [context.email, localPartOf(context.email), context.displayName, context.organizationName]
    .map((text) => (text ?? '').trim().toLowerCase())
    .filter((text) => text.length > 0);
  return [...new Set(inputs)];
}

/** The password is the email, or has the email's local part in it (ignoring case). */
export function containsPersonal(password: string, context: PersonalContext): boolean {
  const lower = password.trim().toLowerCase();
  const email = context.email.trim().toLowerCase();
  const local = localPartOf(email);
  return lower === email || (local.length >= MIN_LOCAL_PART_TO_MATCH && lower.includes(local));
}

/** More than half of its characters are blank: twelve spaces, or a word padded out with them. */
export function mostlyWhitespace(password: string): boolean {
  const chars = [...password];
  return chars.filter((c) => /\s/u.test(c)).length * 2 > chars.length;
}

/** Why zxcvbn found the password weak, named by the pattern that covers most of it. */
export function reasonOfEstimate(estimate: StrengthEstimate): PasswordReason {
  const widest = [...estimate.sequence].sort((a, b) => [...b.token].length - [...a.token].length)[0];
  switch (widest?.pattern) {
    case 'dictionary':
      return widest.dictionaryName === 'userInputs' ? 'contains_personal' : 'common';
    case 'repeat':
      return 'repeated';
    case 'sequence':
    case 'spatial':
      return 'sequence';
    default:
      return 'too_guessable';
  }
}

/** Every reason to refuse the password, most basic first; empty when it is acceptable. */
export function passwordReasons(password: string, context: PersonalContext, estimate: StrengthEstimator): PasswordReason[] {
  const reasons = new Set<PasswordReason>();
  if ([...password].length < MIN_PASSWORD_LENGTH) reasons.add('too_short');
  if (containsPersonal(password, context)) reasons.add('contains_personal');
  const strength = estimate(password, personalInputsOf(context));
  if (strength.score < MIN_PASSWORD_SCORE) reasons.add(reasonOfEstimate(strength));
  if (reasons.size === 0 && mostlyWhitespace(password)) reasons.add('too_guessable');
  return [...reasons];
}
