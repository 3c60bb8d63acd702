/** The vocabularies of a challenge, straight from the server's pure taxonomy module (one source of truth). */
export {
  FIELDS,
  FIELD_KEYS,
  INDUSTRIES,
  INDUSTRY_KEYS,
  MECHANISMS,
  MECHANISM_KEYS,
  ORG_KINDS,
  TRACKS,
  TRACK_KEYS,
  ZONES,
  ZONE_KEYS,
} from '@app/challenges/challenge-taxonomy';
export type { EligibleOrgKind, Field, Industry, Mechanism, Track, Zone } from '@app/challenges/challenge-taxonomy';

export const CHALLENGE_STATUSES = ['draft', 'published', 'closed', 'awarded', 'completed', 'cancelled'] as const;
export type ChallengeStatus = (typeof CHALLENGE_STATUSES)[number];
