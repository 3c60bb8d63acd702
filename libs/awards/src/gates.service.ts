import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  LockedChallenge,
  canSeeChallenge,
  challengeNotFound,
  isChallengeOwner,
  lockOwnedChallenge,
  lockPublishedChallenge,
  notChallengeOwner,
  readChallengeLocked,
} from '@app/challenges';
import type { StoredStage } from '@app/challenges';
import { AuthUser, Role } from '@app/common/auth';
import { conflict, notFound } from '@app/common/domain-error';
import { fen, PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '@app/database';
import { GateDto } from './dto/award.dto';
import { GatePreviewView, GateView } from './dto/views';
import { GateDecision, GateEvidence, TIE_RULE, decideGate, pointsOf, rankEvidence } from './gate-rules';
import { cancelOpenMilestones } from './repositories/project-milestones.repository';
import { advanceProjects, eliminateProjects, readRaceProjects } from './repositories/projects.repository';
import {
  CancelledTranche,
  countGatesRun,
  insertStageGate,
  readGatesRunUpTo,
  readStageGate,
} from './repositories/stage-gates.repository';

/** A gate decided and applied: what the ledger entry and the answer state. */
interface AppliedGate {
  stage: number;
  def: StoredStage;
  decision: GateDecision;
  tieBreakReason: string | null;
  cancelled: CancelledTranche[];
}

const gateAlreadyRun = (stage: number) =>
  conflict('awards.gate_already_run', `The gate of stage ${stage} has already run.`, { stage });

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
      const def = assertGateMayRun(c, stage);
      const done = await readGatesRunUpTo(em, challengeId, stage);
      if (done.includes(stage)) throw gateAlreadyRun(stage);
      if (done.length !== stage - 1)
        throw conflict('awards.previous_gate_pending', `Run the gate of stage ${stage - 1} first.`, { stage });

      const tieBreakReason = dto.tieBreak?.reason?.trim() || null;
      const decision = decideGate({
        stage,
        advancingSlots: def.advancingSlots,
        inRace: await raceEvidence(em, challengeId, stage, true),
        advancing: dto.advancing,
        tieBreakReason,
      });
      const cancelled = await applyDecision(em, decision, stage, def);
      const applied: AppliedGate = { stage, def, decision, tieBreakReason, cancelled };
      const gate = await recordGate(em, challengeId, applied, user);
      await this.recordDecided(em, challengeId, applied, user);
      return {
        run: true,
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

  private async recordDecided(em: EntityManager, challengeId: string, g: AppliedGate, user: AuthUser): Promise<void> {
    const { decision, def } = g;
    await this.audit.record(em, {
      challengeId,
      actorId: user.id,
      action: 'gate.decided',
      subjectType: 'challenge',
      subjectId: challengeId,
      before: { inRace: decision.ranking.map((e) => e.projectId) },
      after: {
        stage: g.stage,
        stageName: def.name,
        advancingSlots: def.advancingSlots,
        advancing: decision.advancing,
        eliminated: decision.eliminated,
        points: Object.fromEntries(decision.ranking.map((e) => [e.projectId, e.points])),
        tieBreakReason: g.tieBreakReason,
        tieGroupAdvanced: decision.tieGroupAdvanced,
        cancelledMilestones: g.cancelled.map((m) => m.milestoneId),
        cancelledFen: g.cancelled.reduce((s, m) => s + m.trancheFen, 0),
      },
      public: true,
    });
  }

  /**
   * What the gate of stage n would be judged on now (its agency): every project still in the race
   * with its stage milestones and points, best first, and whether the gate may run yet. It decides
   * nothing and locks nothing; the gate itself reads the evidence again under the challenge lock.
   */
  async preview(challengeId: string, stage: number, user: AuthUser): Promise<GatePreviewView> {
    const em = this.dataSource.manager;
    const c = await readChallengeLocked(em, challengeId, 'none');
    if (!c || !canSeeChallenge(c, user)) throw challengeNotFound(challengeId);
    if (!isChallengeOwner(c, user) && user.role !== Role.Admin) throw notChallengeOwner();
    if (c.mechanism !== 'horse_race') throw conflict('awards.not_a_horse_race', 'Only a horse race has stage gates.');
    const def = c.stages[stage - 1];
    if (!def) throw notFound('awards.no_such_stage', `The challenge has no stage ${stage} (it has ${c.stages.length}).`);
    const gatesRun = await countGatesRun(em, challengeId);
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

  /**
   * A gate's result (public once the challenge is published). A stage the challenge has whose gate
   * has not run yet is an answer, not an error: `run: false`, no decision (`id` and `decidedAt`
   * null, empty lists) — a results page asks for every stage, and the gates still ahead are the
   * normal case, not a 404. A stage the challenge does not have stays a 404.
   */
  async get(challengeId: string, stage: number): Promise<GateView> {
    const em = this.dataSource.manager;
    const c = await lockPublishedChallenge(em, challengeId, 'none');
    const row = await readStageGate(em, challengeId, stage);
    const def = c.stages[stage - 1];
    const about = { challengeId, stage, stageName: def?.name ?? '', advancingSlots: def?.advancingSlots ?? 0, tieRule: TIE_RULE };
    if (!row) {
      if (!def) throw notFound('awards.no_such_stage', `The challenge has no stage ${stage} (it has ${c.stages.length}).`);
      return {
        ...about,
        run: false,
        id: null,
        advancing: [],
        eliminated: [],
        evidence: [],
        tieBreakReason: null,
        cancelled: [],
        decidedAt: null,
      };
    }
    return {
      ...about,
      run: true,
      id: row.id,
      advancing: row.advancing,
      eliminated: row.eliminated,
      evidence: row.evidence,
      tieBreakReason: row.tie_break_reason,
      cancelled: row.cancelled ?? [],
      decidedAt: row.decided_at.toISOString(),
    };
  }
}

/** The stage's definition, once the challenge is an awarded horse race and the stage has ended (404 / 409). */
function assertGateMayRun(c: LockedChallenge, stage: number): StoredStage {
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
      { endsAt: new Date(def.endsAt).toISOString() },
    );
  }
  return def;
}

/** Advances and eliminates the projects; the eliminated projects' undecided milestones are cancelled (what was cancelled). */
async function applyDecision(
  em: EntityManager,
  decision: GateDecision,
  stage: number,
  def: StoredStage,
): Promise<CancelledTranche[]> {
  if (decision.advancing.length) await advanceProjects(em, decision.advancing, stage);
  if (!decision.eliminated.length) return [];
  await eliminateProjects(em, decision.eliminated, `eliminated at the gate of stage ${stage} (${def.name})`);
  const rows = await cancelOpenMilestones(em, decision.eliminated);
  return rows
    .map((r) => ({ projectId: r.project_id, milestoneId: r.id, trancheFen: fen(r.tranche_fen) }))
    .sort((a, b) => (a.projectId + a.milestoneId < b.projectId + b.milestoneId ? -1 : 1));
}

/** The gate's row; a second run of the stage (UQ_stage_gates_challenge_stage) answers 409. */
async function recordGate(em: EntityManager, challengeId: string, g: AppliedGate, user: AuthUser) {
  try {
    return await insertStageGate(em, {
      challengeId,
      stage: g.stage,
      advancing: g.decision.advancing,
      eliminated: g.decision.eliminated,
      evidence: g.decision.ranking,
      cancelled: g.cancelled,
      tieBreakReason: g.tieBreakReason,
      decidedBy: user.id,
    });
  } catch (err) {
    if (pgErrorCode(err) === PG_UNIQUE_VIOLATION && pgConstraint(err) === 'UQ_stage_gates_challenge_stage')
      throw gateAlreadyRun(g.stage);
    throw err;
  }
}

/**
 * The projects still in the race at the gate of `stage` (in publicity or active, having passed the
 * gates before it) with their milestones of that stage and their stage points.
 */
async function raceEvidence(em: EntityManager, challengeId: string, stage: number, lock: boolean): Promise<GateEvidence[]> {
  const race = await readRaceProjects(em, challengeId, stage, lock);
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
