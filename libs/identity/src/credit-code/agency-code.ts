/**
 * Which unified social credit codes an agency may have. A publishing agency is a government organ
 * (机关), a public institution (事业单位), a mass organisation staffed by the establishment office
 * (群众团体) or another body registered there: GB 32100-2015 gives all of them registration
 * authority `1` (机构编制, establishment administration), whose categories are exactly those four
 * (1, 2, 3, 9). An enterprise's `91…` code is well formed but is no agency's.
 *
 * Pure: no Nest, no I/O.
 */
import { invalid } from '@app/common/domain-error';
import { REGISTRATION_AUTHORITIES, type ValidCreditCode, validateCreditCode } from './credit-code';

export const AGENCY_AUTHORITY = '1';

export interface AgencyCodeRefusal {
  message: string;
  messageZh: string;
}

/** Why a well-formed code is not an agency's, or undefined when it is. */
export function agencyCodeRefusal(code: Pick<ValidCreditCode, 'authority' | 'category'>): AgencyCodeRefusal | undefined {
  if (code.authority === AGENCY_AUTHORITY) return undefined;
  const authority = REGISTRATION_AUTHORITIES[code.authority];
  return {
    message:
      `an agency's code is registered by the establishment administration (character 1 '${AGENCY_AUTHORITY}': ` +
      `government organ, public institution, mass organisation), not '${code.authority}'` +
      (authority ? ` (${authority.nameEn})` : ''),
    messageZh:
      `机构的统一社会信用代码应由机构编制部门登记（第1位为'${AGENCY_AUTHORITY}'：机关、事业单位、群众团体等），而不是'${code.authority}'` +
      (authority ? `（${authority.nameZh}）` : ''),
  };
}

/**
 * Validates `input` as an agency's code and returns it normalised, or throws a DomainError
 * (`invalid`) naming `field`: `identity.invalid_credit_code` when malformed,
 * `identity.not_an_agency_code` when well formed but registered elsewhere.
 */
export function assertAgencyCreditCode(input: string, field = 'creditCode'): ValidCreditCode {
  const result = validateCreditCode(input);
  if (!result.ok) {
    throw invalid(
      'identity.invalid_credit_code',
      `Invalid unified social credit code: ${result.message}`,
      [{ field, message: result.message, wording: { zh: result.messageZh, en: result.message } }],
      { part: result.part },
    );
  }
  const refusal = agencyCodeRefusal(result);
  if (refusal) {
    throw invalid(
      'identity.not_an_agency_code',
      `Not an agency's code: ${refusal.message}`,
      [{ field, message: refusal.message, wording: { zh: refusal.messageZh, en: refusal.message } }],
      {
        part: 'authority',
      },
    );
  }
  return result;
}
