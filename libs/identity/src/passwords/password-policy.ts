import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as en from '@zxcvbn-ts/language-en';
import { FieldError, invalid } from '@app/common/domain-error';
import { Language } from './language';
import { passwordReasonMessage, weakPasswordDetail } from './password-messages';
import { PasswordReason, PersonalContext, StrengthEstimator, passwordReasons } from './password-rules';

/**
 * zxcvbn runs on the event loop, and its cost grows fast with length and with l33t substitutions
 * (a random 256-character password took 2.7 s with the defaults, a 64-character one of l33t
 * characters 0.5 s with 10 substitutions). Judging the first 32 characters with at most 3
 * substitutions keeps it to tens of milliseconds, and loses nothing: guessing a password means
 * guessing its beginning too, so a password is at least as strong as its first 32 characters.
 */
const ZXCVBN_OPTIONS = { maxLength: 32, l33tMaxSubstitutions: 3 };

let factory: ZxcvbnFactory | undefined;

/** Built on first use: loading the dictionaries takes ~0.25 s, which only password changes need. */
export const zxcvbnEstimator: StrengthEstimator = (password, userInputs) => {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...en.dictionary },
    graphs: common.adjacencyGraphs,
    translations: en.translations,
    ...ZXCVBN_OPTIONS,
  });
  return factory.check(password, userInputs);
};

/** A field error that also names why, for clients that word it themselves. */
export interface PasswordFieldError extends FieldError {
  reason: PasswordReason;
}

/**
 * Refuses a weak new password with a 400 (`validation_failed`, like the other field errors), one
 * field error per reason on `field`, each with its `reason` key; the problem's `reason` is the
 * first of them. Call it before hashing, and never inside a transaction: it costs CPU, not I/O.
 */
export function assertStrongPassword(password: string, context: PersonalContext, field: string, language: Language): void {
  const reasons = passwordReasons(password, context, zxcvbnEstimator);
  if (reasons.length === 0) return;
  const errors: PasswordFieldError[] = reasons.map((reason) => ({
    field,
    message: passwordReasonMessage(reason, language),
    reason,
  }));
  throw invalid('validation_failed', weakPasswordDetail(language), errors, { reason: reasons[0] });
}
