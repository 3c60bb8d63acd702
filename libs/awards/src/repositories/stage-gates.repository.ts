import { EntityManager } from 'typeorm';
import { RowOf, runSql, sql } from '@app/database';
import { GateEvidence } from '../gate-rules';

export interface CancelledTranche {
  projectId: string;
  milestoneId: string;
  trancheFen: number;
}

export type StageGateRow = RowOf<
  'stage_gates',
  'id' | 'challenge_id' | 'stage' | 'tie_break_reason' | 'decided_at',
  { advancing: string[]; eliminated: string[]; evidence: GateEvidence[]; cancelled: CancelledTranche[] | null }
>;

/** The stages up to `stage` whose gate has run. */
export async function readGatesRunUpTo(em: EntityManager, challengeId: string, stage: number): Promise<number[]> {
  const rows = await runSql<RowOf<'stage_gates', 'stage'>>(
    em,
    sql`SELECT stage FROM stage_gates WHERE challenge_id = ${challengeId} AND stage <= ${stage}`,
  );
  return rows.map((r) => r.stage);
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
    cancelled: CancelledTranche[];
    tieBreakReason: string | null;
    decidedBy: string;
  },
): Promise<RowOf<'stage_gates', 'id' | 'decided_at'>> {
  const [row] = await runSql<RowOf<'stage_gates', 'id' | 'decided_at'>>(
    em,
    sql`INSERT INTO stage_gates (challenge_id, stage, advancing, eliminated, evidence, cancelled, tie_break_reason, decided_by)
        VALUES (${g.challengeId}, ${g.stage}, ${JSON.stringify(g.advancing)}::jsonb, ${JSON.stringify(g.eliminated)}::jsonb,
                ${JSON.stringify(g.evidence)}::jsonb, ${JSON.stringify(g.cancelled)}::jsonb, ${g.tieBreakReason}, ${g.decidedBy})
        RETURNING id, decided_at`,
  );
  return row;
}

export async function readStageGate(em: EntityManager, challengeId: string, stage: number): Promise<StageGateRow | undefined> {
  const [row] = await runSql<StageGateRow>(
    em,
    sql`SELECT id, challenge_id, stage, advancing, eliminated, evidence, cancelled, tie_break_reason, decided_at
          FROM stage_gates WHERE challenge_id = ${challengeId} AND stage = ${stage}`,
  );
  return row;
}
