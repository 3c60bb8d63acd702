/**
 * Why a document is attached, by what it is attached to. Pure: shared by the API's checks, the
 * web forms and the open-data feed.
 */

/** A challenge's own documents: its notice (公告) and technical annex (技术附件). Public once published. */
export const CHALLENGE_DOCUMENT_ROLES = ['notice', 'technical_annex'] as const;
export type ChallengeDocumentRole = (typeof CHALLENGE_DOCUMENT_ROLES)[number];

/**
 * A bid's documents: the application (申报书), commitment letter (承诺书), qualifications (资质证明),
 * budget sheet (预算表) and anything else. A challenge may require some of the first four.
 */
export const BID_DOCUMENT_ROLES = ['application', 'commitment', 'qualification', 'budget', 'other'] as const;
export type BidDocumentRole = (typeof BID_DOCUMENT_ROLES)[number];

/** The roles a challenge may require of every bid ('other' is never required). */
export const REQUIRABLE_BID_DOCUMENT_ROLES = ['application', 'commitment', 'qualification', 'budget'] as const;
export type RequirableBidDocumentRole = (typeof REQUIRABLE_BID_DOCUMENT_ROLES)[number];

/** The required roles a bid's documents leave out, in the challenge's order. */
export function missingBidDocumentRoles(
  required: readonly RequirableBidDocumentRole[],
  attachedRoles: readonly string[],
): RequirableBidDocumentRole[] {
  const present = new Set(attachedRoles);
  return required.filter((role) => !present.has(role));
}
