/**
 * The password rule of POST /organizations (`admin.password`) and POST /users (`password`), as the
 * person reads it: up front as help text (`register.passwordHint`), and, when the API refuses a
 * weak password, each of its reasons in the reader's language beside the field. The API sends the
 * reason as `errors[].reason` of its 400; `mapProblem` words it by the dictionary entry
 * `password.<reason>` (see `fieldReasonWording` in api/problem.ts).
 */
import { MIN_PASSWORD_LENGTH, PASSWORD_REASONS, type PasswordReason } from '@app/identity/passwords/password-rules';
import type { MessageKey } from '../i18n/zh';

/** Every reason the API gives for a weak password: the server's own list (a pure module of libs/identity). */
export { PASSWORD_REASONS, type PasswordReason };

/** The dictionary entry of a reason (a reason the server adds without words here is a compile error). */
export const passwordReasonKey = (reason: PasswordReason): MessageKey => `password.${reason}` satisfies MessageKey;

/** The password rule shown under every new-password field. */
export const PASSWORD_RULE_HINT: MessageKey = 'register.passwordHint';

/** The shortest password the API accepts (checked in the browser too, before sending). */
export const PASSWORD_MIN_LENGTH = MIN_PASSWORD_LENGTH;
