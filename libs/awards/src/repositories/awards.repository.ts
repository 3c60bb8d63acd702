import { EntityManager } from 'typeorm';
import { UnchainedEntry, appendOnHeadCtes } from '@app/audit';
import { BidForAwardRow, markBidAwardedCte, readBidForAward } from '@app/bids';
import { addAwardToChallengeCte } from '@app/challenges';
import { RowOf, runSql, sql } from '@app/database';
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
  /** The ledger entry, appended onto the challenge chain's head (locked, numbered and hashed by the statement). */
  entry: UnchainedEntry;
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
 * under the challenge row lock the caller holds; the statement itself locks the chain's head.
 */
export async function writeAward(em: EntityManager, w: AwardWrite): Promise<AwardWritten> {
  const [row] = await runSql<AwardWritten>(
    em,
    sql`WITH ${insertProjectCte('p', w.project)},
         ${insertProjectMilestonesCte('m', 'p', w.milestones)},
         ${addAwardToChallengeCte('c', w.project.challengeId, w.project.grantedFen, w.slots)},
         ${markBidAwardedCte('b', w.project.bidId)},
         ${appendOnHeadCtes(w.entry, 'award_ledger')}
         SELECT p.id, p.publicity_ends_at, p.created_at,
                (SELECT status FROM c) AS challenge_status, (SELECT awarded_fen FROM c) AS awarded_fen,
                (SELECT awarded_count FROM c) AS awarded_count, (SELECT count(*)::int FROM b) AS bid_moved,
                (SELECT count(*)::int FROM award_ledger_moved) AS audited,
                (SELECT coalesce(json_agg(json_build_object('id', m.id, 'seq', m.seq)), '[]'::json) FROM m) AS milestone_ids,
                ${organizationNamesJsonSql(sql`SELECT unnest(${[...new Set(w.organizationIds)]}::uuid[])`)} AS organization_names
           FROM p`,
  );
  return row;
}
