import { PoolClient } from 'pg';
import { EntityManager, QueryFailedError } from 'typeorm';
import type { PostgresQueryRunner } from 'typeorm/driver/postgres/PostgresQueryRunner';
import { StoredEntry, appendAuditEntryCtes } from '@app/audit';
import { BidForAwardRow, markBidAwardedCte, readBidForAward } from '@app/bids';
import { addAwardToChallengeCte } from '@app/challenges';
import { RowOf, Sql, runSql, sql } from '@app/database';
import { activeUserRoleSql, organizationNamesJsonSql } from '@app/identity';
import { NewProjectMilestone, insertProjectMilestonesCte } from './project-milestones.repository';
import { NewProject, insertProjectCte } from './projects.repository';

/** The bid as the award reads it, with the role of the program manager named (null unless an active user). */
export type BidToAward = BidForAwardRow & { pm_role: string | null };

/** The bid, its plan and consortium, whether there was a panel, and the named program manager's role: one statement. */
export function readBidToAward(
  em: EntityManager,
  bidId: string,
  programManagerId: string | null,
): Promise<BidToAward | undefined> {
  return readBidForAward<{ pm_role: string | null }>(em, bidId, sql`${activeUserRoleSql(programManagerId)} AS pm_role`);
}

/** Everything one award writes. */
export interface AwardWrite {
  project: NewProject;
  milestones: readonly NewProjectMilestone[];
  /** The challenge's slots: the award filling the last one moves the challenge to `awarded`. */
  slots: number;
  /** The ledger entry, hashed onto the challenge chain's head (locked by the caller). */
  entry: StoredEntry;
  /** The organisations (lead and consortium) whose names the project's view shows; read, not written. */
  organizationIds: readonly string[];
}

export type AwardWritten = RowOf<
  'projects',
  'id' | 'publicity_ends_at' | 'created_at',
  {
    challenge_status: string;
    awarded_fen: string;
    awarded_count: number;
    /** 1 when the bid was still awardable and moved to `awarded`, 0 when it had changed. */
    bid_moved: number;
    /** 1 when the chain head advanced onto the entry. */
    audited: number;
    milestone_ids: { id: string; seq: number }[];
    /** `{ organisationId: name }` of `organizationIds`. */
    organization_names: Record<string, string>;
  }
>;

/**
 * The award as ONE statement of its owners' parts: the project and its milestones (awards), the
 * challenge's counters (challenges), the bid's status (bids), the ledger entry and chain head
 * (audit), and — read, not written — the organisations' names the view shows (identity; an index
 * lookup per organisation, cheaper under the lock than a round trip of its own before it). Runs
 * under the challenge row lock and the chain head lock the caller holds, as a named prepared
 * statement (`runPrepared`).
 */
export async function writeAward(em: EntityManager, w: AwardWrite): Promise<AwardWritten> {
  const [row] = await runPrepared<AwardWritten>(
    em,
    sql`WITH ${insertProjectCte('p', w.project)},
         ${insertProjectMilestonesCte('m', 'p', w.milestones)},
         ${addAwardToChallengeCte('c', w.project.challengeId, w.project.grantedFen, w.slots)},
         ${markBidAwardedCte('b', w.project.bidId)},
         ${appendAuditEntryCtes(w.entry, { entryCte: 'a', headCte: 'h' })}
         SELECT p.id, p.publicity_ends_at, p.created_at,
                (SELECT status FROM c) AS challenge_status, (SELECT awarded_fen FROM c) AS awarded_fen,
                (SELECT awarded_count FROM c) AS awarded_count, (SELECT count(*)::int FROM b) AS bid_moved,
                (SELECT count(*)::int FROM h) AS audited,
                (SELECT coalesce(json_agg(json_build_object('id', m.id, 'seq', m.seq)), '[]'::json) FROM m) AS milestone_ids,
                ${organizationNamesJsonSql(sql`SELECT unnest(${[...new Set(w.organizationIds)]}::uuid[])`)} AS organization_names
           FROM p`,
  );
  return row;
}

/** Statement texts prepared so far, by name; a text the map does not hold (beyond its bound) runs unnamed. */
const PREPARED = new Map<string, string>();
const MAX_PREPARED = 16;

/**
 * `runSql` as a named prepared statement on the transaction's connection: Postgres parses and
 * analyses the text once per connection (and, once its plan cache settles, plans it once) instead
 * of on every award — under the challenge's lock, where each award waits for the one before.
 * Errors come as TypeORM's `QueryFailedError`, as through `em.query`, so `pgErrorCode` and the
 * problem filter read them alike. Without a transaction's query runner it is `runSql`.
 */
async function runPrepared<T>(em: EntityManager, statement: Sql): Promise<T[]> {
  const runner = em.queryRunner as PostgresQueryRunner | undefined;
  const text = statement.text;
  let name = PREPARED.get(text);
  if (!name && PREPARED.size < MAX_PREPARED) PREPARED.set(text, (name = `awards_${PREPARED.size + 1}`));
  if (!runner?.isTransactionActive || !name) return runSql<T>(em, statement);
  const client = (await runner.connect()) as PoolClient;
  const values = [...statement.values];
  try {
    return (await client.query<T & object>({ name, text, values })).rows;
  } catch (err) {
    throw new QueryFailedError(text, values, err as Error);
  }
}
