import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import type { StoredStage } from '@app/challenges/challenge.entity';
import { AuthUser, Role } from '@app/common/auth';
import { conflict, forbidden, notFound } from '@app/common/domain-error';
import { PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '@app/database/transaction';
import { challengeNotFound, lockOwnedChallenge } from './challenge-lock';
import { GateDto } from './dto/award.dto';
import { GatePreviewView, GateView } from './dto/views';
import { GateEvidence, TIE_RULE, decideGate, pointsOf, rankEvidence } from './gate-rules';
import { OPEN_MILESTONE_STATUSES } from './project-milestone.entity';
import { fen, query } from './sql';

interface RaceRow {
  id: string;
  organization_id: string;
  milestones: { id: string; seq: number; title: string; dueAt: string; status: string; trancheFen: string }[];
}

interface GateRow {
  id: string;
  challenge_id: string;
  stage: number;
  advancing: string[];
  eliminated: string[];
  evidence: GateEvidence[];
  tie_break_reason: string | null;
  decided_at: Date;
  cancelled: { projectId: string; milestoneId: string; trancheFen: number }[] | null;
  stages: { name: string; advancingSlots: number }[];
  published_at: Date | null;
}

/**
 * Stage gates of a horse race (末位淘汰). A gate runs once per stage, in order, after the stage has
 * ended by the database's clock, on the projects still in the race; at most `advancingSlots`
 * continue (the tie rule in gate-rules.ts), the others are eliminated and their undecided
 * milestones (scheduled, submitted, overdue) cancelled — met milestones keep their tranches, what
 * was paid stays paid. One transaction under the challenge row lock, audited.
 */
@Injectable()
export class GatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async gate(challengeId: string, stage: number, dto: GateDto, user: AuthUser): Promise<GateView> {
    return this.dataSource.transaction(async (em) => {
      const c = await lockOwnedChallenge(em, challengeId, user);
      if (c.mechanism !== 'horse_race') throw conflict('awards.not_a_horse_race', 'Only a horse race has stage gates.');
      const def = c.stages[stage - 1];
      if (!Number.isInteger(stage) || !def)
        throw notFound('awards.no_such_stage', `The challenge has no stage ${stage} (it has ${c.stages.length}).`);
      if (c.status !== 'awarded') {
        throw conflict(
          'awards.challenge_not_awarded',
          `The challenge is ${c.status}; gates run once awarding is finished (status awarded).`,
          {
            status: c.status,
          },
        );
      }
      if (new Date(def.endsAt).getTime() > c.db_now.getTime()) {
        throw conflict(
          'awards.stage_not_ended',
          `Stage ${stage} (${def.name}) ends at ${new Date(def.endsAt).toISOString()}; its gate cannot run before.`,
          {
            endsAt: new Date(def.endsAt).toISOString(),
          },
        );
      }
      const done = await query<{ stage: number }>(em, `SELECT stage FROM stage_gates WHERE challenge_id = $1 AND stage <= $2`, [
        challengeId,
        stage,
      ]);
      if (done.some((g) => g.stage === stage))
        throw conflict('awards.gate_already_run', `The gate of stage ${stage} has already run.`, { stage });
      if (done.length !== stage - 1)
        throw conflict('awards.previous_gate_pending', `Run the gate of stage ${stage - 1} first.`, { stage });

      const inRace = await raceEvidence(em, challengeId, stage, true);
      const tieBreakReason = dto.tieBreak?.reason?.trim() || null;
      const decision = decideGate({
        stage,
        advancingSlots: def.advancingSlots,
        inRace,
        advancing: dto.advancing,
        tieBreakReason,
      });

      if (decision.advancing.length) {
        await em.query(`UPDATE projects SET stage_reached = $2, updated_at = now() WHERE id = ANY($1::uuid[])`, [
          decision.advancing,
          stage,
        ]);
      }
      let cancelled: { projectId: string; milestoneId: string; trancheFen: number }[] = [];
      if (decision.eliminated.length) {
        await em.query(
          `UPDATE projects SET status = 'eliminated', ended_at = now(), end_reason = $2, updated_at = now() WHERE id = ANY($1::uuid[])`,
          [decision.eliminated, `eliminated at the gate of stage ${stage} (${def.name})`],
        );
        const rows = await query<{ id: string; project_id: string; tranche_fen: string }>(
          em,
          `UPDATE project_milestones SET status = 'cancelled', updated_at = now()
            WHERE project_id = ANY($1::uuid[]) AND status = ANY($2::text[])
           RETURNING id, project_id, tranche_fen`,
          [decision.eliminated, [...OPEN_MILESTONE_STATUSES]],
        );
        cancelled = rows
          .map((r) => ({ projectId: r.project_id, milestoneId: r.id, trancheFen: fen(r.tranche_fen) }))
          .sort((a, b) => (a.projectId + a.milestoneId < b.projectId + b.milestoneId ? -1 : 1));
      }
      let gate: { id: string; decided_at: Date };
      try {
        [gate] = await query<{ id: string; decided_at: Date }>(
          em,
          `INSERT INTO stage_gates (challenge_id, stage, advancing, eliminated, evidence, cancelled, tie_break_reason, decided_by)
           VALUES ($1, $2, $3::jsonb, $4::jsonb, $5::jsonb, $6::jsonb, $7, $8) RETURNING id, decided_at`,
          [
            challengeId,
            stage,
            JSON.stringify(decision.advancing),
            JSON.stringify(decision.eliminated),
            JSON.stringify(decision.ranking),
            JSON.stringify(cancelled),
            tieBreakReason,
            user.id,
          ],
        );
      } catch (err) {
        if (pgErrorCode(err) === PG_UNIQUE_VIOLATION && pgConstraint(err) === 'UQ_stage_gates_challenge_stage') {
          throw conflict('awards.gate_already_run', `The gate of stage ${stage} has already run.`, { stage });
        }
        throw err;
      }
      await this.audit.record(em, {
        challengeId,
        actorId: user.id,
        action: 'gate.decided',
        subjectType: 'challenge',
        subjectId: challengeId,
        before: { inRace: decision.ranking.map((e) => e.projectId) },
        after: {
          stage,
          stageName: def.name,
          advancingSlots: def.advancingSlots,
          advancing: decision.advancing,
          eliminated: decision.eliminated,
          points: Object.fromEntries(decision.ranking.map((e) => [e.projectId, e.points])),
          tieBreakReason,
          tieGroupAdvanced: decision.tieGroupAdvanced,
          cancelledMilestones: cancelled.map((m) => m.milestoneId),
          cancelledFen: cancelled.reduce((s, m) => s + m.trancheFen, 0),
        },
        public: true,
      });
      return {
        id: gate.id,
        challengeId,
        stage,
        stageName: def.name,
        advancingSlots: def.advancingSlots,
        advancing: decision.advancing,
        eliminated: decision.eliminated,
        evidence: decision.ranking,
        tieBreakReason,
        tieRule: TIE_RULE,
        cancelled,
        decidedAt: gate.decided_at.toISOString(),
      };
    });
  }

  /**
   * What the gate of stage n would be judged on now (its agency): every project still in the race
   * with its stage milestones and points, best first, and whether the gate may run yet. It decides
   * nothing and locks nothing; the gate itself reads the evidence again under the challenge lock.
   */
  async preview(challengeId: string, stage: number, user: AuthUser): Promise<GatePreviewView> {
    const em = this.dataSource.manager;
    const [c] = await query<{
      agency_id: string;
      published_at: Date | null;
      mechanism: string;
      stages: StoredStage[];
      status: string;
      db_now: Date;
    }>(em, `SELECT agency_id, published_at, mechanism, stages, status, now() AS db_now FROM challenges WHERE id = $1`, [
      challengeId,
    ]);
    const isOwner = user.role === Role.Agency && c?.agency_id === user.id;
    if (!c || (c.published_at === null && !isOwner)) throw challengeNotFound(challengeId);
    if (!isOwner && user.role !== Role.Admin)
      throw forbidden('awards.not_owner', 'Only the agency that published this challenge may do this.');
    if (c.mechanism !== 'horse_race') throw conflict('awards.not_a_horse_race', 'Only a horse race has stage gates.');
    const def = c.stages[stage - 1];
    if (!def) throw notFound('awards.no_such_stage', `The challenge has no stage ${stage} (it has ${c.stages.length}).`);
    const [{ n: gatesRun }] = await query<{ n: number }>(
      em,
      `SELECT count(*)::int AS n FROM stage_gates WHERE challenge_id = $1`,
      [challengeId],
    );
    const endsAt = new Date(def.endsAt);
    return {
      challengeId,
      stage,
      stageName: def.name,
      advancingSlots: def.advancingSlots,
      endsAt: endsAt.toISOString(),
      ended: endsAt.getTime() <= c.db_now.getTime(),
      gateRun: gatesRun >= stage,
      previousGatePending: gatesRun < stage - 1,
      evidence: rankEvidence(await raceEvidence(em, challengeId, stage, false)),
      tieRule: TIE_RULE,
    };
  }

  /** A gate's result (public once the challenge is published). */
  async get(challengeId: string, stage: number): Promise<GateView> {
    const [row] = await query<GateRow>(
      this.dataSource.manager,
      `SELECT g.id, g.challenge_id, g.stage, g.advancing, g.eliminated, g.evidence, g.cancelled, g.tie_break_reason, g.decided_at, c.stages, c.published_at
         FROM challenges c LEFT JOIN stage_gates g ON g.challenge_id = c.id AND g.stage = $2
        WHERE c.id = $1`,
      [challengeId, stage],
    );
    if (!row || row.published_at === null) throw challengeNotFound(challengeId);
    if (!row.id) throw notFound('awards.gate_not_run', `The gate of stage ${stage} has not run.`);
    const def = row.stages[stage - 1];
    return {
      id: row.id,
      challengeId,
      stage,
      stageName: def?.name ?? '',
      advancingSlots: def?.advancingSlots ?? 0,
      advancing: row.advancing,
      eliminated: row.eliminated,
      evidence: row.evidence,
      tieBreakReason: row.tie_break_reason,
      tieRule: TIE_RULE,
      cancelled: row.cancelled ?? [],
      decidedAt: row.decided_at.toISOString(),
    };
  }
}

/**
 * The projects still in the race at the gate of `stage` (in publicity or active, having passed the
 * gates before it) with their milestones of that stage and their stage points.
 */
async function raceEvidence(em: EntityManager, challengeId: string, stage: number, lock: boolean): Promise<GateEvidence[]> {
  const race = await query<RaceRow>(
    em,
    `SELECT p.id, p.organization_id,
            (SELECT coalesce(json_agg(json_build_object('id', m.id, 'seq', m.seq, 'title', m.title, 'dueAt', m.due_at,
                                                        'status', m.status, 'trancheFen', m.tranche_fen::text) ORDER BY m.seq), '[]'::json)
               FROM project_milestones m WHERE m.project_id = p.id AND m.stage_index = $3) AS milestones
       FROM projects p
      WHERE p.challenge_id = $1 AND p.status IN ('publicity', 'active') AND p.stage_reached = $2
      ORDER BY p.id${lock ? ' FOR UPDATE OF p' : ''}`,
    [challengeId, stage - 1, stage - 1],
  );
  return race.map((p) => ({
    projectId: p.id,
    organizationId: p.organization_id,
    points: pointsOf(p.milestones.map((m) => m.status)),
    milestones: p.milestones.map((m) => ({
      id: m.id,
      seq: m.seq,
      title: m.title,
      dueAt: new Date(m.dueAt).toISOString(),
      status: m.status,
      trancheFen: fen(m.trancheFen),
    })),
  }));
}
