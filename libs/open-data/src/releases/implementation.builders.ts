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
import { Milestone, cny, cnyText, partyOf, referenceOf } from '../ocds';
import { EventRow, Queryable, ReleaseBody, ReleaseBuilder, buyerParty } from './release-builder';

/** Our milestone statuses that are outcomes, and their OCDS 1.1 milestoneStatus. */
const OUTCOME: Record<string, Milestone['status']> = { met: 'met', partially_met: 'partiallyMet', not_met: 'notMet' };

interface MilestoneFacts {
  id: string;
  project_id: string;
  title: string;
  lead_name: string;
  lead_credit_code: string;
}

/** Milestones by id (their project and the project's lead organisation), for the batch. */
async function milestoneFacts(db: Queryable, rows: EventRow[]): Promise<Map<string, MilestoneFacts>> {
  const ids = [
    ...new Set(
      rows
        .map((r) => (r.action === 'disbursement.paid' ? r.after?.milestoneId : r.subject_id))
        .filter((id): id is string => typeof id === 'string'),
    ),
  ];
  if (!ids.length) return new Map();
  const facts: MilestoneFacts[] = await db.query(
    `SELECT m.id, m.project_id, m.title, o.name AS lead_name, o.credit_code AS lead_credit_code
       FROM project_milestones m JOIN projects p ON p.id = m.project_id JOIN organizations o ON o.id = p.organization_id
      WHERE m.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(facts.map((f) => [f.id, f]));
}

const OUTCOME_WORDS: Record<string, string> = {
  met: '验收通过 met',
  partiallyMet: '部分达标 partially met',
  notMet: '未达标 not met',
};

/** What the review decided to pay (OCDS 1.1 milestones have no `value`: the amount is in words). */
function payText(status: Milestone['status'], fen: number): string {
  return `${OUTCOME_WORDS[status ?? ''] ?? ''}：拨付 ${cnyText(fen)} 元 (to be paid: ${cnyText(fen)} CNY)`;
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
  build(row, milestones, config): ReleaseBody | null {
    const amountFen = row.after?.amountFen;
    const m = milestones.get(String(row.after?.milestoneId));
    if (!m || typeof amountFen !== 'number') return null;
    const payee = partyOf({ name: m.lead_name, creditCode: m.lead_credit_code }, ['supplier', 'payee']);
    const payer = buyerParty(row, config);
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
