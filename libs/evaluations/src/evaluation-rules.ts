/**
 * 绩效评估 (clause 二十三): what a challenge's money and milestones achieved against what it set
 * out to do. Pure: the facts in, the figures out; no Nest, no SQL.
 *
 * - Money: budget; granted (each project's grant at award); paid (tranches paid); released (the
 *   unpaid grant of projects that ended early — stopped at a gate or terminated — and what a merge
 *   gave back, both of which return to the budget); unspent (budget − granted + released).
 * - Merges (强强联合): a merged project (status `merged`) lives on in the project it was merged
 *   into, which carries its grant and what it was paid (see `moneyOf`). Its money and its place in
 *   the project counts are that project's; its milestones and reports are its own history and count.
 * - Milestones: decided (met, partially met, not met), open, cancelled; and on time / late:
 *   a milestone is late when its accepted report came after its due date, or when it is overdue
 *   or was judged not met after its due date; on time when reported by its due date.
 * - Objectives: each target beside the best value the projects' accepted reports gave for that
 *   metric, and how far that best value reaches (best ÷ target). The challenge records no
 *   direction for a metric, so no pass/fail is claimed: the agency's milestone decisions are the
 *   judgement; this is the measurement.
 * - Projects stopped at gates (or terminated), with the stage and the reason recorded.
 */

export interface ObjectiveFact {
  metric: string;
  target: number;
  unit: string;
}

export interface MilestoneFact {
  status: string;
  dueAt: Date;
  /** When the accepted report was submitted (null: none accepted). */
  reportedAt: Date | null;
  /** The values the accepted report gave, by metric. */
  achieved: { metric: string; value: number }[];
}

export interface ProjectFact {
  id: string;
  title: string;
  organizationName: string;
  status: string;
  grantedFen: number;
  paidFen: number;
  stageReached: number;
  endReason: string | null;
  /**
   * For a project a merge made: what that merge gave back to the budget (Σ the merged projects'
   * grants − the merged grant, as the merge recorded it). 0 for any other project.
   */
  mergeReleasedFen: number;
  milestones: MilestoneFact[];
}

export interface ChallengeFacts {
  id: string;
  title: string;
  industry: string;
  mechanism: string;
  year: number | null;
  budgetFen: number;
  objectives: ObjectiveFact[];
  projects: ProjectFact[];
}

export interface MoneyFigures {
  budgetFen: number;
  grantedFen: number;
  paidFen: number;
  releasedFen: number;
  unspentFen: number;
}

export interface MilestoneFigures {
  total: number;
  met: number;
  partiallyMet: number;
  notMet: number;
  open: number;
  cancelled: number;
  onTime: number;
  late: number;
}

export interface ObjectiveFigure extends ObjectiveFact {
  /** The best (highest) value reported for this metric in an accepted report; null: none reported. */
  best: number | null;
  /** best ÷ target, rounded to 4 places; null when nothing was reported or the target is 0. */
  reached: number | null;
  projectsReporting: number;
}

export interface StoppedProject {
  projectId: string;
  title: string;
  organizationName: string;
  status: 'eliminated' | 'terminated';
  /** The last stage gate passed (0: none). */
  stageReached: number;
  reason: string | null;
}

export interface ProjectCounts {
  awarded: number;
  running: number;
  completed: number;
  eliminated: number;
  terminated: number;
}

export interface ChallengeEvaluation {
  challengeId: string;
  title: string;
  industry: string;
  mechanism: string;
  year: number | null;
  money: MoneyFigures;
  projects: ProjectCounts;
  milestones: MilestoneFigures;
  objectives: ObjectiveFigure[];
  stopped: StoppedProject[];
}

const ENDED_EARLY = new Set(['eliminated', 'terminated']);
const RUNNING = new Set(['publicity', 'active']);
/** A project merged into another: its money and its place among the projects are that project's. */
const isMerged = (p: ProjectFact) => p.status === 'merged';

/**
 * Each grant and each payment once, whatever merges happened:
 * - A merge sets each merged project's grant to what it was paid and starts the merged project with
 *   the merged grant and the sum of what they were paid. Counting the merged rows too would count
 *   that paid money twice (and their paid amounts once more as grants), so their money is left out:
 *   the project they were merged into carries it.
 * - The merged grant G replaces the merged projects' grants Σg. Their unpaid grant moved into G is
 *   NOT released: it is still committed, to be paid by the merged project's re-planned tranches, so
 *   it is inside G (granted, not yet paid) and never back in the budget. Only Σg − G — what the
 *   merge recorded as released, which the challenge's awarded total gave back — returns to the
 *   budget. So each merge adds Σg − G to released, and to granted too, since granted is the grants
 *   as awarded: G + (Σg − G) = Σg. Chained merges add up the same way, which is why every project's
 *   merge release counts (a project a merge made may itself be merged later).
 * Hence unspent = budget − granted + released = budget − (the grants still committed), as before.
 */
export function moneyOf(budgetFen: number, projects: readonly ProjectFact[]): MoneyFigures {
  const live = projects.filter((p) => !isMerged(p));
  const mergeReleasedFen = sum(projects.map((p) => p.mergeReleasedFen));
  const grantedFen = sum(live.map((p) => p.grantedFen)) + mergeReleasedFen;
  const paidFen = sum(live.map((p) => p.paidFen));
  const endedEarlyFen = sum(live.filter((p) => ENDED_EARLY.has(p.status)).map((p) => Math.max(0, p.grantedFen - p.paidFen)));
  const releasedFen = endedEarlyFen + mergeReleasedFen;
  return { budgetFen, grantedFen, paidFen, releasedFen, unspentFen: budgetFen - grantedFen + releasedFen };
}

export type Timeliness = 'on_time' | 'late' | 'pending';

/** On time, late, or not yet judged (open and not past due, or cancelled). */
export function timelinessOf(m: MilestoneFact): Timeliness {
  if (m.reportedAt) return m.reportedAt.getTime() <= m.dueAt.getTime() ? 'on_time' : 'late';
  if (m.status === 'overdue' || m.status === 'not_met') return 'late';
  return 'pending';
}

export function milestonesOf(projects: readonly ProjectFact[]): MilestoneFigures {
  const all = projects.flatMap((p) => p.milestones);
  const count = (f: (m: MilestoneFact) => boolean) => all.filter(f).length;
  return {
    total: all.length,
    met: count((m) => m.status === 'met'),
    partiallyMet: count((m) => m.status === 'partially_met'),
    notMet: count((m) => m.status === 'not_met'),
    open: count((m) => m.status === 'scheduled' || m.status === 'submitted' || m.status === 'overdue'),
    cancelled: count((m) => m.status === 'cancelled'),
    onTime: count((m) => timelinessOf(m) === 'on_time'),
    late: count((m) => timelinessOf(m) === 'late'),
  };
}

export function objectivesOf(objectives: readonly ObjectiveFact[], projects: readonly ProjectFact[]): ObjectiveFigure[] {
  return objectives.map((o) => {
    const perProject = projects
      .map((p) => p.milestones.flatMap((m) => (m.reportedAt ? m.achieved : [])).filter((a) => a.metric === o.metric))
      .filter((values) => values.length > 0);
    const values = perProject.flat().map((a) => a.value);
    const best = values.length ? Math.max(...values) : null;
    const reached = best === null || o.target === 0 ? null : Math.round((best / o.target) * 10_000) / 10_000;
    return { ...o, best, reached, projectsReporting: perProject.length };
  });
}

/** The projects the challenge funds: the projects merges made count, those they replaced do not (as the challenge's award count). */
export function projectCountsOf(projects: readonly ProjectFact[]): ProjectCounts {
  const live = projects.filter((p) => !isMerged(p));
  const count = (f: (p: ProjectFact) => boolean) => live.filter(f).length;
  return {
    awarded: live.length,
    running: count((p) => RUNNING.has(p.status)),
    completed: count((p) => p.status === 'completed'),
    eliminated: count((p) => p.status === 'eliminated'),
    terminated: count((p) => p.status === 'terminated'),
  };
}

export function stoppedOf(projects: readonly ProjectFact[]): StoppedProject[] {
  return projects
    .filter((p) => ENDED_EARLY.has(p.status))
    .map((p) => ({
      projectId: p.id,
      title: p.title,
      organizationName: p.organizationName,
      status: p.status as StoppedProject['status'],
      stageReached: p.stageReached,
      reason: p.endReason,
    }));
}

export function evaluateChallenge(c: ChallengeFacts): ChallengeEvaluation {
  return {
    challengeId: c.id,
    title: c.title,
    industry: c.industry,
    mechanism: c.mechanism,
    year: c.year,
    money: moneyOf(c.budgetFen, c.projects),
    projects: projectCountsOf(c.projects),
    milestones: milestonesOf(c.projects),
    objectives: objectivesOf(c.objectives, c.projects),
    stopped: stoppedOf(c.projects),
  };
}

export interface ProgrammeEvaluation {
  challenges: number;
  money: MoneyFigures;
  projects: ProjectCounts;
  milestones: MilestoneFigures;
  /** Share of judged milestones (on time + late) that were on time, 4 places; null when none judged. */
  onTimeShare: number | null;
}

/** A programme (an agency, an industry, a year — whatever the caller selected): the challenges' figures summed. */
export function evaluateProgramme(evaluations: readonly ChallengeEvaluation[]): ProgrammeEvaluation {
  const add = <T extends object>(rows: T[]): T =>
    rows.reduce((acc, row) => {
      for (const [k, v] of Object.entries(row))
        (acc as Record<string, number>)[k] = ((acc as Record<string, number>)[k] ?? 0) + (v as number);
      return acc;
    }, {} as T);
  const money = evaluations.length ? add(evaluations.map((e) => e.money)) : moneyOf(0, []);
  const projects = evaluations.length ? add(evaluations.map((e) => e.projects)) : projectCountsOf([]);
  const milestones = evaluations.length ? add(evaluations.map((e) => e.milestones)) : milestonesOf([]);
  const judged = milestones.onTime + milestones.late;
  return {
    challenges: evaluations.length,
    money,
    projects,
    milestones,
    onTimeShare: judged ? Math.round((milestones.onTime / judged) * 10_000) / 10_000 : null,
  };
}

const sum = (xs: number[]) => xs.reduce((s, x) => s + x, 0);

/**
 * The public's share of a programme's evaluation (open data): money granted, paid and released, the
 * projects' outcomes and the milestones' timeliness — all of it derivable from what open data already
 * publishes (awards, transactions, implementation milestones with due and met dates). Budgets stay in
 * `/open-data/stats` (which leaves cancelled challenges out); reported values against objectives and
 * the reasons a project was stopped stay with the agency, admins and auditors.
 */
export interface PublicProgrammeFigures {
  challenges: number;
  money: Pick<MoneyFigures, 'grantedFen' | 'paidFen' | 'releasedFen'>;
  projects: ProjectCounts;
  milestones: MilestoneFigures;
  onTimeShare: number | null;
}

export function publicShareOf(programme: ProgrammeEvaluation): PublicProgrammeFigures {
  const { grantedFen, paidFen, releasedFen } = programme.money;
  return {
    challenges: programme.challenges,
    money: { grantedFen, paidFen, releasedFen },
    projects: programme.projects,
    milestones: programme.milestones,
    onTimeShare: programme.onTimeShare,
  };
}
