/**
 * Releases about results and the projects they start (read through libs/awards: projects and their
 * milestones; libs/identity: the organisations):
 *
 * | ledger action              | tag(s)                               | what it carries                                 |
 * |----------------------------|--------------------------------------|-------------------------------------------------|
 * | `award.granted`            | `award` (+ `tenderUpdate`)           | award `pending` (publicity 公示期), value, suppliers; `tender.status: complete` when it filled the last slot |
 * | `project.publicity_ended`  | `awardUpdate`, `contract`            | award `active`; the contract `active`, its delivery milestones `scheduled` in `implementation.milestones` (tranche in the description) |
 * | `objection.upheld`         | `awardCancellation`                  | award `cancelled`                               |
 * | `gate.finalised` (horse race) | `contractTermination` / `awardCancellation` | eliminated projects: contract `terminated` (or award `cancelled` if it was still in publicity) |
 * | `gate.decided`             | (same, only for gates decided before gate publicity existed: no `publicityEndsAt`; a published gate stops no one until `gate.finalised`) | |
 * | `challenge.awarded`        | `tenderUpdate`                       | `tender.status: complete`                       |
 *
 * A project is one award and one contract, both with the project's id (`contract.awardID` = the
 * award's id). Suppliers are the bid's organisation and its consortium members, identified by
 * their unified social credit code (scheme CN-USCI). Amounts come from the ledger entry (the
 * amount awarded) or from the project row (granted and tranche amounts, fixed at award); nothing
 * is read from the bid itself.
 */
import type { EntityManager } from 'typeorm';
import { AwardedProjectForOpenData, awardedProjectsForOpenData } from '@app/awards';
import { OrganizationForOpenData, organizationsByIds } from '@app/identity';
import { Award, Contract, Milestone, Party, cny, cnyText, partyOf, referenceOf } from '../ocds';
import { EventRow, ReleaseBody, ReleaseBuilder } from './release-builder';

/** A project as its releases show it. */
export type ProjectFacts = Pick<AwardedProjectForOpenData, 'id' | 'granted_fen' | 'activated_at' | 'milestones'> & {
  /** Lead first, then the consortium members by credit code. */
  suppliers: { name: string; creditCode: string }[];
};

/** A gate's entry that stops projects: its finalisation, or a decision from before gates had a publicity period. */
const stopsProjects = (row: EventRow) =>
  row.action === 'gate.finalised' || (row.action === 'gate.decided' && row.after?.publicityEndsAt === undefined);

/** The projects an event is about: its subject, or (a gate) the projects it eliminated. */
function projectIdsOf(row: EventRow): string[] {
  if (row.action === 'gate.decided' || row.action === 'gate.finalised')
    return stopsProjects(row) && Array.isArray(row.after?.eliminated) ? (row.after.eliminated as string[]) : [];
  return row.subject_type === 'project' ? [row.subject_id] : [];
}

export async function projectFacts(db: EntityManager, rows: EventRow[]): Promise<Map<string, ProjectFacts>> {
  const ids = [...new Set(rows.flatMap(projectIdsOf))];
  if (!ids.length) return new Map();
  const projects = await awardedProjectsForOpenData(db, ids);
  const orgIds = new Set(projects.flatMap((p) => [p.organization_id, ...p.member_organization_ids]).filter(Boolean));
  const orgs = await organizationsByIds(db, [...orgIds]);
  const ranked = new Map(orgs.map((o, rank) => [o.id, { ...o, rank }]));
  return new Map(
    projects.map((p) => [
      p.id,
      {
        id: p.id,
        granted_fen: p.granted_fen,
        activated_at: p.activated_at,
        suppliers: suppliersOf(p, ranked),
        milestones: p.milestones,
      },
    ]),
  );
}

/**
 * The project's organisations on record, each once: the lead first, then the consortium members by
 * credit code (the order `organizationsByIds` answers in, kept as `rank`).
 */
function suppliersOf(
  p: AwardedProjectForOpenData,
  orgs: Map<string, OrganizationForOpenData & { rank: number }>,
): ProjectFacts['suppliers'] {
  const lead = orgs.get(p.organization_id);
  const members = [...new Set(p.member_organization_ids)]
    .filter((id) => id !== p.organization_id)
    .flatMap((id) => orgs.get(id) ?? [])
    .sort((a, b) => a.rank - b.rank);
  return [...(lead ? [lead] : []), ...members].map((o) => ({ name: o.name, creditCode: o.credit_code }));
}

/** The lead (first) is the payee of the project's tranches; consortium members are suppliers. */
export const supplierParties = (p: ProjectFacts): Party[] =>
  p.suppliers.map((s, i) => partyOf(s, i === 0 ? ['supplier', 'payee'] : ['supplier']));

export const awardBuilder: ReleaseBuilder<Map<string, ProjectFacts>> = {
  name: 'award',
  actions: ['award.granted'],
  prefetch: projectFacts,
  build(row, projects): ReleaseBody | null {
    const p = projects.get(row.subject_id);
    const amountFen = row.after?.amountFen;
    if (!p || typeof amountFen !== 'number') return null;
    const parties = supplierParties(p);
    const until = typeof row.after?.publicityEndsAt === 'string' ? row.after.publicityEndsAt : null;
    const award: Award = {
      id: p.id,
      status: 'pending',
      date: row.recorded_at,
      value: cny(amountFen),
      suppliers: parties.map(referenceOf),
      ...(until
        ? {
            description: `公示期至 ${until}，期满无成立的异议即为最终授予。`,
            description_en: `Publicity period until ${until}; the award is final when it ends without an upheld objection.`,
          }
        : {}),
    };
    // The award that fills the last slot finishes awarding by itself (no `challenge.awarded` entry).
    const completes = row.after?.challengeStatus === 'awarded' && row.before?.challengeStatus !== 'awarded';
    return {
      tag: completes ? ['award', 'tenderUpdate'] : ['award'],
      parties,
      awards: [award],
      ...(completes ? { tender: { id: row.challenge_id, status: 'complete' as const } } : {}),
    };
  },
};

export const activationBuilder: ReleaseBuilder<Map<string, ProjectFacts>> = {
  name: 'contract',
  actions: ['project.publicity_ended'],
  prefetch: projectFacts,
  build(row, projects): ReleaseBody | null {
    const p = projects.get(row.subject_id);
    if (!p) return null;
    const signed = typeof row.after?.activatedAt === 'string' ? row.after.activatedAt : row.recorded_at;
    const contract = activeContract(p, signed);
    return {
      tag: ['awardUpdate', 'contract'],
      parties: supplierParties(p),
      awards: [{ id: p.id, status: 'active' }],
      contracts: [contract],
    };
  },
};

/** The project's contract from `signed` on: its value and its delivery milestones as planned. */
export function activeContract(p: ProjectFacts, signed: string): Contract {
  // Delivery milestones are implementation milestones: planned here (`scheduled`), then updated
  // in place, by id, as each is reviewed — so a compiled record holds one status per milestone.
  // (`contracts[].milestones` is for milestones of the contract's finalization; putting them in
  // both places made the compiled record say `scheduled` and `met` of the same milestone.)
  const milestones: Milestone[] = p.milestones.map((m) => ({
    id: m.id,
    title: m.title,
    type: 'delivery',
    dueDate: m.dueAt,
    status: 'scheduled',
    description: trancheText(m.trancheFen),
  }));
  return {
    id: p.id,
    awardID: p.id,
    status: 'active',
    value: cny(p.granted_fen),
    dateSigned: signed,
    period: { startDate: signed },
    implementation: { milestones },
  };
}

/**
 * The tranche tied to a milestone, in words: OCDS 1.1 milestones have no `value` (that is 1.2), so
 * the amount (exact, from integer fen) is in the description; the money actually paid is in
 * `implementation.transactions`.
 */
export function trancheText(fen: number | string): string {
  return `达成后拨付 ${cnyText(fen)} 元`;
}

export const objectionUpheldBuilder: ReleaseBuilder<void> = {
  name: 'awardCancellation.objection',
  actions: ['objection.upheld'],
  build(row): ReleaseBody {
    const comment = typeof row.after?.comment === 'string' && row.after.comment ? row.after.comment : '';
    const award: Award = {
      id: row.subject_id,
      status: 'cancelled',
      description: `异议成立，撤销授予${comment ? `：${comment}` : '。'}`,
      description_en: `Objection upheld; the award is withdrawn${comment ? `: ${comment}` : '.'}`,
    };
    return {
      tag: ['awardCancellation'],
      awards: [award],
    };
  },
};

export const gateBuilder: ReleaseBuilder<Map<string, ProjectFacts>> = {
  name: 'contractTermination.gate',
  actions: ['gate.decided', 'gate.finalised'],
  prefetch: projectFacts,
  build(row, projects): ReleaseBody | null {
    const eliminated = projectIdsOf(row);
    if (!eliminated.length) return null;
    const stage = row.after?.stage;
    const stageName = typeof row.after?.stageName === 'string' ? row.after.stageName : null;
    // Contracts have no verified language variant in our transcription: Chinese only there.
    const why = `第 ${stage} 阶段${stageName ? `（${stageName}）` : ''}末位淘汰`;
    const whyEn = `Eliminated at the gate of stage ${stage}${stageName ? ` (${stageName})` : ''}.`;
    const awards: Award[] = [];
    const contracts: Contract[] = [];
    for (const id of eliminated) {
      const p = projects.get(id);
      // Active before the gate: it had a contract, now terminated. Still in publicity: the award falls.
      if (p?.activated_at && p.activated_at <= row.recorded_at)
        contracts.push({ id, awardID: id, status: 'terminated', description: why });
      else awards.push({ id, status: 'cancelled', description: why, description_en: whyEn });
    }
    return {
      tag: [
        ...(awards.length ? (['awardCancellation'] as const) : []),
        ...(contracts.length ? (['contractTermination'] as const) : []),
      ],
      ...(awards.length ? { awards } : {}),
      ...(contracts.length ? { contracts } : {}),
    };
  },
};

export const awardingFinishedBuilder: ReleaseBuilder<void> = {
  name: 'tenderUpdate.awarded',
  actions: ['challenge.awarded'],
  build(row): ReleaseBody {
    return { tag: ['tenderUpdate'], tender: { id: row.challenge_id, status: 'complete' } };
  },
};

export const AWARD_BUILDERS: ReleaseBuilder<any>[] = [
  awardBuilder,
  activationBuilder,
  objectionUpheldBuilder,
  gateBuilder,
  awardingFinishedBuilder,
];
