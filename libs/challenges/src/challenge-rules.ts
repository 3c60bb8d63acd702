/**
 * Cross-field rules of a challenge (pure: no Nest, no TypeORM). The DTOs check each field on its
 * own; these check how the fields fit together, and report every broken rule with its field.
 */
import { DomainError, FieldError, invalid } from '@app/common/domain-error';
import { findRule, formatCny } from '@app/policy';
import type { EligibleOrgKind, Field, Industry, Mechanism, Track, Zone } from './challenge-taxonomy';
import { FIELD_KEYS, TRACKS } from './challenge-taxonomy';

export interface Stage {
  name: string;
  endsAt: Date;
  advancingSlots: number;
}

export interface Objective {
  metric: string;
  target: number;
  unit: string;
}

export interface Eligibility {
  orgKinds: EligibleOrgKind[];
  consortiumAllowed: boolean;
  maxMembers: number;
}

/** Everything the rules look at; the service builds it from a DTO, or from a row merged with a patch. */
export interface ChallengeSpec {
  title: string;
  summary: string;
  industry: Industry;
  secondaryIndustry: Industry | null;
  /** One of clause 4 (四)'s four frontier fields; absent or null when not given (see `fieldRequired`). */
  field?: Field | null;
  mechanism: Mechanism;
  track: Track;
  budgetFen: number;
  maxAwardFen: number | null;
  /** null when the caller gave none (fine for an open call, which has one). */
  parallelSlots: number | null;
  stages: Stage[];
  objectives: Objective[];
  eligibility: Eligibility;
  bidDeadline: Date;
  projectEndsAt: Date;
  zone: Zone | null;
}

/** The funding rule of `@app/policy` a track's projects are funded under. */
export const fundingRuleIdOf = (track: Track): string => TRACKS[track].fundingRuleId;

/**
 * Which tracks the policy makes name a field. Clause 4 (四) lists its four frontier fields (底层软件,
 * 关键零部件, 重大装备, 测试与仪器仪表) for core-technology breakthroughs only; the project-manager track
 * (项目经理人制) is for major strategic projects "面向未来产业", not confined to those four.
 */
export const FIELD_REQUIRED_BY_POLICY: Readonly<Record<Track, boolean>> = { core_tech: true, pm_major: false };

/**
 * Whether a challenge without a field can be stored: yes since migration
 * 1795613960000-ChallengeFieldOptional (challenges.field is nullable, except for core_tech by
 * CHK_challenges_field_track), and the row, view and open-data mappings accept null.
 */
export const FIELD_MAY_BE_LEFT_OUT = true;

/** Whether a challenge of this track must name a field now (the policy, and what storage allows). */
export const fieldRequired = (track: Track): boolean => FIELD_REQUIRED_BY_POLICY[track] || !FIELD_MAY_BE_LEFT_OUT;

/** Every broken cross-field rule (empty when the challenge is consistent). */
export function crossFieldErrors(spec: ChallengeSpec): FieldError[] {
  const errors: FieldError[] = [];
  const err = (field: string, message: string) => errors.push({ field, message });

  if (spec.secondaryIndustry !== null && spec.secondaryIndustry === spec.industry) {
    err('secondaryIndustry', 'must differ from industry');
  }

  if (spec.field == null && FIELD_REQUIRED_BY_POLICY[spec.track]) {
    err('field', `is required for a core_tech challenge: one of clause 4 (四)'s fields, ${FIELD_KEYS.join(', ')}`);
  } else if (spec.field == null && fieldRequired(spec.track)) {
    err('field', `is required for now: a ${spec.track} challenge may leave it out once storage allows a challenge without one`);
  }

  if (spec.mechanism === 'open_call') {
    if (spec.parallelSlots !== null && spec.parallelSlots !== 1)
      err('parallelSlots', 'must be 1: an open call has exactly one winner');
    if (spec.stages.length > 0) err('stages', 'must be empty: only a horse race has stages');
  } else {
    if (spec.parallelSlots === null) err('parallelSlots', 'is required for a horse race (at least 2 parallel teams)');
    else if (spec.parallelSlots < 2) err('parallelSlots', 'must be at least 2 for a horse race');
    if (spec.stages.length === 0) err('stages', 'must have at least one stage for a horse race');
    const slots = spec.parallelSlots ?? Number.POSITIVE_INFINITY;
    spec.stages.forEach((stage, i) => {
      const at = `stages[${i}]`;
      if (stage.endsAt.getTime() <= spec.bidDeadline.getTime()) err(`${at}.endsAt`, 'must be after bidDeadline');
      if (stage.endsAt.getTime() >= spec.projectEndsAt.getTime()) err(`${at}.endsAt`, 'must be before projectEndsAt');
      if (i > 0 && stage.endsAt.getTime() <= spec.stages[i - 1].endsAt.getTime()) {
        err(`${at}.endsAt`, `must be after stages[${i - 1}].endsAt (stages are in order)`);
      }
      if (stage.advancingSlots >= slots) err(`${at}.advancingSlots`, 'must be fewer than parallelSlots');
      if (i > 0 && stage.advancingSlots >= spec.stages[i - 1].advancingSlots) {
        err(`${at}.advancingSlots`, `must be fewer than stages[${i - 1}].advancingSlots (each gate stops someone)`);
      }
    });
    const names = new Set<string>();
    spec.stages.forEach((stage, i) => {
      if (names.has(stage.name)) err(`stages[${i}].name`, 'must be unique within the challenge');
      names.add(stage.name);
    });
  }

  if (spec.projectEndsAt.getTime() <= spec.bidDeadline.getTime()) err('projectEndsAt', 'must be after bidDeadline');

  if (spec.maxAwardFen !== null && spec.maxAwardFen > spec.budgetFen) err('maxAwardFen', 'must not exceed budgetFen');

  const { orgKinds, consortiumAllowed, maxMembers } = spec.eligibility;
  if (new Set(orgKinds).size !== orgKinds.length) err('eligibility.orgKinds', 'must not repeat a kind');
  if (!consortiumAllowed && maxMembers !== 1) err('eligibility.maxMembers', 'must be 1 when consortiumAllowed is false');
  if (consortiumAllowed && maxMembers < 2) err('eligibility.maxMembers', 'must be at least 2 when consortiumAllowed is true');

  const metrics = new Set<string>();
  spec.objectives.forEach((o, i) => {
    if (metrics.has(o.metric)) err(`objectives[${i}].metric`, 'must be unique within the challenge');
    metrics.add(o.metric);
  });
  return errors;
}

/** Publishing needs the deadline at least `minBidWindowMs` after `now`. */
export function publishErrors(spec: ChallengeSpec, now: Date, minBidWindowMs: number): FieldError[] {
  const earliest = now.getTime() + minBidWindowMs;
  if (spec.bidDeadline.getTime() < earliest) {
    return [
      {
        field: 'bidDeadline',
        message: `must be at least ${describeMs(minBidWindowMs)} after publishing (not before ${new Date(earliest).toISOString()})`,
        constraint: { name: 'bidWindow', args: [minBidWindowMs, new Date(earliest).toISOString()] },
      },
    ];
  }
  return [];
}

/**
 * The per-award maximum against the track's funding rule. A challenge knows no bid's total
 * investment yet, so only the rule's cap can be judged here (the rate is judged per bid and award).
 * Returns the 422 to throw, or null.
 */
export function fundingRuleError(spec: Pick<ChallengeSpec, 'track' | 'maxAwardFen'>): DomainError | null {
  if (spec.maxAwardFen === null) return null;
  const rule = findRule(fundingRuleIdOf(spec.track));
  if (rule.capFen === null || spec.maxAwardFen <= rule.capFen) return null;
  const message =
    `maxAwardFen ${spec.maxAwardFen} (${formatCny(spec.maxAwardFen)} CNY) is above the cap of ${rule.id} ` +
    `(${rule.limitTextZh}): at most ${rule.capFen} fen (${formatCny(rule.capFen)} CNY) per project.`;
  return new DomainError(
    'rule_violation',
    'policy.cap_exceeded',
    message,
    {
      rule: rule.id,
      baseFen: null,
      rateBp: rule.rateBp,
      capFen: rule.capFen,
      allowedFen: rule.capFen,
      requestedFen: spec.maxAwardFen,
    },
    [{ field: 'maxAwardFen', message: `must not exceed ${rule.capFen} (the cap of ${rule.id})` }],
  );
}

/** Throws 400 with every field error, then 422 for a funding rule; returns when all hold. */
export function assertChallenge(spec: ChallengeSpec, publishing?: { now: Date; minBidWindowMs: number }): void {
  const errors = crossFieldErrors(spec);
  if (publishing) errors.push(...publishErrors(spec, publishing.now, publishing.minBidWindowMs));
  if (errors.length) {
    throw invalid('challenges.invalid', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
  }
  const ruleError = fundingRuleError(spec);
  if (ruleError) throw ruleError;
}

/** "2 seconds", "7 days", "1 day 2 hours" — for messages. */
export function describeMs(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'day'],
    [3_600_000, 'hour'],
    [60_000, 'minute'],
    [1000, 'second'],
  ];
  const parts: string[] = [];
  let rest = ms;
  for (const [size, name] of units) {
    const n = Math.floor(rest / size);
    if (n > 0) {
      parts.push(`${n} ${name}${n === 1 ? '' : 's'}`);
      rest -= n * size;
    }
  }
  if (rest > 0 || parts.length === 0) parts.push(`${rest} ms`);
  return parts.join(' ');
}
