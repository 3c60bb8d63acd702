import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { lockPublishedChallenge } from '@app/challenges';
import { AuthUser, Role } from '@app/common/auth';
import { DomainError, conflict, forbidden, notFound } from '@app/common/domain-error';
import { ConsentAnswer, answerChanges, answerRefusal } from './consortium-consent-rules';
import { ConsentRequestListView, ConsentRequestView } from './dto/consent';
import {
  ConsentRequestRow,
  answerConsent,
  lockConsentForAnswer,
  readConsentRequest,
  readConsentRequests,
} from './repositories/bid-consents.repository';

const requestNotFound = (id: string) => notFound('bids.consent_not_found', `No consent request ${id} that you may see.`);

/** The 409 of an answer refused by `answerRefusal` (codes written out, so the wording catalog finds them). */
const refusalError = (code: string): DomainError =>
  code === 'bids.consent_closed'
    ? conflict(
        'bids.consent_closed',
        'The bid deadline has passed (or the challenge no longer takes bids); consent can no longer be given or withdrawn.',
      )
    : conflict('bids.consent_bid_not_submitted', 'The bid is no longer submitted; there is nothing to answer.');

/**
 * Who answers for a member organisation: its team users. The identity library models no separate
 * organisation-admin flag: every team user of an applicant organisation acts for it (bids, replaces
 * and withdraws for it), and accepting a place in a consortium is the same authority.
 */
function memberOrganization(user: AuthUser): string {
  if (user.role !== Role.Team || !user.organizationId) {
    throw forbidden('bids.consent_members_only', 'Only a team user of the member organisation answers its consent requests.');
  }
  return user.organizationId;
}

function viewOf(r: ConsentRequestRow): ConsentRequestView {
  return {
    id: r.id,
    bidId: r.bid_id,
    challengeId: r.challenge_id,
    challengeTitle: r.challenge_title,
    bidDeadline: r.bid_deadline.toISOString(),
    leadOrganizationId: r.lead_organization_id,
    leadOrganizationName: r.lead_organization_name,
    role: 'member',
    sharePercent: r.share_percent,
    state: r.state,
    reason: r.reason,
    askedAt: r.asked_at.toISOString(),
    decidedAt: r.decided_at ? r.decided_at.toISOString() : null,
    answerable: answerRefusal({ challengeOpen: r.challenge_open, bidStatus: r.bid_status }) === undefined,
  };
}

/**
 * Consent requests, as the member organisation sees and answers them. Each answer that changes the
 * state is an audited decision (`bid.consent_accepted` / `bid.consent_declined`, sealed like every
 * `bid.` entry until the deadline), written with the answer in one transaction that holds the
 * challenge FOR SHARE (so the close, which opens the bids, waits for it and it for the close) and
 * judges the deadline by the database's clock.
 */
@Injectable()
export class ConsentsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async list(user: AuthUser): Promise<ConsentRequestListView> {
    const rows = await readConsentRequests(this.dataSource.manager, memberOrganization(user));
    return { items: rows.map(viewOf), nextCursor: null };
  }

  async get(id: string, user: AuthUser): Promise<ConsentRequestView> {
    const row = await readConsentRequest(this.dataSource.manager, id, memberOrganization(user));
    if (!row) throw requestNotFound(id);
    return viewOf(row);
  }

  async answer(id: string, answer: ConsentAnswer, reason: string | null, user: AuthUser): Promise<ConsentRequestView> {
    const organizationId = memberOrganization(user);
    await this.dataSource.transaction(async (em) => {
      const request = await readConsentRequest(em, id, organizationId);
      if (!request) throw requestNotFound(id);
      const { challenge_id: challengeId, bid_id: bidId } = request;
      const gate = await lockPublishedChallenge(em, challengeId, 'FOR SHARE');
      const locked = await lockConsentForAnswer(em, id);
      if (!locked) throw requestNotFound(id); // removed by a new version of the bid meanwhile
      const refusal = answerRefusal({ challengeOpen: gate.open, bidStatus: locked.bid_status });
      if (refusal) throw refusalError(refusal);
      if (!answerChanges(locked.state, answer)) return;
      await answerConsent(em, id, { state: answer, reason: answer === 'declined' ? reason : null, decidedBy: user.id });
      await this.audit.record(em, {
        challengeId,
        actorId: user.id,
        action: answer === 'accepted' ? 'bid.consent_accepted' : 'bid.consent_declined',
        subjectType: 'bid',
        subjectId: bidId,
        before: { organizationId, consent: locked.state },
        // The reason stays in bid_consents (the lead reads it there); the ledger says only that one was given.
        after: { organizationId, consent: answer, ...(answer === 'declined' ? { reasonGiven: reason !== null } : {}) },
        public: false,
      });
    });
    return this.get(id, user);
  }
}
