import { EntityManager } from 'typeorm';
import { RowOf, Sql, Tables, joinSql, rawSql, runSql, sql, containsPattern } from '@app/database';
import type { ChallengeStatus } from '../challenge-lifecycle';
import type { Eligibility, Objective } from '../challenge-rules';
import type { Field, Industry, Mechanism, Track, Zone } from '../challenge-taxonomy';
import type { RequirableBidDocumentRole } from '../document-roles';
import type { StoredStage } from '../challenge.entity';
import type { ChallengeSort } from '../dto/list-challenges.query';

/** Every column the views need (all but the trigger-kept `search_text`), in the table's order. */
export const CHALLENGE_COLUMNS = [
  'id',
  'title',
  'summary',
  'industry',
  'secondary_industry',
  'field',
  'mechanism',
  'track',
  'budget_fen',
  'max_award_fen',
  'parallel_slots',
  'stages',
  'objectives',
  'eligibility',
  'bid_deadline',
  'project_ends_at',
  'zone',
  'status',
  'agency_id',
  'agency_organization_id',
  'published_at',
  'closed_at',
  'cancelled_at',
  'awarded_fen',
  'awarded_count',
  'created_at',
  'updated_at',
  'required_bid_documents',
] as const satisfies readonly (keyof Tables['challenges'])[];

/** A challenge row as Postgres returns it (bigint as string; jsonb parsed; text narrowed to its vocabulary). */
export type ChallengeRow = RowOf<
  'challenges',
  (typeof CHALLENGE_COLUMNS)[number],
  {
    industry: Industry;
    secondary_industry: Industry | null;
    field: Field | null;
    mechanism: Mechanism;
    track: Track;
    stages: StoredStage[];
    objectives: Objective[];
    eligibility: Eligibility;
    zone: Zone | null;
    status: ChallengeStatus;
    required_bid_documents: RequirableBidDocumentRole[];
  }
>;

/** Column values to write, by column name (the names come from code, never from input). */
export type ChallengeColumnValues = Partial<Record<keyof Tables['challenges'], unknown>>;

const SELECT_COLUMNS = rawSql(CHALLENGE_COLUMNS.map((c) => `c.${c}`).join(', '));
const RETURNING_COLUMNS = rawSql(CHALLENGE_COLUMNS.join(', '));

export async function findChallenge(em: EntityManager, id: string): Promise<ChallengeRow | undefined> {
  const [row] = await runSql<ChallengeRow>(em, sql`SELECT ${SELECT_COLUMNS} FROM challenges c WHERE c.id = ${id}`);
  return row;
}

/** Just what says who may see a challenge (for its questions). */
export async function findChallengeVisibility(
  em: EntityManager,
  id: string,
): Promise<Pick<ChallengeRow, 'published_at' | 'agency_organization_id'> | undefined> {
  const [row] = await runSql<Pick<ChallengeRow, 'published_at' | 'agency_organization_id'>>(
    em,
    sql`SELECT published_at, agency_organization_id FROM challenges WHERE id = ${id}`,
  );
  return row;
}

export async function insertChallenge(em: EntityManager, values: ChallengeColumnValues): Promise<ChallengeRow> {
  const names = Object.keys(values);
  const [row] = await runSql<ChallengeRow>(
    em,
    sql`INSERT INTO challenges (${rawSql(names.join(', '))}) VALUES (${joinSql(Object.values(values).map((v) => sql`${v}`))})
        RETURNING ${RETURNING_COLUMNS}`,
  );
  return row;
}

/** Sets `values` (and updated_at) on the challenge; the caller holds its lock. */
export async function updateChallenge(em: EntityManager, id: string, values: ChallengeColumnValues): Promise<ChallengeRow> {
  const assignments = Object.entries(values).map(([name, value]) => sql`${rawSql(name)} = ${value}`);
  const [row] = await runSql<ChallengeRow>(
    em,
    sql`UPDATE challenges SET ${joinSql(assignments)}, updated_at = now() WHERE id = ${id} RETURNING ${RETURNING_COLUMNS}`,
  );
  return row;
}

export async function markChallengePublished(em: EntityManager, id: string, at: Date): Promise<ChallengeRow> {
  const [row] = await runSql<ChallengeRow>(
    em,
    sql`UPDATE challenges SET status = 'published', published_at = ${at}, updated_at = now() WHERE id = ${id}
        RETURNING ${RETURNING_COLUMNS}`,
  );
  return row;
}

export async function markChallengeCancelled(em: EntityManager, id: string): Promise<ChallengeRow> {
  const [row] = await runSql<ChallengeRow>(
    em,
    sql`UPDATE challenges SET status = 'cancelled', cancelled_at = now(), updated_at = now() WHERE id = ${id}
        RETURNING ${RETURNING_COLUMNS}`,
  );
  return row;
}

export async function setBidDeadline(em: EntityManager, id: string, to: Date): Promise<ChallengeRow> {
  const [row] = await runSql<ChallengeRow>(
    em,
    sql`UPDATE challenges SET bid_deadline = ${to}, updated_at = now() WHERE id = ${id} RETURNING ${RETURNING_COLUMNS}`,
  );
  return row;
}

/** Whether `instant` is still ahead by the database's clock (one clock judges every deadline). */
export async function isAheadOfDbClock(em: EntityManager, instant: Date): Promise<boolean> {
  const [{ open }] = await runSql<{ open: boolean }>(em, sql`SELECT ${instant}::timestamptz > now() AS open`);
  return open;
}

/** Milliseconds from the database's now() to `instant` (negative once past). */
export async function msUntilByDbClock(em: EntityManager, instant: Date): Promise<number> {
  const [{ ms_left: msLeft }] = await runSql<{ ms_left: number }>(
    em,
    sql`SELECT (extract(epoch FROM (${instant}::timestamptz - now())) * 1000)::float8 AS ms_left`,
  );
  return msLeft;
}

/** Closes the challenge if it is still published and its deadline has passed (database clock); undefined otherwise. */
export async function closeChallengeIfDue(
  em: EntityManager,
  id: string,
): Promise<RowOf<'challenges', 'id' | 'bid_deadline', { closed_at: Date }> | undefined> {
  const [closed] = await runSql<RowOf<'challenges', 'id' | 'bid_deadline', { closed_at: Date }>>(
    em,
    sql`WITH closed AS (
          UPDATE challenges SET status = 'closed', closed_at = now(), updated_at = now()
          WHERE id = ${id} AND status = 'published' AND bid_deadline <= now()
          RETURNING id, bid_deadline, closed_at)
        SELECT * FROM closed`,
  );
  return closed;
}

/** The challenge's status and the milliseconds left to its deadline (database clock). */
export async function challengeDeadlineState(
  em: EntityManager,
  id: string,
): Promise<{ status: ChallengeStatus; ms_left: number } | undefined> {
  const [row] = await runSql<RowOf<'challenges', 'status', { status: ChallengeStatus; ms_left: number }>>(
    em,
    sql`SELECT status, (extract(epoch FROM (bid_deadline - now())) * 1000)::float8 AS ms_left FROM challenges WHERE id = ${id}`,
  );
  return row;
}

/** Every published challenge's deadline, soonest first (what the close jobs must cover). */
export function publishedChallengeDeadlines(em: EntityManager): Promise<RowOf<'challenges', 'id' | 'bid_deadline'>[]> {
  return runSql(em, sql`SELECT id, bid_deadline FROM challenges WHERE status = 'published' ORDER BY bid_deadline`);
}

// ---------------------------------------------------------------- the public list

/** Who the list is for: only an agency's own, published or an agency's own, published only, or everything (admins). */
export type ChallengeVisibility =
  | { kind: 'own'; agencyOrganizationId: string }
  | { kind: 'published_or_own'; agencyOrganizationId: string }
  | { kind: 'published' }
  | { kind: 'all' };

export interface ChallengeListFilter {
  visibility: ChallengeVisibility;
  /** One status, or (when absent) `excludeDrafts` says whether drafts are left out. */
  status?: string;
  excludeDrafts: boolean;
  /** Matches the primary or the secondary industry. */
  industry?: string;
  field?: string;
  mechanism?: string;
  track?: string;
  zone?: string;
  minBudgetFen?: number;
  maxBudgetFen?: number;
  deadlineAfter?: Date;
  deadlineBefore?: Date;
  /** Lower-cased words that must all occur in the search text (substrings, taken literally). */
  terms: string[];
  sort: ChallengeSort;
  /** Keyset: the row after (sort key as issued in `cursor_key`, id). */
  after?: { key: string; id: string };
  limit: number;
}

/**
 * The list's hot path: columns the database hands over cheaply (instants as epoch milliseconds,
 * jsonb as its text), for a writer that builds the view's JSON without parsing them.
 */
export type ChallengeJsonRow = RowOf<
  'challenges',
  | 'id'
  | 'title'
  | 'summary'
  | 'industry'
  | 'secondary_industry'
  | 'field'
  | 'mechanism'
  | 'track'
  | 'budget_fen'
  | 'max_award_fen'
  | 'parallel_slots'
  | 'status'
  | 'agency_id'
  | 'agency_organization_id'
  | 'awarded_fen'
  | 'awarded_count',
  {
    zone: Zone | null;
    stages: string;
    objectives: string;
    eligibility: string;
    /** JSON text of the array. */
    required_bid_documents: string;
    bid_deadline: number;
    project_ends_at: number;
    published_at: number | null;
    closed_at: number | null;
    cancelled_at: number | null;
    created_at: number;
    updated_at: number;
  }
>;

const CHALLENGE_JSON_COLUMNS = rawSql(
  [
    'id',
    'title',
    'summary',
    'industry',
    'secondary_industry',
    'field',
    'mechanism',
    'track',
    'budget_fen',
    'max_award_fen',
    'parallel_slots',
    'zone',
    'status',
    'agency_id',
    'agency_organization_id',
    'awarded_fen',
    'awarded_count',
  ]
    .map((c) => `c.${c}`)
    .concat(
      ['stages', 'objectives', 'eligibility'].map((c) => `c.${c}::text AS ${c}`),
      ['to_json(c.required_bid_documents)::text AS required_bid_documents'],
      ['bid_deadline', 'project_ends_at', 'published_at', 'closed_at', 'cancelled_at', 'created_at', 'updated_at'].map(
        (c) => `floor(extract(epoch FROM c.${c}) * 1000)::float8 AS ${c}`,
      ),
    )
    .join(', '),
);

/** A full-microsecond UTC text of an instant, for cursors (a JS Date keeps only milliseconds). */
const cursorInstant = (column: Sql) => sql`to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function visibilityCondition(visibility: ChallengeVisibility): Sql | undefined {
  switch (visibility.kind) {
    case 'own':
      return sql`c.agency_organization_id = ${visibility.agencyOrganizationId}`;
    case 'published_or_own':
      return sql`(c.published_at IS NOT NULL OR c.agency_organization_id = ${visibility.agencyOrganizationId})`;
    case 'published':
      return sql`c.published_at IS NOT NULL`;
    case 'all':
      return undefined;
  }
}

/** Every filter but the industry (which `listChallengesAsJsonRows` splits in two, see there). */
function filterConditions(f: ChallengeListFilter): Sql[] {
  const where: unknown[] = [
    visibilityCondition(f.visibility),
    f.status ? sql`c.status = ${f.status}` : f.excludeDrafts && sql`c.status <> 'draft'`,
    f.field && sql`c.field = ${f.field}`,
    f.mechanism && sql`c.mechanism = ${f.mechanism}`,
    f.track && sql`c.track = ${f.track}`,
    f.zone && sql`c.zone = ${f.zone}`,
    f.minBudgetFen !== undefined && sql`c.budget_fen >= ${f.minBudgetFen}`,
    f.maxBudgetFen !== undefined && sql`c.budget_fen <= ${f.maxBudgetFen}`,
    f.deadlineAfter && sql`c.bid_deadline >= ${f.deadlineAfter}`,
    f.deadlineBefore && sql`c.bid_deadline < ${f.deadlineBefore}`,
    // Three characters or more use the trigram index; shorter words (two Chinese characters, say)
    // are still matched, by a scan.
    ...f.terms.map((term) => sql`c.search_text LIKE ${containsPattern(term)}`),
  ];
  return where.filter((w): w is Sql => w instanceof Sql);
}

/**
 * One page (and one row more, to tell whether there is a next) in the sort's keyset order,
 * with each row's sort key to the microsecond in `cursor_key`.
 *
 * Each common filter has an index that reads its rows already in the sort's order (migration
 * 1795614900000-ChallengeListIndexes): a status with either sort key, and the industry. The industry
 * matches either column, and an OR cannot be read in index order, so it is asked as two pages (the
 * primary industry's, and the secondary industry's whose primary differs: no row twice), each read in
 * order from its own index, merged and cut to one page.
 */
export function listChallengesAsJsonRows(
  em: EntityManager,
  f: ChallengeListFilter,
): Promise<(ChallengeJsonRow & { cursor_key: string })[]> {
  const [key, direction, op] =
    f.sort === 'deadline'
      ? [rawSql('c.bid_deadline'), rawSql('ASC'), rawSql('>')]
      : [rawSql('c.created_at'), rawSql('DESC'), rawSql('<')];
  const where = filterConditions(f);
  if (f.after) where.push(sql`(${key}, c.id) ${op} (${f.after.key}::timestamptz, ${f.after.id}::uuid)`);
  const page = sql`ORDER BY ${key} ${direction}, c.id ${direction} LIMIT ${f.limit + 1}`;
  const whereAll = (conditions: Sql[]) => (conditions.length ? sql`WHERE ${joinSql(conditions, ' AND ')}` : rawSql(''));
  const select = sql`SELECT ${CHALLENGE_JSON_COLUMNS}, ${cursorInstant(key)} AS cursor_key`;
  if (!f.industry) return runSql(em, sql`${select} FROM challenges c ${whereAll(where)} ${page}`);
  const primary = [sql`c.industry = ${f.industry}`, ...where];
  const secondary = [sql`c.secondary_industry = ${f.industry}`, sql`c.industry <> ${f.industry}`, ...where];
  return runSql(
    em,
    sql`${select} FROM (
          (SELECT ${SELECT_COLUMNS} FROM challenges c ${whereAll(primary)} ${page})
          UNION ALL
          (SELECT ${SELECT_COLUMNS} FROM challenges c ${whereAll(secondary)} ${page})
        ) c ${page}`,
  );
}
