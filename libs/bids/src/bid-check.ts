import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '@app/common/clock';
import { conflict, invalid } from '@app/common/domain-error';
import { fen, fenOrNull, sql } from '@app/database';
import { FundingPolicy } from '@app/funding-rules';
import { readOrganizationsByCreditCodes } from '@app/identity';
import { BidInput, ChallengeFacts, ConsortiumEntryInput, OrgFacts, bidShapeErrors, consortiumErrors } from './bid-rules';
import type { PublishedFacts } from './published-facts';
import { inOtherLiveBidSql } from './repositories/bid-participants.repository';

/** The rule of `@app/policy` a track's requests are judged by. */
const RULE_OF_TRACK = { core_tech: 'art4.core_tech', pm_major: 'art4.pm_major' } as const;

/** The consortium as checked: trimmed credit codes, and the registered organisation of each. */
export interface CheckedConsortium {
  consortium: ConsortiumEntryInput[];
  registered: Map<string, OrgFacts>;
}

/** Everything about a bid that can be judged before its write transaction (the challenge's terms are fixed once published). */
@Injectable()
export class BidChecker {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly fundingPolicy: FundingPolicy,
    private readonly clock: Clock,
  ) {}

  /** Funding rules (422), then the bid's shape and consortium (400), then other bids' consortia (409). */
  async check(facts: PublishedFacts, input: BidInput, lead: OrgFacts, ownBidId: string | null): Promise<CheckedConsortium> {
    this.fundingPolicy.assertRequest(RULE_OF_TRACK[facts.track], {
      baseFen: input.totalInvestmentFen,
      requestedFen: input.requestedFundingFen,
      // One bid's request is bounded by the challenge's budget and, where set, its per-award
      // maximum (never above the budget, by a CHECK); each is named in the refusal.
      remainingBudgetFen: fen(facts.budget_fen),
      maxAwardFen: fenOrNull(facts.max_award_fen),
    });
    const challenge: ChallengeFacts = {
      objectives: facts.objectives,
      eligibility: facts.eligibility,
      projectEndsAt: facts.project_ends_at,
    };
    const consortium = input.consortium.map((c) => ({ ...c, creditCode: c.creditCode.trim().toUpperCase() }));
    const { registered, taken } = await this.members(facts, consortium, lead, ownBidId);
    const errors = [
      ...bidShapeErrors(input, challenge, this.clock.now()),
      ...consortiumErrors(consortium, challenge, lead, registered),
    ];
    if (errors.length) {
      throw invalid('bids.invalid', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
    }
    // A friendly 409 naming the organisation; the unique index is what makes it race-free.
    const takenCodes = consortium.map((c) => c.creditCode).filter((code) => taken.has(code));
    if (takenCodes.length) {
      throw conflict(
        'bids.member_in_another_bid',
        `Consortium member ${takenCodes[0]} already takes part in another live bid on this challenge; an organisation takes part in one bid per challenge.`,
        { creditCodes: takenCodes },
      );
    }
    return { consortium, registered };
  }

  /** The members, and whether each already takes part in another live bid on this challenge (one statement). */
  private async members(
    facts: PublishedFacts,
    consortium: ConsortiumEntryInput[],
    lead: OrgFacts,
    ownBidId: string | null,
  ): Promise<{ registered: Map<string, OrgFacts>; taken: Set<string> }> {
    const registered = new Map<string, OrgFacts>();
    const taken = new Set<string>();
    const others = consortium.map((c) => c.creditCode).filter((code) => code !== lead.creditCode);
    if (others.length && facts.eligibility.consortiumAllowed) {
      const rows = await readOrganizationsByCreditCodes<{ taken: boolean }>(
        this.dataSource.manager,
        others,
        sql`${inOtherLiveBidSql('o', facts.id, ownBidId)} AS taken`,
      );
      for (const r of rows) {
        registered.set(r.credit_code, { id: r.id, kind: r.kind, creditCode: r.credit_code, name: r.name });
        if (r.taken) taken.add(r.credit_code);
      }
    }
    registered.set(lead.creditCode, lead);
    return { registered, taken };
  }
}
