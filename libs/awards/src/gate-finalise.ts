import { EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { readChallengeLocked } from '@app/challenges';
import { fen } from '@app/database';
import { FinaliseVerdict, finaliseVerdict } from './gate-publicity-rules';
import { cancelOpenMilestones } from './repositories/project-milestones.repository';
import { countOpenGateObjections } from './repositories/gate-objections.repository';
import { advanceProjects, eliminateProjects } from './repositories/projects.repository';
import { CancelledTranche, LockedGateRow, lockGate, markGateFinal } from './repositories/stage-gates.repository';

export type GateFinalisation = FinaliseVerdict | { kind: 'finalised'; finalisedAt: Date; cancelled: CancelledTranche[] };

/**
 * Makes a gate's result final if it is due, in the caller's transaction: the period has ended by the
 * database's clock and no objection is open (gate-publicity-rules.ts). Then, and only then, the
 * advancing projects pass the stage and the stopped ones are eliminated with their undecided
 * milestones cancelled (met milestones keep their tranches; what was paid stays paid). The gate row
 * is locked FOR UPDATE first, so a lodge (FOR SHARE) commits before — and holds the gate — or waits
 * and finds it final; `finalised_at` makes a second run a no-op (exactly once).
 */
export async function finaliseGateIfDue(
  em: EntityManager,
  audit: AuditService,
  gateId: string,
  actorId: string | null,
): Promise<GateFinalisation> {
  const g = await lockGate(em, { id: gateId }, 'update');
  if (!g) return { kind: 'moved_on' };
  const verdict = finaliseVerdict({
    finalised: g.finalised_at !== null,
    msLeft: g.ms_left,
    openObjections: g.finalised_at === null && g.ms_left <= 0 ? await countOpenGateObjections(em, gateId) : 0,
  });
  if (verdict.kind !== 'finalise') return verdict;
  const name = (await readChallengeLocked(em, g.challenge_id, 'none'))?.stages[g.stage - 1]?.name ?? '';
  if (g.advancing.length) await advanceProjects(em, g.advancing, g.stage);
  const stopped = g.eliminated.length
    ? await eliminateProjects(em, g.eliminated, `eliminated at the gate of stage ${g.stage}${name ? ` (${name})` : ''}`)
    : [];
  const cancelled = await cancelMilestonesOf(em, stopped);
  const finalisedAt = await markGateFinal(em, gateId, cancelled);
  await recordFinalised(em, audit, g, { actorId, stageName: name, stopped, cancelled });
  return { kind: 'finalised', finalisedAt, cancelled };
}

async function cancelMilestonesOf(em: EntityManager, projectIds: string[]): Promise<CancelledTranche[]> {
  if (!projectIds.length) return [];
  const rows = await cancelOpenMilestones(em, projectIds);
  return rows
    .map((r) => ({ projectId: r.project_id, milestoneId: r.id, trancheFen: fen(r.tranche_fen) }))
    .sort((a, b) => (a.projectId + a.milestoneId < b.projectId + b.milestoneId ? -1 : 1));
}

/** Public: the open-data feed terminates the stopped projects' contracts on this entry (not on gate.decided). */
async function recordFinalised(
  em: EntityManager,
  audit: AuditService,
  g: LockedGateRow,
  f: { actorId: string | null; stageName: string; stopped: string[]; cancelled: CancelledTranche[] },
): Promise<void> {
  await audit.record(em, {
    challengeId: g.challenge_id,
    actorId: f.actorId,
    action: 'gate.finalised',
    subjectType: 'challenge',
    subjectId: g.challenge_id,
    before: { gateId: g.id, publicityEndsAt: g.publicity_ends_at.toISOString() },
    after: {
      gateId: g.id,
      stage: g.stage,
      stageName: f.stageName,
      advancing: g.advancing,
      eliminated: f.stopped,
      cancelledMilestones: f.cancelled.map((m) => m.milestoneId),
      cancelledFen: f.cancelled.reduce((s, m) => s + m.trancheFen, 0),
    },
    public: true,
  });
}
