import { EntityManager } from 'typeorm';
import { RowOf, runSql, sql } from '@app/database';
import { GateEvidence } from '../gate-rules';
import { openGateObjectionExistsSql } from './gate-objections.repository';

export interface CancelledTranche {
  projectId: string;
  milestoneId: string;
  trancheFen: number;
}

export type StageGateRow = RowOf<
  'stage_gates',
  'id' | 'challenge_id' | 'stage' | 'tie_break_reason' | 'decided_at' | 'publicity_ends_at' | 'finalised_at',
  { advancing: string[]; eliminated: string[]; evidence: GateEvidence[]; cancelled: CancelledTranche[] | null }
>;

/** The gates run up to `stage`: each stage and whether its result is final yet. */
export function readGatesRunUpTo(
  em: EntityManager,
  challengeId: string,
  stage: number,
): Promise<RowOf<'stage_gates', 'stage' | 'publicity_ends_at' | 'finalised_at'>[]> {
  return runSql(
    em,
    sql`SELECT stage, publicity_ends_at, finalised_at FROM stage_gates WHERE challenge_id = ${challengeId} AND stage <= ${stage}`,
  );
}

export async function countGatesRun(em: EntityManager, challengeId: string): Promise<number> {
  const [row] = await runSql<{ n: number }>(
    em,
    sql`SELECT count(*)::int AS n FROM stage_gates WHERE challenge_id = ${challengeId}`,
  );
  return row.n;
}

/** Records a gate (UQ_stage_gates_challenge_stage refuses a second one for the stage). */
export async function insertStageGate(
  em: EntityManager,
  g: {
    challengeId: string;
    stage: number;
    advancing: string[];
    eliminated: string[];
    evidence: GateEvidence[];
    tieBreakReason: string | null;
    decidedBy: string;
    publicityMs: number;
  },
): Promise<RowOf<'stage_gates', 'id' | 'decided_at' | 'publicity_ends_at'>> {
  const [row] = await runSql<RowOf<'stage_gates', 'id' | 'decided_at' | 'publicity_ends_at'>>(
    em,
    sql`INSERT INTO stage_gates (challenge_id, stage, advancing, eliminated, evidence, tie_break_reason, decided_by, publicity_ends_at)
        VALUES (${g.challengeId}, ${g.stage}, ${JSON.stringify(g.advancing)}::jsonb, ${JSON.stringify(g.eliminated)}::jsonb,
                ${JSON.stringify(g.evidence)}::jsonb, ${g.tieBreakReason}, ${g.decidedBy},
                now() + make_interval(secs => ${g.publicityMs / 1000}))
        RETURNING id, decided_at, publicity_ends_at`,
  );
  return row;
}

export async function readStageGate(em: EntityManager, challengeId: string, stage: number): Promise<StageGateRow | undefined> {
  const [row] = await runSql<StageGateRow>(
    em,
    sql`SELECT ${GATE_COLUMNS} FROM stage_gates WHERE challenge_id = ${challengeId} AND stage = ${stage}`,
  );
  return row;
}

const GATE_COLUMNS = sql`id, challenge_id, stage, advancing, eliminated, evidence, cancelled, tie_break_reason, decided_at,
  publicity_ends_at, finalised_at`;

/** A gate with the database's view of its period, for the publicity rules. */
export type LockedGateRow = StageGateRow & { ms_left: number; in_period: boolean };

/**
 * The gate of (challenge, stage) — or by id — with how long its period has left. `mode`: `update`
 * for finalising and resolving (they change the gate), `share` for lodging an objection, so a lodge
 * and the finalisation are ordered: the objection commits first and holds the gate, or it waits and
 * finds the gate final.
 */
export async function lockGate(
  em: EntityManager,
  by: { id: string } | { challengeId: string; stage: number },
  mode: 'update' | 'share',
): Promise<LockedGateRow | undefined> {
  const where = 'id' in by ? sql`id = ${by.id}` : sql`challenge_id = ${by.challengeId} AND stage = ${by.stage}`;
  const [row] = await runSql<LockedGateRow>(
    em,
    sql`SELECT ${GATE_COLUMNS}, (extract(epoch FROM (publicity_ends_at - now())) * 1000)::float8 AS ms_left,
               now() < publicity_ends_at AS in_period
          FROM stage_gates WHERE ${where} ${mode === 'update' ? sql`FOR UPDATE` : sql`FOR SHARE`}`,
  );
  return row;
}

/** An upheld objection changed who advances; a newly stopped project moves the period's end (never earlier). */
export async function updateGateSelection(
  em: EntityManager,
  gateId: string,
  g: { advancing: string[]; eliminated: string[]; reopenMs: number | null },
): Promise<Date> {
  const [row] = await runSql<RowOf<'stage_gates', 'publicity_ends_at'>>(
    em,
    sql`UPDATE stage_gates SET advancing = ${JSON.stringify(g.advancing)}::jsonb, eliminated = ${JSON.stringify(g.eliminated)}::jsonb,
               publicity_ends_at = ${
                 g.reopenMs === null
                   ? sql`publicity_ends_at`
                   : sql`greatest(publicity_ends_at, now() + make_interval(secs => ${g.reopenMs / 1000}))`
               }
         WHERE id = ${gateId} RETURNING publicity_ends_at`,
  );
  return row.publicity_ends_at;
}

export async function markGateFinal(em: EntityManager, gateId: string, cancelled: CancelledTranche[]): Promise<Date> {
  const [row] = await runSql<{ finalised_at: Date }>(
    em,
    sql`UPDATE stage_gates SET finalised_at = now(), cancelled = ${JSON.stringify(cancelled)}::jsonb
         WHERE id = ${gateId} RETURNING finalised_at`,
  );
  return row.finalised_at;
}

/** Every gate still in publicity without an open objection, by the end of its period (the reconciler). */
export function readGatePublicityEnds(em: EntityManager): Promise<RowOf<'stage_gates', 'id' | 'publicity_ends_at'>[]> {
  return runSql(
    em,
    sql`SELECT g.id, g.publicity_ends_at FROM stage_gates g
         WHERE g.finalised_at IS NULL AND NOT ${openGateObjectionExistsSql(sql`g.id`)}
         ORDER BY g.publicity_ends_at`,
  );
}
