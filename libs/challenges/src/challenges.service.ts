import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { AuthUser, Role } from '@app/common/auth';
import { Clock } from '@app/common/clock';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { conflict, forbidden, invalid, notFound } from '@app/common/domain-error';
import { decodeCursor, encodeCursor } from '@app/common/http';
import { loggableError } from '@app/common/problem/loggable-error';
import { JobName, JobScheduler, jobIds } from '@app/jobs';
import { ChallengeAction, assertAction } from './challenge-lifecycle';
import { assertChallenge, crossFieldErrors } from './challenge-rules';
import { changedFields, columnsOf, isRealInstant, specFromCreate, specFromPatch, specFromRow } from './challenge-spec';
import { CreateChallengeDto } from './dto/create-challenge.dto';
import { ExtendDeadlineDto } from './dto/deadline.dto';
import { ChallengeSort, ListChallengesQuery } from './dto/list-challenges.query';
import { UpdateChallengeDto } from './dto/update-challenge.dto';
import { returning } from './sql';
import { canSeeChallenge as canSee, challengeNotFound } from './repositories/challenge-lock.repository';
import {
  CHALLENGE_COLUMNS,
  CHALLENGE_JSON_COLUMNS,
  ChallengeJsonRow,
  ChallengeRow,
  ChallengeView,
  challengeJson,
} from './dto/views';

const SELECT_COLUMNS = CHALLENGE_COLUMNS.map((c) => `c.${c}`).join(', ');

/** A full-microsecond UTC text of an instant, for cursors (a JS Date keeps only milliseconds). */
const CURSOR_INSTANT = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);

@Injectable()
export class ChallengesService {
  private readonly logger = new Logger(ChallengesService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly scheduler: JobScheduler,
    private readonly audit: AuditService,
  ) {}

  // ---------------------------------------------------------------- reads

  async get(id: string, user: AuthUser | undefined): Promise<ChallengeView> {
    const rows: ChallengeRow[] = await this.dataSource.query(`SELECT ${SELECT_COLUMNS} FROM challenges c WHERE c.id = $1`, [id]);
    if (!rows[0] || !canSee(rows[0], user)) throw challengeNotFound(id);
    return ChallengeView.of(rows[0]);
  }

  /**
   * The public list. Keyset pagination on (sort key, id): rows inserted or published while a client
   * pages never make it skip or repeat a row it has not yet seen. The cursor keeps the sort key to
   * the microsecond (Postgres' precision), which a JS Date could not. Returns the page as JSON text
   * (`{items, nextCursor}`).
   */
  async list(query: ListChallengesQuery, user: AuthUser | undefined): Promise<string> {
    const params: unknown[] = [];
    const p = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (query.mine) {
      if (user?.role !== Role.Agency)
        throw forbidden('challenges.mine_for_agencies', 'mine=true lists an agency’s own challenges; sign in as an agency.');
      where.push(`c.agency_id = ${p(user.id)}`);
    } else if (user?.role === Role.Agency) {
      where.push(`(c.published_at IS NOT NULL OR c.agency_id = ${p(user.id)})`);
    } else if (user?.role !== Role.Admin) {
      where.push(`c.published_at IS NOT NULL`);
    }
    if (query.status) where.push(`c.status = ${p(query.status)}`);
    else if (!query.mine) where.push(`c.status <> 'draft'`);
    if (query.industry) {
      const v = p(query.industry);
      where.push(`(c.industry = ${v} OR c.secondary_industry = ${v})`);
    }
    if (query.field) where.push(`c.field = ${p(query.field)}`);
    if (query.mechanism) where.push(`c.mechanism = ${p(query.mechanism)}`);
    if (query.track) where.push(`c.track = ${p(query.track)}`);
    if (query.zone) where.push(`c.zone = ${p(query.zone)}`);
    if (query.minBudgetFen !== undefined) where.push(`c.budget_fen >= ${p(query.minBudgetFen)}`);
    if (query.maxBudgetFen !== undefined) where.push(`c.budget_fen <= ${p(query.maxBudgetFen)}`);
    if (query.deadlineAfter) where.push(`c.bid_deadline >= ${p(this.instant(query.deadlineAfter, 'deadlineAfter'))}`);
    if (query.deadlineBefore) where.push(`c.bid_deadline < ${p(this.instant(query.deadlineBefore, 'deadlineBefore'))}`);
    // Every word must occur (substring, case-insensitive). Three characters or more use the
    // trigram index; shorter words (two Chinese characters, say) are still matched, by a scan.
    const terms = (query.q ?? '').toLowerCase().split(/\s+/).filter(Boolean).slice(0, 8);
    for (const term of terms) where.push(`c.search_text LIKE ${p(`%${escapeLike(term)}%`)}`);

    const sort: ChallengeSort = query.sort ?? 'deadline';
    const [keyColumn, direction, op] = sort === 'deadline' ? ['c.bid_deadline', 'ASC', '>'] : ['c.created_at', 'DESC', '<'];
    if (query.cursor) {
      const [cursorSort, key, id] = decodeCursor(query.cursor, 3) as [string, string, string];
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
      where.push(`(${keyColumn}, c.id) ${op} (${p(key)}::timestamptz, ${p(id)}::uuid)`);
    }
    const limit = query.limit ?? 20;
    const sql =
      `SELECT ${CHALLENGE_JSON_COLUMNS('c')}, ${CURSOR_INSTANT(keyColumn)} AS cursor_key FROM challenges c` +
      (where.length ? ` WHERE ${where.join(' AND ')}` : '') +
      ` ORDER BY ${keyColumn} ${direction}, c.id ${direction} LIMIT ${limit + 1}`;
    const rows: (ChallengeJsonRow & { cursor_key: string })[] = await this.dataSource.query(sql, params);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > limit && last ? encodeCursor([sort, last.cursor_key, last.id]) : null;
    // Written straight to JSON (the same shape as ChallengeView.of): jsonb columns are embedded as
    // Postgres' text and instants come as epoch milliseconds, so nothing is parsed and re-serialised.
    return `{"items":[${items.map(challengeJson).join(',')}],"nextCursor":${JSON.stringify(nextCursor)}}`;
  }

  // ---------------------------------------------------------------- decisions

  async create(dto: CreateChallengeDto, user: AuthUser): Promise<ChallengeView> {
    const spec = specFromCreate(dto);
    assertChallenge(spec);
    const row = await this.dataSource.transaction(async (em) => {
      const cols = { ...columnsOf(spec), agency_id: user.id, status: 'draft' };
      const names = Object.keys(cols);
      const [created] = await returning<ChallengeRow>(
        em,
        `INSERT INTO challenges (${names.join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING ${CHALLENGE_COLUMNS.join(', ')}`,
        Object.values(cols),
      );
      await this.audit.record(em, {
        challengeId: created.id,
        actorId: user.id,
        action: 'challenge.created',
        subjectType: 'challenge',
        subjectId: created.id,
        after: { status: 'draft', title: created.title },
        public: false,
      });
      return created;
    });
    return ChallengeView.of(row);
  }

  async update(id: string, dto: UpdateChallengeDto, user: AuthUser): Promise<ChallengeView> {
    const row = await this.dataSource.transaction(async (em) => {
      const current = await this.lockOwned(em, id, user, 'edit');
      const before = specFromRow(current);
      const spec = specFromPatch(current, dto);
      assertChallenge(spec);
      const cols = columnsOf(spec);
      const names = Object.keys(cols);
      const [updated] = await returning<ChallengeRow>(
        em,
        `UPDATE challenges SET ${names.map((n, i) => `${n} = $${i + 2}`).join(', ')}, updated_at = now() WHERE id = $1 RETURNING ${CHALLENGE_COLUMNS.join(', ')}`,
        [id, ...Object.values(cols)],
      );
      const diff = changedFields(before, spec);
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
      return updated;
    });
    return ChallengeView.of(row);
  }

  async publish(id: string, user: AuthUser): Promise<ChallengeView> {
    const row = await this.dataSource.transaction(async (em) => {
      const current = await this.lockOwned(em, id, user, 'publish');
      const now = this.clock.now();
      assertChallenge(specFromRow(current), { now, minBidWindowMs: this.config.minBidWindowMs });
      const [updated] = await returning<ChallengeRow>(
        em,
        `UPDATE challenges SET status = 'published', published_at = $2, updated_at = now() WHERE id = $1 RETURNING ${CHALLENGE_COLUMNS.join(', ')}`,
        [id, now],
      );
      await this.audit.record(em, {
        challengeId: id,
        actorId: user.id,
        action: 'challenge.published',
        subjectType: 'challenge',
        subjectId: id,
        before: { status: 'draft' },
        after: { status: 'published', publishedAt: now.toISOString(), bidDeadline: updated.bid_deadline.toISOString() },
        public: true,
      });
      return updated;
    });
    // After the commit: a job that ran before it would find a draft and do nothing.
    await this.scheduleClose(row.id, row.bid_deadline);
    return ChallengeView.of(row);
  }

  async cancel(id: string, user: AuthUser, reason?: string): Promise<ChallengeView> {
    const row = await this.dataSource.transaction(async (em) => {
      const current = await this.lockOwned(em, id, user, 'cancel');
      const [updated] = await returning<ChallengeRow>(
        em,
        `UPDATE challenges SET status = 'cancelled', cancelled_at = now(), updated_at = now() WHERE id = $1 RETURNING ${CHALLENGE_COLUMNS.join(', ')}`,
        [id],
      );
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
    return ChallengeView.of(row);
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
          [{ field: 'bidDeadline', message: `must be later than the current deadline ${current.bid_deadline.toISOString()}` }],
        );
      }
      const spec = { ...specFromRow(current), bidDeadline: newDeadline };
      const errors = crossFieldErrors(spec);
      if (errors.length) throw invalid('challenges.invalid', errors.map((e) => `${e.field} ${e.message}`).join('; '), errors);
      return this.moveDeadline(em, current, newDeadline, user.id, dto.reason ?? null);
    });
    await this.scheduleClose(row.id, row.bid_deadline);
    return ChallengeView.of(row);
  }

  // ---------------------------------------------------------------- shared with questions

  /** Locks the row (FOR UPDATE); 404 if the caller may not see it, 403 if not theirs, 409 if the state forbids. */
  async lockOwned(em: EntityManager, id: string, user: AuthUser, action: ChallengeAction): Promise<ChallengeRow> {
    const [row]: ChallengeRow[] = await em.query(`SELECT ${SELECT_COLUMNS} FROM challenges c WHERE c.id = $1 FOR UPDATE`, [id]);
    if (!row || !canSee(row, user)) throw challengeNotFound(id);
    if (user.role !== Role.Agency || row.agency_id !== user.id) {
      throw forbidden('challenges.not_owner', 'Only the agency that published this challenge may do this.');
    }
    assertAction('owning_agency', row.status, action);
    return row;
  }

  /** 409 once the deadline has passed by the database's clock (the close job may not have run yet). */
  async assertBeforeDeadline(em: EntityManager, row: ChallengeRow): Promise<void> {
    const [{ open }] = await em.query(`SELECT $1::timestamptz > now() AS open`, [row.bid_deadline]);
    if (!open) {
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
    const [updated] = await returning<ChallengeRow>(
      em,
      `UPDATE challenges SET bid_deadline = $2, updated_at = now() WHERE id = $1 RETURNING ${CHALLENGE_COLUMNS.join(', ')}`,
      [current.id, to],
    );
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
