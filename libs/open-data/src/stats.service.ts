import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HorseRaceStats, StatsFigures, StatsGroup, StatsView } from './dto/views';

interface Row {
  dim: string | null;
  key: string | null;
  challenges: string;
  budget_fen: string;
  bids: string;
  awards: string;
  awarded_fen: string;
  paid_fen: string;
}

const DIMENSIONS = ['industry', 'field', 'mechanism', 'track', 'year'] as const;

/** bigint text → safe integer (sums of fen stay far below 2^53 for any real budget). */
function int(text: string | number | null): number {
  const n = Number(text ?? 0);
  if (!Number.isSafeInteger(n)) throw new RangeError(`statistic ${String(text)} is not a safe integer`);
  return n;
}

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
    this.awardsTables ??= this.dataSource
      .query(`SELECT to_regclass('projects') IS NOT NULL AS ok`)
      .then((rows: { ok: boolean }[]) => rows[0].ok);
    return this.awardsTables;
  }

  async compute(): Promise<StatsView> {
    const awards = await this.hasAwards();
    const projectAgg = awards
      ? `LEFT JOIN (SELECT challenge_id, count(*) AS awards, sum(granted_fen) AS awarded_fen, sum(paid_fen) AS paid_fen
                    FROM projects GROUP BY challenge_id) p ON p.challenge_id = c.id`
      : `LEFT JOIN (SELECT NULL::uuid AS challenge_id, 0::bigint AS awards, 0::bigint AS awarded_fen, 0::bigint AS paid_fen) p ON false`;
    const rows: Row[] = await this.dataSource.query(`
      WITH ch AS (
        SELECT c.industry, c.field, c.mechanism, c.track,
               extract(year FROM c.published_at AT TIME ZONE 'Asia/Shanghai')::int::text AS year,
               c.budget_fen,
               CASE WHEN c.closed_at IS NOT NULL OR c.bid_deadline <= now() THEN coalesce(b.bids, 0) ELSE 0 END AS bids,
               coalesce(p.awards, 0) AS awards,
               coalesce(p.awarded_fen, 0) AS awarded_fen,
               coalesce(p.paid_fen, 0) AS paid_fen
        FROM challenges c
        LEFT JOIN (SELECT challenge_id, count(*) AS bids FROM bids WHERE status <> 'withdrawn' GROUP BY challenge_id) b
          ON b.challenge_id = c.id
        ${projectAgg}
        WHERE c.published_at IS NOT NULL AND c.status <> 'cancelled'
      )
      SELECT CASE WHEN GROUPING(industry) = 0 THEN 'industry'
                  WHEN GROUPING(field) = 0 THEN 'field'
                  WHEN GROUPING(mechanism) = 0 THEN 'mechanism'
                  WHEN GROUPING(track) = 0 THEN 'track'
                  WHEN GROUPING(year) = 0 THEN 'year' END AS dim,
             coalesce(industry, field, mechanism, track, year) AS key,
             count(*)::text AS challenges, coalesce(sum(budget_fen), 0)::text AS budget_fen,
             coalesce(sum(bids), 0)::text AS bids, coalesce(sum(awards), 0)::text AS awards,
             coalesce(sum(awarded_fen), 0)::text AS awarded_fen, coalesce(sum(paid_fen), 0)::text AS paid_fen
      FROM ch
      GROUP BY GROUPING SETS ((industry), (field), (mechanism), (track), (year), ())
      ORDER BY 1 NULLS FIRST, 2`);

    const figures = (r: Row | undefined): StatsFigures => ({
      challenges: int(r?.challenges ?? 0),
      budgetFen: int(r?.budget_fen ?? 0),
      bids: int(r?.bids ?? 0),
      awards: int(r?.awards ?? 0),
      awardedFen: int(r?.awarded_fen ?? 0),
      paidFen: int(r?.paid_fen ?? 0),
    });
    const groups = Object.fromEntries(DIMENSIONS.map((d) => [d, [] as StatsGroup[]])) as Record<
      (typeof DIMENSIONS)[number],
      StatsGroup[]
    >;
    let totals: StatsFigures = figures(undefined);
    for (const r of rows) {
      if (r.dim === null) totals = figures(r);
      else groups[r.dim as (typeof DIMENSIONS)[number]].push({ key: String(r.key), ...figures(r) });
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
      horseRace: awards ? await this.horseRace() : { projects: 0, stages: [] },
    };
  }

  private async horseRace(): Promise<HorseRaceStats> {
    const [counts]: { projects: string; active: string; completed: string; max_stage: number | null }[] = await this.dataSource
      .query(`
      SELECT count(*)::text AS projects,
             count(*) FILTER (WHERE p.activated_at IS NOT NULL)::text AS active,
             count(*) FILTER (WHERE p.status = 'completed')::text AS completed,
             max(jsonb_array_length(c.stages)) AS max_stage
      FROM projects p JOIN challenges c ON c.id = p.challenge_id
      WHERE c.mechanism = 'horse_race'`);
    const byStage: { stage: number; n: string }[] = await this.dataSource.query(`
      SELECT s.stage, count(p.id)::text AS n
      FROM projects p JOIN challenges c ON c.id = p.challenge_id
      CROSS JOIN LATERAL generate_series(1, greatest(p.stage_reached, 0)) AS s(stage)
      WHERE c.mechanism = 'horse_race'
      GROUP BY s.stage ORDER BY s.stage`);
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
