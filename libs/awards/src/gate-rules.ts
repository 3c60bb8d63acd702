/**
 * Pure rules of a horse race's stage gate (末位淘汰). No Nest, no database.
 *
 * ## The evidence
 * Each project in the race is judged on the milestones of the stage that ends at the gate (the
 * milestones whose due date falls in the stage, see `stageIndexOf`). Its *stage points* are
 * 2 per milestone `met` and 1 per milestone `partially_met` (nothing for not_met, overdue,
 * scheduled or submitted). The gate answers with every project's milestones and points, best first.
 *
 * ## Ties at the cut-off (the rule we chose; also stated in the README)
 * The agency names who advances; the evidence decides when the agency needs to say more:
 *
 * 1. At most `advancingSlots` projects advance — with one exception: when the cut-off falls inside
 *    a group of projects with equal points (the project ranked `advancingSlots` and the one after it
 *    have the same points), the agency may advance the **whole tied group**, i.e. everyone with at
 *    least the cut-off points, provided at least one project is still stopped at this gate
 *    ("advance both if the slot rule allows": the slots stretch over a tie, never over a gap, and a
 *    gate always stops someone when the race has more projects than slots).
 * 2. Otherwise, whenever a project stopped at the gate has **as many or more** points than a
 *    project that advances (a tie at the cut-off broken one way, or the agency overruling the
 *    evidence), the gate must carry `tieBreak.reason`; without one it is refused (409
 *    `awards.tie_break_required`, naming the tied projects). The reason is stored with the gate,
 *    shown in its answer and recorded in the audit ledger.
 * 3. A gate that follows the evidence strictly (every advancing project has more points than
 *    every stopped one) needs no reason.
 */
import { FieldError, conflict, invalid } from '@app/common/domain-error';

export const TIE_RULE =
  'Stage points: 2 per milestone of the stage met, 1 per partially met. At most advancingSlots advance, except that a tie at ' +
  'the cut-off may advance as a whole group (everyone with at least the cut-off points) if at least one project is still ' +
  'stopped. Any other selection in which a stopped project has as many or more points than an advancing one needs tieBreak.reason.';

export interface EvidenceMilestone {
  id: string;
  seq: number;
  title: string;
  dueAt: string;
  status: string;
  trancheFen: number;
}

export interface GateEvidence {
  projectId: string;
  organizationId: string;
  points: number;
  milestones: EvidenceMilestone[];
}

export const pointsOf = (statuses: readonly string[]): number =>
  statuses.reduce((sum, s) => sum + (s === 'met' ? 2 : s === 'partially_met' ? 1 : 0), 0);

/** Best first: more points, then the project id (a stable order for display only; it decides nothing). */
export function rankEvidence<T extends Pick<GateEvidence, 'projectId' | 'points'>>(evidence: readonly T[]): T[] {
  return [...evidence].sort(
    (a, b) => b.points - a.points || (a.projectId < b.projectId ? -1 : a.projectId > b.projectId ? 1 : 0),
  );
}

export interface GateInput {
  /** 1-based stage number. */
  stage: number;
  advancingSlots: number;
  /** The projects in the race at this gate, with their evidence for the stage. */
  inRace: readonly GateEvidence[];
  advancing: readonly string[];
  tieBreakReason?: string | null;
}

export interface GateDecision {
  advancing: string[];
  eliminated: string[];
  ranking: GateEvidence[];
  /** True when the whole tied group advanced beyond advancingSlots (rule 1's exception). */
  tieGroupAdvanced: boolean;
  /** True when the decision needed and carries tieBreak.reason (rule 2). */
  tieBroken: boolean;
}

export function decideGate(input: GateInput): GateDecision {
  const { advancingSlots, inRace, advancing } = input;
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  advancing.forEach((id, i) => {
    if (seen.has(id)) errors.push({ field: `advancing[${i}]`, message: 'is listed twice' });
    seen.add(id);
  });
  if (errors.length) throw invalid('awards.invalid_gate', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);

  const byId = new Map(inRace.map((e) => [e.projectId, e]));
  const strangers = advancing.filter((id) => !byId.has(id));
  if (strangers.length) {
    throw conflict('awards.not_in_race', 'Only projects still in the race can advance at this gate.', { projectIds: strangers });
  }
  const a = assessSelection(inRace, advancingSlots, advancing);
  if (a.tooMany) {
    throw conflict(
      'awards.too_many_advancing',
      `At most ${advancingSlots} projects advance at gate ${input.stage}` +
        (a.cutoffTied
          ? `; the projects tied at the cut-off (${a.cutoff} points) may advance together only as a whole group and only if someone is still stopped.`
          : '.'),
      { advancingSlots, advancing: advancing.length, tieRule: TIE_RULE },
    );
  }
  const tieBroken = a.challengers.length > 0;
  if (tieBroken && !input.tieBreakReason?.trim()) {
    throw conflict(
      'awards.tie_break_required',
      'A project stopped at this gate has as many or more stage points than one that advances: give tieBreak.reason.',
      { stopped: a.challengers, advancing: a.overtaken, tieRule: TIE_RULE },
    );
  }
  const eliminated = a.ranking.filter((e) => !advancing.includes(e.projectId)).map((e) => e.projectId);
  return { advancing: [...advancing], eliminated, ranking: a.ranking, tieGroupAdvanced: a.tieGroup, tieBroken };
}

export interface SelectionAssessment<T extends Pick<GateEvidence, 'projectId' | 'points'>> {
  /** Best first (see rankEvidence). */
  ranking: T[];
  /** The points of the last project inside the slots, and whether the next one has as many. */
  cutoff: number | undefined;
  cutoffTied: boolean;
  /** More advance than the slots allow, and it is not the whole tied group at the cut-off (rule 1). */
  tooMany: boolean;
  /** The selection stretches the slots over a tie at the cut-off, as rule 1 allows. */
  tieGroup: boolean;
  /** Stopped projects with as many or more points than an advancing one: they make a reason necessary (rule 2). */
  challengers: string[];
  /** The advancing projects those challengers equal or beat. */
  overtaken: string[];
}

/**
 * How a selection stands against the rules, without deciding: the gate refuses on `tooMany`, and
 * on `challengers` without a reason. Pure, so the web app judges a selection exactly as the
 * server will before sending it.
 */
export function assessSelection<T extends Pick<GateEvidence, 'projectId' | 'points'>>(
  inRace: readonly T[],
  advancingSlots: number,
  advancing: readonly string[],
): SelectionAssessment<T> {
  const ranking = rankEvidence(inRace);
  const advancingSet = new Set(advancing);
  const cutoff = ranking[advancingSlots - 1]?.points;
  const cutoffTied = cutoff !== undefined && ranking[advancingSlots]?.points === cutoff;
  let tooMany = false;
  let tieGroup = false;
  if (advancingSet.size > advancingSlots) {
    const group = cutoff === undefined ? [] : ranking.filter((e) => e.points >= cutoff).map((e) => e.projectId);
    const isWholeGroup =
      cutoffTied &&
      group.length === advancingSet.size &&
      group.every((id) => advancingSet.has(id)) &&
      group.length < ranking.length;
    tieGroup = isWholeGroup;
    tooMany = !isWholeGroup;
  }
  const advancingPoints = ranking.filter((e) => advancingSet.has(e.projectId)).map((e) => e.points);
  const minAdvanced = advancingPoints.length ? Math.min(...advancingPoints) : Number.POSITIVE_INFINITY;
  const challengers = ranking.filter((e) => !advancingSet.has(e.projectId) && e.points >= minAdvanced);
  const maxStopped = challengers.length ? Math.max(...challengers.map((e) => e.points)) : Number.NEGATIVE_INFINITY;
  const overtaken = ranking.filter((e) => advancingSet.has(e.projectId) && e.points <= maxStopped).map((e) => e.projectId);
  return { ranking, cutoff, cutoffTied, tooMany, tieGroup, challengers: challengers.map((e) => e.projectId), overtaken };
}
