import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { projectsTableExists } from '@app/awards';
import { HorseRaceStats, StatsFigures, StatsGroup, StatsView } from './dto/views';
import { StatsRow, horseRaceCounts, horseRaceStageCounts, statsByDimension } from './repositories/stats.repository';

const DIMENSIONS = ['industry', 'field', 'mechanism', 'track', 'year', 'status'] as const;
type Dimension = (typeof DIMENSIONS)[number];

/** bigint text → safe integer (sums of fen stay far below 2^53 for any real budget). */
function int(text: string | number | null): number {
  const n = Number(text ?? 0);
  if (!Number.isSafeInteger(n)) throw new RangeError(`statistic ${String(text)} is not a safe integer`);
  return n;
}

const figuresOf = (r: StatsRow | undefined): StatsFigures => ({
  challenges: int(r?.challenges ?? 0),
  budgetFen: int(r?.budget_fen ?? 0),
  bids: int(r?.bids ?? 0),
  awards: int(r?.awards ?? 0),
  awardedFen: int(r?.awarded_fen ?? 0),
  paidFen: int(r?.paid_fen ?? 0),
});

/**
 * Public statistics, computed by Postgres in two queries. What counts:
 * - a challenge once it has been published, unless it was cancelled (drafts never; a cancelled
 *   challenge's budget was never committed, so adding it to the money of a year or an industry
 *   would report a phantom budget);
 * - bids: live bids (not withdrawn) — a count, nothing else of a bid is read — and only of
 *   challenges whose bidding has closed (closed by the deadline job, or past the deadline by the
 *   database's clock): how many teams applied is confidential until the deadline;
 * - awards: projects of any status; money awarded = their granted amounts; money paid = what
 *   disbursements have paid into them (`projects.paid_fen`, kept by libs/milestones);
 * - status: where each challenge stands now (published, closed, awarded, completed…);
 * - years: the calendar year (China Standard Time) in which the challenge was published, so each
 *   year is a cohort (the bids, awards and payments of that year's challenges).
 * Horse race: of all projects of horse-race challenges, how many reached each stage — awarded,
 * active (out of publicity), past gate n, completed — with the share in basis points (floor).
 */
@Injectable()
export class StatsService {
  private awardsTables: Promise<boolean> | null = null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Whether libs/awards' tables exist in this database (the awards figures are zero until they do). */
  private hasAwards(): Promise<boolean> {
    this.awardsTables ??= projectsTableExists(this.dataSource.manager);
    return this.awardsTables;
  }

  async compute(): Promise<StatsView> {
    const awards = await this.hasAwards();
    const rows = await statsByDimension(this.dataSource.manager, awards);
    const groups = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as StatsGroup[]])) as Record<Dimension, StatsGroup[]>;
    let totals: StatsFigures = figuresOf(undefined);
    for (const r of rows) {
      if (r.dim === null) totals = figuresOf(r);
      // A challenge that names no field (project-manager track) counts in the totals, not under a field.
      else if (r.key !== null) groups[r.dim as Dimension].push({ key: String(r.key), ...figuresOf(r) });
    }
    return {
      generatedAt: new Date().toISOString(),
      currency: 'CNY',
      yearBasis: 'calendar year (UTC+8) of the challenge’s publication',
      totals,
      byIndustry: groups.industry,
      byField: groups.field,
      byMechanism: groups.mechanism,
      byTrack: groups.track,
      byYear: groups.year,
      byStatus: groups.status,
      horseRace: awards ? await this.horseRace() : { projects: 0, stages: [] },
    };
  }

  private async horseRace(): Promise<HorseRaceStats> {
    const counts = await horseRaceCounts(this.dataSource.manager);
    const byStage = await horseRaceStageCounts(this.dataSource.manager);
    const total = int(counts.projects);
    const share = (n: number) => (total ? Math.floor((n * 10_000) / total) : 0);
    const reached = new Map(byStage.map((s) => [s.stage, int(s.n)]));
    const lastStage = Math.max(counts.max_stage ?? 0, ...reached.keys(), 0);
    const stages = [
      { stage: 'awarded', projects: total },
      { stage: 'active', projects: int(counts.active) },
      ...Array.from({ length: lastStage }, (_, i) => ({ stage: `stage_${i + 1}`, projects: reached.get(i + 1) ?? 0 })),
      { stage: 'completed', projects: int(counts.completed) },
    ].map((s) => ({ ...s, shareBp: share(s.projects) }));
    return { projects: total, stages };
  }
}
