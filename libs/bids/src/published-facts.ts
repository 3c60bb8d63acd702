import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { LockedChallenge, challengeNotFound, readChallengeLocked } from '@app/challenges';
import { forbidden } from '@app/common/domain-error';
import { readOrganizationFacts } from '@app/identity';
import { OrgFacts } from './bid-rules';

/** A published challenge's terms: fixed once it is published (only status and deadline move, and the write statements re-check those). */
export type PublishedFacts = Pick<
  LockedChallenge,
  'id' | 'track' | 'budget_fen' | 'max_award_fen' | 'eligibility' | 'objectives' | 'project_ends_at' | 'required_bid_documents'
>;

const CACHE_LIMIT = 10_000;
const FACTS_TTL_MS = 60_000;

/**
 * Facts a bid is judged against that never change once published or registered, cached so a bid
 * write in the deadline rush reads them without a round trip.
 */
@Injectable()
export class PublishedFactsCache {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private readonly factsCache = new Map<string, { facts: PublishedFacts; until: number }>();
  private readonly orgCache = new Map<string, OrgFacts>();

  /** Terms of a published challenge; 404 for a draft or an unknown id. */
  async challenge(challengeId: string): Promise<PublishedFacts> {
    const hit = this.factsCache.get(challengeId);
    if (hit && hit.until > Date.now()) return hit.facts;
    const row = await readChallengeLocked(this.dataSource.manager, challengeId, 'none');
    if (!row || row.published_at === null) throw challengeNotFound(challengeId);
    const facts: PublishedFacts = {
      id: row.id,
      track: row.track,
      budget_fen: row.budget_fen,
      max_award_fen: row.max_award_fen,
      eligibility: row.eligibility,
      objectives: row.objectives,
      project_ends_at: row.project_ends_at,
      required_bid_documents: row.required_bid_documents,
    };
    if (this.factsCache.size >= CACHE_LIMIT) this.factsCache.clear();
    this.factsCache.set(challengeId, { facts, until: Date.now() + FACTS_TTL_MS });
    return facts;
  }

  /** An organisation's id, kind, credit code and name; 403 when it is not registered. */
  async organization(organizationId: string): Promise<OrgFacts> {
    const hit = this.orgCache.get(organizationId);
    if (hit) return hit;
    const row = await readOrganizationFacts(this.dataSource.manager, organizationId);
    if (!row) throw forbidden('bids.teams_only', 'Your organisation is not registered.');
    const org: OrgFacts = { id: row.id, kind: row.kind, creditCode: row.credit_code, name: row.name };
    if (this.orgCache.size >= CACHE_LIMIT) this.orgCache.clear();
    this.orgCache.set(organizationId, org);
    return org;
  }
}
