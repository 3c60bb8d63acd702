import { Inject, Injectable } from '@nestjs/common';
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
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { conflict, notFound } from '@app/common/domain-error';
import { fen, PG_UNIQUE_VIOLATION, pgConstraint, pgErrorCode } from '@app/database';
import { JobName, JobScheduler, jobIds } from '@app/jobs';
import { GateDto } from './dto/award.dto';
import { GatePreviewView, GateView } from './dto/views';
import { GateDecision, GateEvidence, TIE_RULE, decideGate, pointsOf, rankEvidence } from './gate-rules';
import { gatePhase } from './gate-publicity-rules';
import { countOpenGateObjections } from './repositories/gate-objections.repository';
import { readRaceProjects } from './repositories/projects.repository';
import {
  StageGateRow,
  countGatesRun,
  insertStageGate,
  readGatesRunUpTo,
  readStageGate,
} from './repositories/stage-gates.repository';

/** A gate decided (published, not yet final): what the ledger entry and the answer state. */
interface DecidedGate {
  stage: number;
  def: StoredStage;
  decision: GateDecision;
  tieBreakReason: string | null;
}

const gateAlreadyRun = (stage: number) =>
  conflict('awards.gate_already_run', `The gate of stage ${stage} has already run.`, { stage });

/**
 * Stage gates of a horse race (末位淘汰). A gate runs once per stage, in order, after the stage has
 * ended by the database's clock and the previous gate is final, on the projects still in the race;
 * at most `advancingSlots` continue (the tie rule in gate-rules.ts). The result is published for
 * PUBLICITY_PERIOD (公示期): nothing of the stop takes effect until it is final — then the others
 * are eliminated and their undecided milestones cancelled (gate-finalise.ts, by the
 * GatePublicityEnd job or the last objection's resolution). One transaction under the challenge
 * row lock, audited. The design is in libs/awards/README.md.
 */
@Injectable()
export class GatesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly scheduler: JobScheduler,
  ) {}

  async gate(challengeId: string, stage: number, dto: GateDto, user: AuthUser): Promise<GateView> {
    const view = await this.dataSource.transaction((em) => this.decide(em, challengeId, stage, dto, user));
    // After commit: the job only wakes the row up; the reconcile job re-creates it if Redis is away.
    const gateId = view.id as string;
    await this.scheduler.trySchedule(
      JobName.GatePublicityEnd,
      { gateId },
      { jobId: jobIds.gatePublicityEnd(gateId), runAt: new Date(view.publicityEndsAt as string) },
    );
    return view;
  }

  private async decide(em: EntityManager, challengeId: string, stage: number, dto: GateDto, user: AuthUser): Promise<GateView> {
    const c = await lockOwnedChallenge(em, challengeId, user);
    const def = assertGateMayRun(c, stage);
    await assertPreviousGatesFinal(em, challengeId, stage);

    const tieBreakReason = dto.tieBreak?.reason?.trim() || null;
    const decision = decideGate({
      stage,
      advancingSlots: def.advancingSlots,
      inRace: await raceEvidence(em, challengeId, stage, true),
      advancing: dto.advancing,
      tieBreakReason,
    });
    const decided: DecidedGate = { stage, def, decision, tieBreakReason };
    const gate = await recordGate(em, challengeId, decided, user, this.config.publicityPeriodMs);
    await this.recordDecided(em, challengeId, decided, gate.publicity_ends_at, user);
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
      cancelled: [],
      decidedAt: gate.decided_at.toISOString(),
      phase: 'in_publicity',
      publicityEndsAt: gate.publicity_ends_at.toISOString(),
      finalisedAt: null,
    };
  }

  private async recordDecided(
    em: EntityManager,
    challengeId: string,
    g: DecidedGate,
    publicityEndsAt: Date,
    user: AuthUser,
  ): Promise<void> {
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
        // Published, not final: the stop takes effect with gate.finalised (open data reads this field).
        publicityEndsAt: publicityEndsAt.toISOString(),
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
    const earlier = await readGatesRunUpTo(em, challengeId, stage - 1);
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
      previousGateNotFinal: earlier.some((g) => g.finalised_at === null),
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
        phase: 'not_run',
        publicityEndsAt: null,
        finalisedAt: null,
      };
    }
    return { ...about, ...(await gateResult(em, row)) };
  }
}

/** A gate that ran, as GET shows it: its decision, and whether it is in publicity, held by an objection, or final. */
export async function gateResult(em: EntityManager, row: StageGateRow) {
  const msLeft = row.publicity_ends_at.getTime() - Date.now();
  const openObjections = row.finalised_at ? 0 : await countOpenGateObjections(em, row.id);
  return {
    run: true,
    id: row.id,
    advancing: row.advancing,
    eliminated: row.eliminated,
    evidence: row.evidence,
    tieBreakReason: row.tie_break_reason,
    cancelled: row.cancelled ?? [],
    decidedAt: row.decided_at.toISOString(),
    // Display only (the app's clock): finalising itself is judged by the database's clock.
    phase: gatePhase({ finalised: row.finalised_at !== null, msLeft, openObjections }),
    publicityEndsAt: row.publicity_ends_at.toISOString(),
    finalisedAt: row.finalised_at?.toISOString() ?? null,
  };
}

/** Gates run in order, each once, and the next only once the previous one's result is final (409). */
async function assertPreviousGatesFinal(em: EntityManager, challengeId: string, stage: number): Promise<void> {
  const done = await readGatesRunUpTo(em, challengeId, stage);
  if (done.some((g) => g.stage === stage)) throw gateAlreadyRun(stage);
  if (done.length !== stage - 1)
    throw conflict('awards.previous_gate_pending', `Run the gate of stage ${stage - 1} first.`, { stage });
  const pending = done.find((g) => g.finalised_at === null);
  if (pending) {
    throw conflict(
      'awards.previous_gate_not_final',
      `The gate of stage ${pending.stage} is in publicity until ${pending.publicity_ends_at.toISOString()} (or held by an objection); ` +
        `the gate of stage ${stage} runs once it is final.`,
      { stage: pending.stage, publicityEndsAt: pending.publicity_ends_at.toISOString() },
    );
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

/** The gate's row; a second run of the stage (UQ_stage_gates_challenge_stage) answers 409. */
async function recordGate(em: EntityManager, challengeId: string, g: DecidedGate, user: AuthUser, publicityMs: number) {
  try {
    return await insertStageGate(em, {
      challengeId,
      stage: g.stage,
      advancing: g.decision.advancing,
      eliminated: g.decision.eliminated,
      evidence: g.decision.ranking,
      tieBreakReason: g.tieBreakReason,
      decidedBy: user.id,
      publicityMs,
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
