import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { AuthUser, Role } from '@app/common/auth';
import { Clock } from '@app/common/clock';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { conflict, forbidden, invalid } from '@app/common/domain-error';
import { decodeCursor, encodeCursor } from '@app/common/http';
import { loggableError } from '@app/common/problem';
import { SubjectDocument, readDocumentsOfSubjects, readSubjectDocuments } from '@app/documents';
import { FundingPolicy } from '@app/funding-rules';
import { JobName, JobScheduler, jobIds } from '@app/jobs';
import { awardWindowError } from '@app/policy';
import { CHALLENGE_SUBJECT_TYPE } from './challenge-document-access';
import { attachChallengeDocuments, documentsForAudit, documentsFrozen, touchesDocuments } from './challenge-documents';
import { ChallengeAction, assertAction } from './challenge-lifecycle';
import { assertChallenge, crossFieldErrors } from './challenge-rules';
import { changedFields, columnsOf, isRealInstant, specFromCreate, specFromPatch, specFromRow } from './challenge-spec';
import { CreateChallengeDto } from './dto/create-challenge.dto';
import { ExtendDeadlineDto } from './dto/deadline.dto';
import { ChallengeSort, ListChallengesQuery } from './dto/list-challenges.query';
import { UpdateChallengeDto } from './dto/update-challenge.dto';
import { ChallengeView, challengeDocumentsJson, challengeJson } from './dto/views';
import { PublishedDocuments } from './published-documents';
import {
  LockedChallenge,
  agencyOrganizationOf,
  canSeeChallenge,
  challengeNotFound,
  isChallengeOwner,
  notChallengeOwner,
  readChallengeLocked,
} from './repositories/challenge-lock.repository';
import {
  ChallengeJsonRow,
  ChallengeListFilter,
  ChallengeRow,
  ChallengeVisibility,
  findChallenge,
  insertChallenge,
  isAheadOfDbClock,
  listChallengesAsJsonRows,
  markChallengeCancelled,
  markChallengePublished,
  setBidDeadline,
  updateChallenge,
} from './repositories/challenges.repository';

@Injectable()
export class ChallengesService {
  private readonly logger = new Logger(ChallengesService.name);
  /** Ten thousand ids: about a megabyte when few carry documents. */
  private readonly publishedDocuments = new PublishedDocuments(10_000);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly scheduler: JobScheduler,
    private readonly audit: AuditService,
    private readonly fundingPolicy: FundingPolicy,
  ) {}

  // ---------------------------------------------------------------- reads

  async get(id: string, user: AuthUser | undefined): Promise<ChallengeView> {
    const row = await findChallenge(this.dataSource.manager, id);
    if (!row || !canSeeChallenge(row, user)) throw challengeNotFound(id);
    return this.view(this.dataSource.manager, row);
  }

  /** The view with the challenge's documents (read in `em`, the caller's transaction if any). */
  private async view(em: EntityManager, row: ChallengeRow, documents?: SubjectDocument[]): Promise<ChallengeView> {
    return ChallengeView.of(row, documents ?? (await readSubjectDocuments(em, CHALLENGE_SUBJECT_TYPE, row.id)));
  }

  /**
   * The public list. Keyset pagination on (sort key, id): rows inserted or published while a client
   * pages never make it skip or repeat a row it has not yet seen. The cursor keeps the sort key to
   * the microsecond (Postgres' precision), which a JS Date could not. Returns the page as JSON text
   * (`{items, nextCursor}`).
   */
  async list(query: ListChallengesQuery, user: AuthUser | undefined): Promise<string> {
    const filter = this.listFilter(query, user);
    const rows = await listChallengesAsJsonRows(this.dataSource.manager, filter);
    const items = rows.slice(0, filter.limit);
    const documents = await this.documentsJsonOf(items);
    const last = items[items.length - 1];
    const nextCursor = rows.length > filter.limit && last ? encodeCursor([filter.sort, last.cursor_key, last.id]) : null;
    // Written straight to JSON (the same shape as ChallengeView.of): jsonb columns are embedded as
    // Postgres' text and instants come as epoch milliseconds, so nothing is parsed and re-serialised.
    return `{"items":[${items.map((i) => challengeJson(i, documents.get(i.id) ?? '[]')).join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
  }

  /**
   * The page's documents as JSON, by challenge id: those of published challenges listed before from
   * memory (frozen, see PublishedDocuments), the rest in one indexed query.
   */
  private async documentsJsonOf(items: ChallengeJsonRow[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    const missing: ChallengeJsonRow[] = [];
    for (const item of items) {
      const json = item.published_at === null ? undefined : this.publishedDocuments.get(item.id);
      if (json === undefined) missing.push(item);
      else out.set(item.id, json);
    }
    if (!missing.length) return out;
    const read = await readDocumentsOfSubjects(
      this.dataSource.manager,
      CHALLENGE_SUBJECT_TYPE,
      missing.map((i) => i.id),
    );
    for (const item of missing) {
      const json = challengeDocumentsJson(read.get(item.id) ?? []);
      out.set(item.id, json);
      if (item.published_at !== null) this.publishedDocuments.set(item.id, json);
    }
    return out;
  }

  /** The query as a filter: who sees what, the validated instants and cursor, the search words. */
  private listFilter(query: ListChallengesQuery, user: AuthUser | undefined): ChallengeListFilter {
    const sort: ChallengeSort = query.sort ?? 'deadline';
    return {
      visibility: this.listVisibility(query, user),
      status: query.status,
      excludeDrafts: !query.status && !query.mine,
      industry: query.industry,
      field: query.field,
      mechanism: query.mechanism,
      track: query.track,
      zone: query.zone,
      minBudgetFen: query.minBudgetFen,
      maxBudgetFen: query.maxBudgetFen,
      deadlineAfter: query.deadlineAfter ? this.instant(query.deadlineAfter, 'deadlineAfter') : undefined,
      deadlineBefore: query.deadlineBefore ? this.instant(query.deadlineBefore, 'deadlineBefore') : undefined,
      // Every word must occur (substring, case-insensitive).
      terms: (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8),
      sort,
      after: query.cursor ? listCursor(query.cursor, sort) : undefined,
      limit: query.limit ?? 20,
    };
  }

  private listVisibility(query: ListChallengesQuery, user: AuthUser | undefined): ChallengeVisibility {
    if (query.mine) {
      if (user?.role !== Role.Agency)
        throw forbidden('challenges.mine_for_agencies', 'mine=true lists an agency’s own challenges; sign in as an agency.');
      return { kind: 'own', agencyOrganizationId: agencyOrganizationOf(user) };
    }
    // An agency user of no agency (taken out of one) still browses what is public.
    if (user?.role === Role.Agency && user.organizationId)
      return { kind: 'published_or_own', agencyOrganizationId: user.organizationId };
    return user?.role === Role.Admin ? { kind: 'all' } : { kind: 'published' };
  }

  // ---------------------------------------------------------------- decisions

  async create(dto: CreateChallengeDto, user: AuthUser): Promise<ChallengeView> {
    const spec = specFromCreate(dto);
    assertChallenge(spec);
    return this.dataSource.transaction(async (em) => {
      const created = await insertChallenge(em, {
        ...columnsOf(spec),
        required_bid_documents: dto.requiredBidDocuments ?? [],
        agency_id: user.id,
        agency_organization_id: agencyOrganizationOf(user),
        status: 'draft',
      });
      const documents = await attachChallengeDocuments(em, created.id, dto.documents, user);
      await this.audit.record(em, {
        challengeId: created.id,
        actorId: user.id,
        action: 'challenge.created',
        subjectType: 'challenge',
        subjectId: created.id,
        after: {
          status: 'draft',
          title: created.title,
          ...(created.required_bid_documents.length ? { requiredBidDocuments: created.required_bid_documents } : {}),
          ...(documents.length ? { documents: documentsForAudit(documents) } : {}),
        },
        public: false,
      });
      return this.view(em, created, documents);
    });
  }

  async update(id: string, dto: UpdateChallengeDto, user: AuthUser): Promise<ChallengeView> {
    return this.dataSource.transaction(async (em) => {
      // A change of documents after publication has its own code (the rest of a published challenge is wrong_state).
      const current = await this.lockOwned(em, id, user, 'edit', touchesDocuments(dto) ? documentsFrozen : undefined);
      const before = specFromRow(current);
      const spec = specFromPatch(current, dto);
      assertChallenge(spec);
      const required = dto.requiredBidDocuments;
      const updated = await updateChallenge(em, id, {
        ...columnsOf(spec),
        ...(required ? { required_bid_documents: required } : {}),
      });
      const beforeDocs = dto.documents?.length ? await readSubjectDocuments(em, CHALLENGE_SUBJECT_TYPE, id) : undefined;
      const documents = await attachChallengeDocuments(em, id, dto.documents, user);
      const diff = changedFields(before, spec);
      if (required && required.join() !== current.required_bid_documents.join()) {
        diff.before.requiredBidDocuments = current.required_bid_documents;
        diff.after.requiredBidDocuments = required;
      }
      const added = documents.filter((d) => beforeDocs && !beforeDocs.some((b) => b.id === d.id));
      if (added.length) diff.after.documentsAdded = documentsForAudit(added);
      if (Object.keys(diff.after).length) {
        await this.audit.record(em, {
          challengeId: id,
          actorId: user.id,
          action: 'challenge.updated',
          subjectType: 'challenge',
          subjectId: id,
          before: diff.before,
          after: diff.after,
          public: false,
        });
      }
      return this.view(em, updated, documents);
    });
  }

  async publish(id: string, user: AuthUser): Promise<ChallengeView> {
    const view = await this.dataSource.transaction(async (em) => {
      const current = await this.lockOwned(em, id, user, 'publish');
      const now = this.clock.now();
      assertChallenge(specFromRow(current), { now, minBidWindowMs: this.config.minBidWindowMs });
      // Clause 24 (二十四): awards come after the deadline; one past the measures' end could grant nothing.
      const windowError = awardWindowError(current.bid_deadline, this.fundingPolicy.settings);
      if (windowError) throw windowError;
      const updated = await markChallengePublished(em, id, now);
      const documents = await readSubjectDocuments(em, CHALLENGE_SUBJECT_TYPE, id);
      await this.audit.record(em, {
        challengeId: id,
        actorId: user.id,
        action: 'challenge.published',
        subjectType: 'challenge',
        subjectId: id,
        before: { status: 'draft' },
        after: {
          status: 'published',
          publishedAt: now.toISOString(),
          bidDeadline: updated.bid_deadline.toISOString(),
          // The public ledger commits to the files published with the call (their SHA-256).
          ...(updated.required_bid_documents.length ? { requiredBidDocuments: updated.required_bid_documents } : {}),
          ...(documents.length ? { documents: documentsForAudit(documents) } : {}),
        },
        public: true,
      });
      return this.view(em, updated, documents);
    });
    // After the commit: a job that ran before it would find a draft and do nothing.
    await this.scheduleClose(view.id, new Date(view.bidDeadline));
    return view;
  }

  async cancel(id: string, user: AuthUser, reason?: string): Promise<ChallengeView> {
    const row = await this.dataSource.transaction(async (em) => {
      const current = await this.lockOwned(em, id, user, 'cancel');
      const updated = await markChallengeCancelled(em, id);
      await this.audit.record(em, {
        challengeId: id,
        actorId: user.id,
        action: 'challenge.cancelled',
        subjectType: 'challenge',
        subjectId: id,
        before: { status: current.status },
        after: { status: 'cancelled', ...(reason ? { reason } : {}) },
        // A draft was never public; its cancellation is not either.
        public: current.published_at !== null,
      });
      return updated;
    });
    await this.scheduler.cancel(JobName.ChallengeClose, jobIds.challengeClose(id)).catch((err) => {
      this.logger.warn(
        { err: loggableError(err), challengeId: id },
        'could not remove the close job; it will find the challenge cancelled',
      );
    });
    return this.view(this.dataSource.manager, row);
  }

  /** Later only, and only while the current deadline has not passed (by the database's clock). */
  async extendDeadline(id: string, dto: ExtendDeadlineDto, user: AuthUser): Promise<ChallengeView> {
    const newDeadline = this.instant(dto.bidDeadline, 'bidDeadline');
    const row = await this.dataSource.transaction(async (em) => {
      const current = await this.lockOwned(em, id, user, 'extend_deadline');
      await this.assertBeforeDeadline(em, current);
      if (newDeadline.getTime() <= current.bid_deadline.getTime()) {
        throw invalid(
          'challenges.deadline_not_later',
          `bidDeadline must be later than the current deadline ${current.bid_deadline.toISOString()}`,
          [
            {
              field: 'bidDeadline',
              message: `must be later than the current deadline ${current.bid_deadline.toISOString()}`,
              constraint: { name: 'laterThanDeadline', args: [current.bid_deadline.toISOString()] },
            },
          ],
        ).withParams({ currentDeadline: current.bid_deadline.toISOString() });
      }
      const spec = { ...specFromRow(current), bidDeadline: newDeadline };
      const errors = crossFieldErrors(spec);
      if (errors.length) throw invalid('challenges.invalid', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
      return this.moveDeadline(em, current, newDeadline, user.id, dto.reason ?? null);
    });
    await this.scheduleClose(row.id, row.bid_deadline);
    return this.view(this.dataSource.manager, row);
  }

  // ---------------------------------------------------------------- shared with questions

  /**
   * Locks the row (FOR UPDATE); 404 if the caller may not see it, 403 if not theirs, 409 if the state
   * forbids (`notDraft`, when given, is the 409 for anything but a draft).
   */
  async lockOwned(
    em: EntityManager,
    id: string,
    user: AuthUser,
    action: ChallengeAction,
    notDraft?: (status: string) => Error,
  ): Promise<LockedChallenge> {
    const row = await readChallengeLocked(em, id, 'FOR UPDATE');
    if (!row || !canSeeChallenge(row, user)) throw challengeNotFound(id);
    if (!isChallengeOwner(row, user)) throw notChallengeOwner();
    if (notDraft && row.status !== 'draft') throw notDraft(row.status);
    assertAction('owning_agency', row.status, action);
    return row;
  }

  /** 409 once the deadline has passed by the database's clock (the close job may not have run yet). */
  async assertBeforeDeadline(em: EntityManager, row: ChallengeRow): Promise<void> {
    if (!(await isAheadOfDbClock(em, row.bid_deadline))) {
      throw conflict('challenges.deadline_passed', `The bid deadline ${row.bid_deadline.toISOString()} has passed.`, {
        bidDeadline: row.bid_deadline.toISOString(),
      });
    }
  }

  /** Writes the new deadline and its audit entry in the caller's transaction. */
  async moveDeadline(
    em: EntityManager,
    current: ChallengeRow,
    to: Date,
    actorId: string,
    reason: string | null,
  ): Promise<ChallengeRow> {
    const updated = await setBidDeadline(em, current.id, to);
    await this.audit.record(em, {
      challengeId: current.id,
      actorId,
      action: 'challenge.deadline_extended',
      subjectType: 'challenge',
      subjectId: current.id,
      before: { bidDeadline: current.bid_deadline.toISOString() },
      after: { bidDeadline: to.toISOString(), ...(reason ? { reason } : {}) },
      public: true,
    });
    return updated;
  }

  /** Schedules (or moves) the close job; if Redis is away the reconcile job will do it. */
  async scheduleClose(challengeId: string, bidDeadline: Date): Promise<void> {
    await this.scheduler.trySchedule(
      JobName.ChallengeClose,
      { challengeId },
      { jobId: jobIds.challengeClose(challengeId), runAt: bidDeadline },
    );
  }

  private instant(value: string, field: string): Date {
    const d = new Date(value);
    if (!isRealInstant(value) || Number.isNaN(d.getTime()))
      throw invalid('validation_failed', `${field} is not a valid date`, [{ field, message: 'is not a valid date' }]);
    return d;
  }
}

/** The keyset position a list cursor carries, refused unless this API issued it for this sort. */
function listCursor(cursor: string, sort: ChallengeSort): { key: string; id: string } {
  const [cursorSort, key, id] = decodeCursor(cursor, 3) as [string, string, string];
  if (
    cursorSort !== sort ||
    typeof key !== 'string' ||
    typeof id !== 'string' ||
    !/^[0-9a-f-]{36}$/i.test(id) ||
    Number.isNaN(Date.parse(key))
  ) {
    throw invalid('invalid_cursor', 'The cursor is not one this API issued for this sort.', [
      { field: 'cursor', message: 'is not a valid cursor' },
    ]);
  }
  return { key, id };
}
