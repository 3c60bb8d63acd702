/**
 * Releases about results and the projects they start (tables of libs/awards: `projects`,
 * `project_milestones`, `organizations`):
 *
 * | ledger action              | tag(s)                               | what it carries                                 |
 * |----------------------------|--------------------------------------|-------------------------------------------------|
 * | `award.granted`            | `award` (+ `tenderUpdate`)           | award `pending` (publicity 公示期), value, suppliers; `tender.status: complete` when it filled the last slot |
 * | `project.publicity_ended`  | `awardUpdate`, `contract`            | award `active`; the contract `active`, its delivery milestones `scheduled` in `implementation.milestones` (tranche in the description) |
 * | `objection.upheld`         | `awardCancellation`                  | award `cancelled`                               |
 * | `gate.decided` (horse race)| `contractTermination` / `awardCancellation` | eliminated projects: contract `terminated` (or award `cancelled` if it was still in publicity) |
 * | `challenge.awarded`        | `tenderUpdate`                       | `tender.status: complete`                       |
 *
 * A project is one award and one contract, both with the project's id (`contract.awardID` = the
 * award's id). Suppliers are the bid's organisation and its consortium members, identified by
 * their unified social credit code (scheme CN-USCI). Amounts come from the ledger entry (the
 * amount awarded) or from the project row (granted and tranche amounts, fixed at award); nothing
 * is read from the bid itself.
 */
import { Award, Contract, Milestone, Party, cny, cnyText, partyOf, referenceOf } from '../ocds';
import { EventRow, Queryable, ReleaseBody, ReleaseBuilder } from './release-builder';

export interface ProjectFacts {
  id: string;
  granted_fen: string;
  activated_at: string | null;
  /** Lead first, then the consortium members by credit code. */
  suppliers: { name: string; creditCode: string }[];
  milestones: { id: string; title: string; dueAt: string; trancheFen: string }[];
}

const ISO = (col: string) => `to_char(${col} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** The projects an event is about: its subject, or (a gate) the projects it eliminated. */
function projectIdsOf(row: EventRow): string[] {
  if (row.action === 'gate.decided') return Array.isArray(row.after?.eliminated) ? (row.after.eliminated as string[]) : [];
  return row.subject_type === 'project' ? [row.subject_id] : [];
}

export async function projectFacts(db: Queryable, rows: EventRow[]): Promise<Map<string, ProjectFacts>> {
  const ids = [...new Set(rows.flatMap(projectIdsOf))];
  if (!ids.length) return new Map();
  const facts: ProjectFacts[] = await db.query(
    `SELECT p.id, p.granted_fen::text AS granted_fen, ${ISO('p.activated_at')} AS activated_at,
            (SELECT json_agg(json_build_object('name', o.name, 'creditCode', o.credit_code)
                             ORDER BY o.id = p.organization_id DESC, o.credit_code)
               FROM organizations o
              WHERE o.id = p.organization_id
                 OR o.id IN (SELECT (m->>'organizationId')::uuid FROM jsonb_array_elements(p.consortium) AS m)) AS suppliers,
            (SELECT coalesce(json_agg(json_build_object('id', m.id, 'title', m.title, 'dueAt', ${ISO('m.due_at')},
                                                        'trancheFen', m.tranche_fen::text) ORDER BY m.seq), '[]'::json)
               FROM project_milestones m WHERE m.project_id = p.id) AS milestones
       FROM projects p WHERE p.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(facts.map((f) => [f.id, f]));
}

/** The lead (first) is the payee of the project's tranches; consortium members are suppliers. */
const supplierParties = (p: ProjectFacts): Party[] =>
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
        ? { description: `公示期至 ${until} (publicity period; the award is final when it ends without an upheld objection)` }
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
    const contract: Contract = {
      id: p.id,
      awardID: p.id,
      status: 'active',
      value: cny(p.granted_fen),
      dateSigned: signed,
      period: { startDate: signed },
      implementation: { milestones },
    };
    return {
      tag: ['awardUpdate', 'contract'],
      parties: supplierParties(p),
      awards: [{ id: p.id, status: 'active' }],
      contracts: [contract],
    };
  },
};

/**
 * The tranche tied to a milestone, in words: OCDS 1.1 milestones have no `value` (that is 1.2), so
 * the amount (exact, from integer fen) is in the description; the money actually paid is in
 * `implementation.transactions`.
 */
export function trancheText(fen: number | string): string {
  return `达成后拨付 ${cnyText(fen)} 元 (tranche paid when met: ${cnyText(fen)} CNY)`;
}

export const objectionUpheldBuilder: ReleaseBuilder<void> = {
  name: 'awardCancellation.objection',
  actions: ['objection.upheld'],
  build(row): ReleaseBody {
    const comment = typeof row.after?.comment === 'string' && row.after.comment ? `: ${row.after.comment}` : '';
    return {
      tag: ['awardCancellation'],
      awards: [{ id: row.subject_id, status: 'cancelled', description: `异议成立，撤销授予 (objection upheld${comment})` }],
    };
  },
};

export const gateBuilder: ReleaseBuilder<Map<string, ProjectFacts>> = {
  name: 'contractTermination.gate',
  actions: ['gate.decided'],
  prefetch: projectFacts,
  build(row, projects): ReleaseBody | null {
    const eliminated = projectIdsOf(row);
    if (!eliminated.length) return null;
    const stage = row.after?.stage;
    const name = typeof row.after?.stageName === 'string' ? ` (${row.after.stageName})` : '';
    const why = `第 ${stage} 阶段末位淘汰 (eliminated at the gate of stage ${stage}${name})`;
    const awards: Award[] = [];
    const contracts: Contract[] = [];
    for (const id of eliminated) {
      const p = projects.get(id);
      // Active before the gate: it had a contract, now terminated. Still in publicity: the award falls.
      if (p?.activated_at && p.activated_at <= row.recorded_at)
        contracts.push({ id, awardID: id, status: 'terminated', description: why });
      else awards.push({ id, status: 'cancelled', description: why });
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
