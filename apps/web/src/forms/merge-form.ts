/**
 * Pure rules of the agency's merge proposal (强强联合), no React. They mirror what the API judges
 * (libs/awards/src/merge-rules.ts) so a person sees a mistake before sending; the server stays the
 * judge, and its answer is shown beside the field it concerns.
 */
import type { ProposeMergeBody } from '../api/merges';
import { parseYuan } from '../lib/money';
import { fromShanghaiInput } from '../lib/time';

export interface MergeMilestoneValues {
  /** A stable React key: rows are added and removed. */
  key: number;
  title: string;
  /** datetime-local value, Shanghai time. */
  dueAt: string;
  deliverable: string;
  /** Yuan as typed. */
  tranche: string;
}

export interface MergeValues {
  projectIds: string[];
  leadOrganizationId: string;
  /** Organisation id → share percent as typed, for every organisation but the lead. */
  shares: Record<string, string>;
  title: string;
  totalInvestment: string;
  grant: string;
  milestones: MergeMilestoneValues[];
}

/** An organisation of the chosen projects: a project's lead or a member of its consortium. */
export interface MergeOrganization {
  organizationId: string;
  /** The registered name; null only when the API gave none (then its credit code names it). */
  name: string | null;
  creditCode: string | null;
  /** The title of the project it comes from. */
  projectTitle: string;
  isLead: boolean;
}

export type MergeMessage =
  | 'projectsTooFew'
  | 'leadRequired'
  | 'shareFormat'
  | 'leadShareTooSmall'
  | 'titleRequired'
  | 'amountRequired'
  | 'amountFormat'
  | 'amountPositive'
  | 'dueAtRequired'
  | 'dueAtFormat'
  | 'deliverableRequired'
  | 'milestonesRequired'
  | 'planMismatch';

export type MergeErrors = Record<string, MergeMessage>;

let nextKey = 0;
export const emptyMergeMilestone = (): MergeMilestoneValues => ({
  key: nextKey++,
  title: '',
  dueAt: '',
  deliverable: '',
  tranche: '',
});

export const emptyMerge = (): MergeValues => ({
  projectIds: [],
  leadOrganizationId: '',
  shares: {},
  title: '',
  totalInvestment: '',
  grant: '',
  milestones: [emptyMergeMilestone()],
});

interface ChosenProject {
  id: string;
  title: string;
  organizationId: string;
  organizationName: string;
}

/** Every organisation of the chosen projects once: the leads first, then consortium members not already listed. */
export function mergeOrganizations(
  projects: readonly ChosenProject[],
  consortiumOf: (projectId: string) => readonly { organizationId: string; creditCode: string; organizationName?: string }[],
): MergeOrganization[] {
  const leads: MergeOrganization[] = projects.map((p) => ({
    organizationId: p.organizationId,
    name: p.organizationName,
    creditCode: null,
    projectTitle: p.title,
    isLead: true,
  }));
  const seen = new Set(leads.map((o) => o.organizationId));
  const members: MergeOrganization[] = [];
  for (const p of projects) {
    for (const m of consortiumOf(p.id)) {
      if (seen.has(m.organizationId)) continue;
      seen.add(m.organizationId);
      members.push({
        organizationId: m.organizationId,
        name: m.organizationName || null,
        creditCode: m.creditCode,
        projectTitle: p.title,
        isLead: false,
      });
    }
  }
  return [...leads, ...members];
}

/** A whole percent 1..99, or null. */
function parseShare(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,2}$/.test(t)) return null;
  const n = Number(t);
  return n >= 1 && n <= 99 ? n : null;
}

/** The share the lead keeps: 100 − the others' (the valid ones). */
export function leadShareOf(values: MergeValues, others: readonly MergeOrganization[]): number {
  return 100 - others.reduce((s, o) => s + (parseShare(values.shares[o.organizationId] ?? '') ?? 0), 0);
}

function parseAmount(text: string, path: string, errors: MergeErrors, allowZero = false): number | null {
  const parsed = parseYuan(text);
  if (!parsed.ok) errors[path] = parsed.reason === 'empty' ? 'amountRequired' : 'amountFormat';
  else if (parsed.fen <= 0 && !allowZero) errors[path] = 'amountPositive';
  else return parsed.fen;
  return null;
}

function toMilestones(values: MergeValues, errors: MergeErrors): ProposeMergeBody['milestones'] {
  if (values.milestones.length === 0) errors.milestones = 'milestonesRequired';
  return values.milestones.map((m, i) => {
    const at = `milestones.${i}`;
    if (!m.title.trim()) errors[`${at}.title`] = 'titleRequired';
    if (!m.deliverable.trim()) errors[`${at}.deliverable`] = 'deliverableRequired';
    const dueAt = m.dueAt ? fromShanghaiInput(m.dueAt) : null;
    if (!dueAt) errors[`${at}.dueAt`] = m.dueAt ? 'dueAtFormat' : 'dueAtRequired';
    const trancheFen = parseAmount(m.tranche, `${at}.tranche`, errors, true);
    return { title: m.title.trim(), dueAt: dueAt ?? '', deliverable: m.deliverable.trim(), trancheFen: trancheFen ?? 0 };
  });
}

/**
 * The proposal's own rules: two projects or more, a lead among their leads, a whole share 1..99 for every other
 * organisation leaving the lead at least 1 %, amounts in yuan, and tranches adding up to grant − already paid.
 * The funding rule and the merged grants' sum are judged by the server (422 beside the grant).
 */
export function validateMerge(
  values: MergeValues,
  organizations: readonly MergeOrganization[],
  paidFen: number,
): { errors: MergeErrors; body: ProposeMergeBody | null } {
  const errors: MergeErrors = {};
  if (values.projectIds.length < 2) errors.projectIds = 'projectsTooFew';
  const lead = organizations.find((o) => o.isLead && o.organizationId === values.leadOrganizationId);
  if (!lead) errors.leadOrganizationId = 'leadRequired';
  const others = organizations.filter((o) => o.organizationId !== lead?.organizationId);
  const members = others.map((o) => {
    const share = parseShare(values.shares[o.organizationId] ?? '');
    if (share === null) errors[`shares.${o.organizationId}`] = 'shareFormat';
    return { organizationId: o.organizationId, sharePercent: share ?? 0 };
  });
  if (lead && !errors.projectIds && leadShareOf(values, others) < 1) errors.members = 'leadShareTooSmall';
  if (!values.title.trim()) errors.title = 'titleRequired';
  const totalInvestmentFen = parseAmount(values.totalInvestment, 'totalInvestment', errors);
  const grantFen = parseAmount(values.grant, 'grant', errors);
  const milestones = toMilestones(values, errors);
  const plannedFen = milestones.reduce((s, m) => s + m.trancheFen, 0);
  if (grantFen !== null && !Object.keys(errors).some((k) => k.endsWith('.tranche')) && plannedFen !== grantFen - paidFen)
    errors.milestones = 'planMismatch';
  if (Object.keys(errors).length || !lead || totalInvestmentFen === null || grantFen === null) return { errors, body: null };
  const body = {
    projectIds: values.projectIds,
    leadOrganizationId: lead.organizationId,
    members,
    title: values.title.trim(),
    totalInvestmentFen,
    grantFen,
    milestones,
  };
  return { errors, body };
}

/** Where the server's merge codes belong on the form (the rest go above it). */
export const MERGE_CODE_FIELDS: Record<string, string> = {
  'awards.merge_not_advancing': 'projectIds',
  'awards.merge_mixed_rules': 'projectIds',
  'awards.merge_project_busy': 'projectIds',
  'awards.merge_over_cap': 'grant',
  'awards.merge_grows_budget': 'grant',
  'awards.merge_below_paid': 'grant',
  'awards.merge_plan_mismatch': 'milestones',
  'awards.merge_members_mismatch': 'members',
};

/** API paths → form paths: `milestones[0].trancheFen` → `milestones.0.tranche`, `grantFen` → `grant`. */
export function mergeFieldOf(apiPath: string): string {
  return apiPath
    .replace(/\[(\d+)\]/g, '.$1')
    .replace(/^members\.\d+.*/, 'members')
    .replace(/Fen$/, '');
}
