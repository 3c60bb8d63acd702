/** Building the pure `ChallengeSpec` the rules check, from a create body, a row, or a row plus a patch. */
import { FieldError, invalid } from '@app/common/domain-error';
import { moneyTransformer } from '@app/database';
import type { ChallengeSpec, Stage } from './challenge-rules';
import type { StoredStage } from './challenge.entity';
import type { CreateChallengeDto } from './dto/create-challenge.dto';
import type { UpdateChallengeDto } from './dto/update-challenge.dto';
import type { ChallengeColumnValues, ChallengeRow } from './repositories/challenges.repository';

const toStages = (stages: { name: string; endsAt: string; advancingSlots: number }[] | null | undefined): Stage[] =>
  (stages ?? []).map((s) => ({ name: s.name.trim(), endsAt: toInstant(s.endsAt), advancingSlots: s.advancingSlots }));

/** False for instants that match the ISO pattern but name no real time (2030-02-31, 24:61). */
export function isRealInstant(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0));
  const date = new Date(Date.UTC(y, mo - 1, d));
  return (
    date.getUTCMonth() === mo - 1 && date.getUTCDate() === d && h <= 23 && mi <= 59 && s <= 59 && !Number.isNaN(Date.parse(value))
  );
}

const INVALID = new Date(Number.NaN);
const toInstant = (value: string) => (isRealInstant(value) ? new Date(value) : INVALID);

/** Rejects impossible calendar dates that pass the ISO pattern (e.g. 2030-02-31). */
function checkDates(spec: ChallengeSpec): void {
  const errors: FieldError[] = [];
  const bad = (d: Date) => Number.isNaN(d.getTime());
  if (bad(spec.bidDeadline)) errors.push({ field: 'bidDeadline', message: 'is not a valid date' });
  if (bad(spec.projectEndsAt)) errors.push({ field: 'projectEndsAt', message: 'is not a valid date' });
  spec.stages.forEach((s, i) => bad(s.endsAt) && errors.push({ field: `stages[${i}].endsAt`, message: 'is not a valid date' }));
  if (errors.length) throw invalid('challenges.invalid', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
}

export function specFromCreate(dto: CreateChallengeDto): ChallengeSpec {
  const spec: ChallengeSpec = {
    title: dto.title.trim(),
    summary: dto.summary.trim(),
    industry: dto.industry,
    secondaryIndustry: dto.secondaryIndustry ?? null,
    field: dto.field ?? null,
    mechanism: dto.mechanism,
    track: dto.track,
    budgetFen: dto.budgetFen,
    maxAwardFen: dto.maxAwardFen ?? null,
    parallelSlots: dto.parallelSlots ?? null,
    stages: toStages(dto.stages),
    objectives: dto.objectives.map((o) => ({ metric: o.metric.trim(), target: o.target, unit: o.unit.trim() })),
    eligibility: {
      orgKinds: [...dto.eligibility.orgKinds],
      consortiumAllowed: dto.eligibility.consortiumAllowed,
      maxMembers: dto.eligibility.maxMembers,
    },
    bidDeadline: toInstant(dto.bidDeadline),
    projectEndsAt: toInstant(dto.projectEndsAt),
    zone: dto.zone ?? null,
  };
  checkDates(spec);
  return spec;
}

export function specFromRow(row: ChallengeRow): ChallengeSpec {
  return {
    title: row.title,
    summary: row.summary,
    industry: row.industry,
    secondaryIndustry: row.secondary_industry,
    field: row.field,
    mechanism: row.mechanism,
    track: row.track,
    budgetFen: moneyTransformer.from(row.budget_fen) as number,
    maxAwardFen: moneyTransformer.from(row.max_award_fen),
    parallelSlots: row.parallel_slots,
    stages: toStages(row.stages),
    objectives: row.objectives,
    eligibility: row.eligibility,
    bidDeadline: row.bid_deadline,
    projectEndsAt: row.project_ends_at,
    zone: row.zone,
  };
}

/** Fields a PATCH may set to null (to clear them); every other field refuses null. */
const NULLABLE: ReadonlySet<string> = new Set(['secondaryIndustry', 'field', 'maxAwardFen', 'zone', 'stages', 'parallelSlots']);

export function specFromPatch(row: ChallengeRow, dto: UpdateChallengeDto): ChallengeSpec {
  const nullErrors: FieldError[] = Object.entries(dto)
    .filter(([key, value]) => value === null && !NULLABLE.has(key))
    .map(([field]) => ({ field, message: 'must not be null' }));
  if (nullErrors.length)
    throw invalid('challenges.invalid', nullErrors.map((e) => `${e.field} ${e.message}`).join('; '), nullErrors);
  const base = specFromRow(row);
  const has = (key: keyof UpdateChallengeDto) => Object.prototype.hasOwnProperty.call(dto, key) && dto[key] !== undefined;
  // Switching a horse race back to an open call without naming the slots means one slot.
  const mechanismChanged = has('mechanism') && dto.mechanism !== row.mechanism;
  const spec: ChallengeSpec = {
    title: has('title') ? (dto.title as string).trim() : base.title,
    summary: has('summary') ? (dto.summary as string).trim() : base.summary,
    industry: dto.industry ?? base.industry,
    secondaryIndustry: has('secondaryIndustry') ? (dto.secondaryIndustry ?? null) : base.secondaryIndustry,
    field: has('field') ? (dto.field ?? null) : base.field,
    mechanism: dto.mechanism ?? base.mechanism,
    track: dto.track ?? base.track,
    budgetFen: dto.budgetFen ?? base.budgetFen,
    maxAwardFen: has('maxAwardFen') ? (dto.maxAwardFen ?? null) : base.maxAwardFen,
    parallelSlots: has('parallelSlots') ? (dto.parallelSlots ?? null) : mechanismChanged ? null : base.parallelSlots,
    stages: has('stages') ? toStages(dto.stages) : mechanismChanged && dto.mechanism === 'open_call' ? [] : base.stages,
    objectives: dto.objectives
      ? dto.objectives.map((o) => ({ metric: o.metric.trim(), target: o.target, unit: o.unit.trim() }))
      : base.objectives,
    eligibility: dto.eligibility ? { ...dto.eligibility, orgKinds: [...dto.eligibility.orgKinds] } : base.eligibility,
    bidDeadline: dto.bidDeadline ? toInstant(dto.bidDeadline) : base.bidDeadline,
    projectEndsAt: dto.projectEndsAt ? toInstant(dto.projectEndsAt) : base.projectEndsAt,
    zone: has('zone') ? (dto.zone ?? null) : base.zone,
  };
  checkDates(spec);
  return spec;
}

export const storedStages = (stages: Stage[]): StoredStage[] =>
  stages.map((s) => ({ name: s.name, endsAt: s.endsAt.toISOString(), advancingSlots: s.advancingSlots }));

/** Column values of a spec, for INSERT and UPDATE (parallelSlots: an open call without one has 1). */
export function columnsOf(spec: ChallengeSpec): ChallengeColumnValues {
  return {
    title: spec.title,
    summary: spec.summary,
    industry: spec.industry,
    secondary_industry: spec.secondaryIndustry,
    field: spec.field,
    mechanism: spec.mechanism,
    track: spec.track,
    budget_fen: spec.budgetFen,
    max_award_fen: spec.maxAwardFen,
    parallel_slots: spec.parallelSlots ?? 1,
    stages: JSON.stringify(storedStages(spec.stages)),
    objectives: JSON.stringify(spec.objectives),
    eligibility: JSON.stringify(spec.eligibility),
    bid_deadline: spec.bidDeadline,
    project_ends_at: spec.projectEndsAt,
    zone: spec.zone,
  };
}

/** The audit's before/after: only the fields that changed, in the API's names. */
export function changedFields(
  before: ChallengeSpec,
  after: ChallengeSpec,
): { before: Record<string, unknown>; after: Record<string, unknown> } {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  const norm = (v: unknown) => JSON.stringify(v instanceof Date ? v.toISOString() : v);
  for (const key of Object.keys(after) as (keyof ChallengeSpec)[]) {
    const bv = key === 'stages' ? storedStages(before.stages) : before[key];
    const av = key === 'stages' ? storedStages(after.stages) : after[key];
    if (norm(bv) !== norm(av)) {
      b[key] = bv instanceof Date ? bv.toISOString() : bv;
      a[key] = av instanceof Date ? av.toISOString() : av;
    }
  }
  return { before: b, after: a };
}
