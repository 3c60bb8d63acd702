/**
 * Editing a draft challenge (PATCH /challenges/:id) with the same step-by-step form as creating one:
 * the draft as form values, and the checked create body as a PATCH body in which an optional field
 * left empty is sent as `null` (which clears it: secondaryIndustry, maxAwardFen, zone, stages,
 * parallelSlots — the API's rule; absent would keep the old value).
 */
import type { Challenge, CreateChallengeBody, Schemas } from '../api/client';
import { fenToYuanText } from '../lib/money';
import { toShanghaiInput } from '../lib/time';
import type { ChallengeFormValues } from './challenge-form';

export function valuesOfChallenge(c: Challenge): ChallengeFormValues {
  return {
    title: c.title,
    summary: c.summary,
    industry: c.industry,
    secondaryIndustry: c.secondaryIndustry ?? '',
    field: c.field ?? '',
    track: c.track,
    zone: c.zone ?? '',
    objectives: c.objectives.map((o) => ({ metric: o.metric, target: String(o.target), unit: o.unit })),
    orgKinds: [...c.eligibility.orgKinds] as ChallengeFormValues['orgKinds'],
    consortiumAllowed: c.eligibility.consortiumAllowed,
    maxMembers: String(c.eligibility.maxMembers),
    bidDeadline: toShanghaiInput(c.bidDeadline),
    projectEndsAt: toShanghaiInput(c.projectEndsAt),
    mechanism: c.mechanism,
    budget: fenToYuanText(c.budgetFen),
    maxAward: fenToYuanText(c.maxAwardFen),
    parallelSlots: String(c.parallelSlots),
    stages: c.stages.map((s) => ({ name: s.name, endsAt: toShanghaiInput(s.endsAt), advancingSlots: String(s.advancingSlots) })),
  };
}

const CLEARABLE = ['secondaryIndustry', 'maxAwardFen', 'zone', 'stages', 'parallelSlots'] as const;

export function toPatchBody(body: CreateChallengeBody): Schemas['UpdateChallengeDto'] {
  const patch: Record<string, unknown> = { ...body };
  for (const key of CLEARABLE) if (patch[key] === undefined) patch[key] = null;
  return patch as Schemas['UpdateChallengeDto'];
}
