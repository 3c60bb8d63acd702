import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { lockPublishedChallenge } from '@app/challenges';
import { AuthUser } from '@app/common/auth';
import { conflict, invalid } from '@app/common/domain-error';
import { KeyRing } from '@app/documents';
import { assertOpen, teamOrganization } from '../bid-errors';
import { BidDraftDto, BidDraftListView, BidDraftStateView, BidDraftView } from '../dto/draft';
import { deleteBidDraft, readBidDraft, readDraftsOfOrganization, upsertBidDraft } from '../repositories/bid-drafts.repository';
import { draftBytes, draftContent } from './draft-rules';
import { DraftSealBroken, draftScope, openDraft, sealDraft } from './draft-seal';

/**
 * Bid drafts: a team saves its unfinished bid while the challenge is open, sealed at rest and
 * readable by its own organisation only. Not audited: a draft decides nothing and is no bid (the
 * ledger records bids and their receipts). Sealing runs outside the transaction.
 */
@Injectable()
export class BidDraftsService {
  private readonly logger = new Logger(BidDraftsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly keys: KeyRing,
  ) {}

  async get(challengeId: string, user: AuthUser): Promise<BidDraftStateView> {
    const organizationId = teamOrganization(user);
    const em = this.dataSource.manager;
    const gate = await lockPublishedChallenge(em, challengeId, 'none');
    const row = gate.open ? await readBidDraft(em, challengeId, organizationId) : undefined;
    if (!row) return { draft: null };
    const scope = draftScope(challengeId, organizationId);
    let content: Record<string, unknown>;
    try {
      content = draftContent(openDraft(this.keys, scope, { keyId: row.key_id, wrappedKey: row.wrapped_key, sealed: row.sealed }));
    } catch (err) {
      if (!(err instanceof DraftSealBroken)) throw err;
      // Never the content: only which draft and why.
      this.logger.warn({ challengeId, organizationId, reason: err.message }, 'a bid draft does not open');
      throw conflict('bids.draft_unreadable', 'Your saved draft can no longer be opened; fill in the form and save it again.');
    }
    return { draft: { challengeId, content, savedAt: row.saved_at.toISOString(), savedByName: row.saved_by_name } };
  }

  async save(challengeId: string, dto: BidDraftDto, user: AuthUser): Promise<BidDraftView> {
    const organizationId = teamOrganization(user);
    const judged = draftBytes(dto.content);
    if ('error' in judged) throw invalid('bids.draft_invalid', 'The draft is not valid.', [judged.error]);
    const sealed = sealDraft(this.keys, draftScope(challengeId, organizationId), judged.bytes);
    const savedAt = await this.dataSource.transaction(async (em) => {
      // FOR SHARE: the close (FOR UPDATE) waits for this save, then deletes every draft.
      assertOpen(await lockPublishedChallenge(em, challengeId, 'FOR SHARE'));
      return upsertBidDraft(em, { challengeId, organizationId, ...sealed, savedBy: user.id });
    });
    return { challengeId, content: dto.content, savedAt: savedAt.toISOString(), savedByName: user.displayName };
  }

  /** Idempotent: discarding a draft that is not there is done already. */
  async discard(challengeId: string, user: AuthUser): Promise<void> {
    const organizationId = teamOrganization(user);
    await this.dataSource.transaction(async (em) => {
      await lockPublishedChallenge(em, challengeId, 'FOR SHARE');
      await deleteBidDraft(em, challengeId, organizationId);
    });
  }

  async list(user: AuthUser): Promise<BidDraftListView> {
    const organizationId = teamOrganization(user);
    const rows = await readDraftsOfOrganization(this.dataSource.manager, organizationId);
    return {
      items: rows.map((r) => ({
        challengeId: r.challenge_id,
        challengeTitle: r.challenge_title,
        bidDeadline: r.bid_deadline.toISOString(),
        savedAt: r.saved_at.toISOString(),
        savedByName: r.saved_by_name,
      })),
    };
  }
}
