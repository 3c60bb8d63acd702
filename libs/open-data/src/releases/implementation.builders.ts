/**
 * Releases about a running project (libs/milestones: milestone reviews and disbursements):
 *
 * | ledger action                                   | tag              | what it carries                                   |
 * |-------------------------------------------------|------------------|---------------------------------------------------|
 * | `milestone.review.accept` / `.partial` (public) | `implementation` | `contracts[].implementation.milestones[]`: `met` / `partiallyMet`, `dateMet`, the amount to be paid (in the description) |
 * | `milestone.review.reject` (if ever public)      | `implementation` | `notMet` when the review made it `not_met`         |
 * | `disbursement.paid`                             | `implementation` | `contracts[].implementation.transactions[]`: the tranche paid (payer the buyer, payee the lead) |
 *
 * Only what the ledger made public is published: a rejection that sends the report back to the
 * team (status `scheduled` / `overdue`) is not public and not an outcome. The milestone is the
 * contract release's planned implementation milestone (same id, same place), so the compiled
 * record holds one entry per milestone: its due date from the plan, its latest status and dates
 * from the review. A transaction's id is the disbursement's id.
 */
import type { EntityManager } from 'typeorm';
import { MilestoneOfProjectForOpenData, milestonesForOpenData } from '@app/awards';
import { OrganizationForOpenData, organizationsByIds } from '@app/identity';
import { Milestone, cny, cnyText, partyOf, referenceOf } from '../ocds';
import { EventRow, ReleaseBody, ReleaseBuilder, buyerParty } from './release-builder';

/** Our milestone statuses that are outcomes, and their OCDS 1.1 milestoneStatus. */
const OUTCOME: Record<string, Milestone['status']> = { met: 'met', partially_met: 'partiallyMet', not_met: 'notMet' };

/** A milestone, its project and the project's lead organisation (the payee of its tranches). */
type MilestoneFacts = MilestoneOfProjectForOpenData & { lead: OrganizationForOpenData };

/** Milestones by id (their project and the project's lead organisation), for the batch; those without a lead on record are left out. */
async function milestoneFacts(db: EntityManager, rows: EventRow[]): Promise<Map<string, MilestoneFacts>> {
  const ids = [
    ...new Set(
      rows
        .map((r) => (r.action === 'disbursement.paid' ? r.after?.milestoneId : r.subject_id))
        .filter((id): id is string => typeof id === 'string'),
    ),
  ];
  if (!ids.length) return new Map();
  const milestones = await milestonesForOpenData(db, ids);
  const leads = new Map(
    (await organizationsByIds(db, [...new Set(milestones.map((m) => m.organization_id))])).map((o) => [o.id, o]),
  );
  const facts = new Map<string, MilestoneFacts>();
  for (const m of milestones) {
    const lead = leads.get(m.organization_id);
    if (lead) facts.set(m.id, { ...m, lead });
  }
  return facts;
}

const OUTCOME_WORDS: Record<string, string> = {
  met: '验收通过',
  partiallyMet: '部分达标',
  notMet: '未达标',
};

/** What the review decided to pay (OCDS 1.1 milestones have no `value`: the amount is in words). */
function payText(status: Milestone['status'], fen: number): string {
  return `${OUTCOME_WORDS[status ?? ''] ?? ''}：拨付 ${cnyText(fen)} 元`;
}

export const milestoneOutcomeBuilder: ReleaseBuilder<Map<string, MilestoneFacts>> = {
  name: 'implementation.milestone',
  actions: ['milestone.review.accept', 'milestone.review.partial', 'milestone.review.reject'],
  prefetch: milestoneFacts,
  build(row, milestones): ReleaseBody | null {
    const m = milestones.get(row.subject_id);
    const status = OUTCOME[String(row.after?.status)];
    if (!m || !status) return null;
    const payFen = row.after?.payFen;
    const outcome: Milestone = {
      id: m.id,
      title: m.title,
      type: 'delivery',
      status,
      dateModified: row.recorded_at,
      ...(status === 'notMet' ? {} : { dateMet: row.recorded_at }),
      ...(typeof payFen === 'number' ? { description: payText(status, payFen) } : {}),
    };
    return {
      tag: ['implementation'],
      contracts: [{ id: m.project_id, awardID: m.project_id, implementation: { milestones: [outcome] } }],
    };
  },
};

export const disbursementBuilder: ReleaseBuilder<Map<string, MilestoneFacts>> = {
  name: 'implementation.transaction',
  actions: ['disbursement.paid'],
  prefetch: milestoneFacts,
  build(row, milestones): ReleaseBody | null {
    const amountFen = row.after?.amountFen;
    const m = milestones.get(String(row.after?.milestoneId));
    if (!m || typeof amountFen !== 'number') return null;
    const payee = partyOf({ name: m.lead.name, creditCode: m.lead.credit_code }, ['supplier', 'payee']);
    const payer = buyerParty(row);
    return {
      tag: ['implementation'],
      parties: [payer, payee],
      contracts: [
        {
          id: m.project_id,
          awardID: m.project_id,
          implementation: {
            transactions: [
              {
                id: row.subject_id,
                date: row.recorded_at,
                value: cny(amountFen),
                payer: referenceOf(payer),
                payee: referenceOf(payee),
              },
            ],
          },
        },
      ],
    };
  },
};

export const IMPLEMENTATION_BUILDERS: ReleaseBuilder<any>[] = [milestoneOutcomeBuilder, disbursementBuilder];
