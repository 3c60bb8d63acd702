/**
 * Pure rules of a merge at a horse-race gate (强强联合): two or more projects that advanced past
 * the challenge's last final gate become one consortium project. No Nest, no database.
 *
 * The money never grows and nothing paid is taken back:
 * - the merged grant is judged by the rule and policy version the merged projects were awarded
 *   under (they must share one: `awards.merge_mixed_rules`), with the rate on the merged total
 *   investment (floor), the rule's cap and the challenge's per-award maximum (`awards.merge_over_cap`);
 * - merged grant ≤ Σ the merged projects' grants (`awards.merge_grows_budget`): the challenge's
 *   budget committed to these teams does not grow;
 * - merged grant ≥ Σ what they were paid (`awards.merge_below_paid`): that money stays paid and
 *   counts towards the merged grant;
 * - the re-planned tranches add up to merged grant − paid exactly (`awards.merge_plan_mismatch`).
 * The checks run in this order and the first broken one is the answer.
 */
import { conflict, ruleViolation } from '@app/common/domain-error';
import { PolicyVersionContent, assertUnderVersion, checkUnderVersion, percentOf } from '@app/policy';

export interface MergingProject {
  id: string;
  status: string;
  stageReached: number;
  grantedFen: number;
  paidFen: number;
  requestedFen: number;
  policyVersionId: string;
  ruleId: string;
  ruleRateBp: number | null;
  ruleCapFen: number | null;
}

export interface MergeProposal {
  projects: readonly MergingProject[];
  /** The stage of the challenge's last gate when it is final (and no later gate is pending); else null. */
  finalStage: number | null;
  grantFen: number;
  totalInvestmentFen: number;
  /** The challenge's per-award maximum, if it has one. */
  maxAwardFen: number | null;
  tranchesFen: readonly number[];
}

/** What an accepted merge writes: the merged project's terms and what the challenge gets back. */
export interface MergeTerms {
  ruleId: string;
  policyVersionId: string;
  ruleRateBp: number | null;
  ruleCapFen: number | null;
  /** The tightest limit on the merged project (stored as its cap_fen). */
  capFen: number;
  grantFen: number;
  /** Σ what the merged projects were paid: inside the merged grant, not paid again. */
  paidFen: number;
  grantsBeforeFen: number;
  /** Σ grants before − merged grant: back to the challenge's budget. */
  releasedFen: number;
  /** What the re-planned tranches pay: grant − paid. */
  remainingFen: number;
  /** Σ the merged projects' requests (the merged project's requested_fen; the grant never passes it). */
  requestedFen: number;
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** At least two distinct projects, each active, each advanced at the last final gate. */
export function assertAdvancing(projects: readonly MergingProject[], finalStage: number | null): void {
  const ids = new Set(projects.map((p) => p.id));
  const stragglers = projects.filter((p) => p.status !== 'active' || finalStage === null || p.stageReached !== finalStage);
  if (ids.size < 2 || ids.size !== projects.length || finalStage === null || stragglers.length) {
    throw conflict(
      'awards.merge_not_advancing',
      finalStage === null
        ? 'Projects merge only after a gate is final (and before the next gate runs).'
        : `Only two or more distinct active projects that advanced at the gate of stage ${finalStage} can merge.`,
      { finalStage, projectIds: stragglers.map((p) => p.id) },
    );
  }
}

/** The one rule and version every merged project was awarded under. */
export function sharedRule(projects: readonly MergingProject[]): MergingProject {
  const first = projects[0];
  const key = (p: MergingProject) => `${p.policyVersionId}|${p.ruleId}|${p.ruleRateBp ?? '-'}|${p.ruleCapFen ?? '-'}`;
  if (projects.some((p) => key(p) !== key(first))) {
    throw conflict('awards.merge_mixed_rules', 'The projects were awarded under different funding rules or policy versions.', {
      rules: [...new Set(projects.map(key))],
    });
  }
  return first;
}

/** The caps of the merged project, tightest first wins: rate × investment, the rule's cap, the per-award maximum. */
export function mergeLimits(
  rule: Pick<MergingProject, 'ruleRateBp' | 'ruleCapFen'>,
  totalInvestmentFen: number,
  maxAwardFen: number | null,
) {
  return [
    { rule: 'merge.rate', capFen: rule.ruleRateBp === null ? null : percentOf(totalInvestmentFen, rule.ruleRateBp) },
    { rule: 'merge.rule_cap', capFen: rule.ruleCapFen },
    { rule: 'merge.max_award', capFen: maxAwardFen },
  ].filter((l): l is { rule: string; capFen: number } => l.capFen !== null);
}

/** Judges a proposed merge (409 / 422 with the rule broken); the terms it writes when it stands. */
export function judgeMerge(p: MergeProposal): MergeTerms {
  assertAdvancing(p.projects, p.finalStage);
  const rule = sharedRule(p.projects);
  const limits = mergeLimits(rule, p.totalInvestmentFen, p.maxAwardFen);
  const broken = limits.find((l) => p.grantFen > l.capFen);
  if (broken) {
    throw ruleViolation(
      'awards.merge_over_cap',
      `The merged grant of ${p.grantFen} fen exceeds ${broken.rule} (${broken.capFen} fen).`,
      {
        rule: broken.rule,
        capFen: broken.capFen,
        requestedFen: p.grantFen,
      },
    );
  }
  const grantsBeforeFen = sum(p.projects.map((x) => x.grantedFen));
  if (p.grantFen > grantsBeforeFen) {
    throw ruleViolation(
      'awards.merge_grows_budget',
      `The merged grant exceeds the merged projects' grants (${grantsBeforeFen} fen).`,
      {
        capFen: grantsBeforeFen,
        requestedFen: p.grantFen,
      },
    );
  }
  const paidFen = sum(p.projects.map((x) => x.paidFen));
  if (p.grantFen < paidFen) {
    throw ruleViolation(
      'awards.merge_below_paid',
      `The merged grant is less than what the projects were already paid (${paidFen} fen).`,
      {
        paidFen,
        requestedFen: p.grantFen,
      },
    );
  }
  const remainingFen = p.grantFen - paidFen;
  const plannedFen = sum(p.tranchesFen);
  if (plannedFen !== remainingFen) {
    throw ruleViolation(
      'awards.merge_plan_mismatch',
      `The tranches add up to ${plannedFen} fen, not grant − paid = ${remainingFen} fen.`,
      {
        plannedFen,
        remainingFen,
      },
    );
  }
  return {
    ruleId: rule.ruleId,
    policyVersionId: rule.policyVersionId,
    ruleRateBp: rule.ruleRateBp,
    ruleCapFen: rule.ruleCapFen,
    capFen: Math.min(grantsBeforeFen, ...limits.map((l) => l.capFen)),
    grantFen: p.grantFen,
    paidFen,
    grantsBeforeFen,
    releasedFen: grantsBeforeFen - p.grantFen,
    remainingFen,
    requestedFen: sum(p.projects.map((x) => x.requestedFen)),
  };
}

/**
 * The merge date is in force under the version the merged projects were awarded under (422
 * `policy.not_in_force`, worded as an award's). A project is judged by the law in force when it was
 * awarded, and a merge is an award: it decides a new grant, on a new total investment, to a new
 * consortium, re-checked against the version's rate and cap, and the merged project is created on
 * the merge date, which is the date its tranches are judged on (as every project's are: its
 * `created_at`). Clause 24 (二十四) bounds the measures in time, so after the version's last day no
 * grant can be decided under it — as an award is refused then, so is a merge. Judging the merged
 * project instead on the merged projects' award dates would let a decision made after the measures
 * end pass as one made while they were in force. Allowing it and leaving the date at the merge would
 * create a project whose every tranche is refused `not_in_force`.
 */
export function assertMergeInForce(
  version: PolicyVersionContent,
  ruleId: string,
  merge: { at: Date; grantFen: number; totalInvestmentFen: number },
): void {
  const input = { baseFen: merge.totalInvestmentFen, requestedFen: merge.grantFen, alreadyGrantedFen: 0, date: merge.at };
  // Only the window is judged here (judgeMerge judged the caps); not_in_force is the first violation assertUnderVersion throws.
  if (!checkUnderVersion(version, ruleId, input).quote.inForce) assertUnderVersion(version, ruleId, input);
}

export interface ConsortiumEntry {
  organizationId: string;
  creditCode: string;
  role: 'lead' | 'member';
  sharePercent: number;
}

/**
 * The merged project's consortium: the lead (one of the merged projects' leads) first, then every
 * other organisation of the merged projects (their leads and consortium members) exactly once, as
 * the agency listed them with their shares; the lead holds the rest (≥ 1 %). 422 otherwise.
 */
export function mergedConsortium(
  projects: readonly { organizationId: string; consortium: readonly { organizationId: string }[] }[],
  leadOrganizationId: string,
  members: readonly { organizationId: string; sharePercent: number }[],
  creditCodes: ReadonlyMap<string, string>,
): ConsortiumEntry[] {
  const everyone = new Set(projects.flatMap((p) => [p.organizationId, ...p.consortium.map((m) => m.organizationId)]));
  const named = [leadOrganizationId, ...members.map((m) => m.organizationId)];
  const leadShare = 100 - sum(members.map((m) => m.sharePercent));
  const leads = new Set(projects.map((p) => p.organizationId));
  if (
    !leads.has(leadOrganizationId) ||
    new Set(named).size !== named.length ||
    named.length !== everyone.size ||
    named.some((id) => !everyone.has(id) || !creditCodes.has(id)) ||
    leadShare < 1
  ) {
    throw ruleViolation(
      'awards.merge_members_mismatch',
      'The lead must be one of the merged projects’ leads and the members exactly their other organisations, with shares leaving the lead at least 1%.',
      { organizations: [...everyone], leadShare },
    );
  }
  const entry = (organizationId: string, role: 'lead' | 'member', sharePercent: number) => ({
    organizationId,
    creditCode: creditCodes.get(organizationId) as string,
    role,
    sharePercent,
  });
  return [entry(leadOrganizationId, 'lead', leadShare), ...members.map((m) => entry(m.organizationId, 'member', m.sharePercent))];
}
