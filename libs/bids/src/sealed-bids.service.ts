import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { lockPublishedChallenge } from '@app/challenges';
import { AuthUser, Role } from '@app/common/auth';
import { DomainError } from '@app/common/domain-error';
import { decodeInstantIdCursor, encodeCursor } from '@app/common/http';
import { bidNotFound, conflictOfInterest } from './bid-errors';
import { viewsOf } from './bid-views';
import { ListBidsQuery } from './dto/review.dto';
import { BidListView, BidView } from './dto/views';
import { BidPageScope, BidRow, countLiveBids, readBid, readBidsPage } from './repositories/bids.repository';
import { isAssignedReviewer, isConflictedReviewer } from './reviewer-access';
import { accessToBid, seesAllBids } from './sealing';

/** Reading sealed bids: who may see which (sealing.ts) is decided here, by the database's clock. */
@Injectable()
export class SealedBidsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Before the deadline: a team sees its own bids, everyone else only the count. After: agency and reviewers see all. */
  async list(challengeId: string, q: ListBidsQuery, user: AuthUser | undefined): Promise<BidListView> {
    const em = this.dataSource.manager;
    const gate = await lockPublishedChallenge(em, challengeId, 'none');
    const n = await countLiveBids(em, challengeId);
    const assigned = await isAssignedReviewer(em, challengeId, user);
    const scope = seesAllBids(user, {
      unsealed: gate.unsealed,
      agencyOrganizationId: gate.agency_organization_id,
      assignedReviewer: assigned,
    });
    let pageScope: BidPageScope;
    if (scope === 'own') {
      if (!user || user.role !== Role.Team || !user.organizationId) return { items: [], count: n, nextCursor: null };
      pageScope = { organizationId: user.organizationId };
    } else {
      const unconflictedFor =
        scope === 'all_unconflicted' && user ? { reviewerId: user.id, organizationId: user.organizationId } : undefined;
      pageScope = { live: true, unconflictedFor };
    }
    const after = q.cursor ? decodeInstantIdCursor(q.cursor) : null;
    const limit = q.limit ?? 20;
    const rows = await readBidsPage(em, challengeId, pageScope, after, limit);
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: await viewsOf(em, page),
      count: n,
      nextCursor: rows.length > limit && last ? encodeCursor([last.cursor_at, last.id]) : null,
    };
  }

  /** One bid's contents, to whoever may read them (sealing.ts); 404 for everyone else, 403 for a conflicted reviewer. */
  async get(challengeId: string | null, bidId: string, user: AuthUser | undefined): Promise<BidView> {
    const em = this.dataSource.manager;
    const row = await readBid(em, bidId);
    if (!row || (challengeId !== null && row.challenge_id !== challengeId)) throw bidNotFound(bidId);
    await this.assertMayRead(em, row, user);
    return (await viewsOf(em, [row]))[0];
  }

  /** Throws unless `user` may read this bid's contents now. */
  async assertMayRead(
    em: EntityManager,
    bid: Pick<BidRow, 'id' | 'challenge_id' | 'organization_id'>,
    user: AuthUser | undefined,
  ): Promise<'owner' | 'agency' | 'reviewer' | 'auditor'> {
    const gate = await lockPublishedChallenge(em, bid.challenge_id, 'none').catch((err) => {
      throw err instanceof DomainError ? bidNotFound(bid.id) : err;
    });
    const assigned = await isAssignedReviewer(em, bid.challenge_id, user);
    const conflicted = assigned && user ? await isConflictedReviewer(em, bid.id, user) : false;
    const access = accessToBid(
      user,
      { organizationId: bid.organization_id },
      { unsealed: gate.unsealed, agencyOrganizationId: gate.agency_organization_id, assignedReviewer: assigned },
      conflicted,
    );
    if (access === 'conflicted') throw conflictOfInterest();
    if (access === 'none') throw bidNotFound(bid.id);
    return access;
  }
}
