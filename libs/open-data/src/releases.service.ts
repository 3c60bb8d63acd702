import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { notFound } from '@app/common/domain-error';
import { compileRelease, sortReleases } from './compile';
import { HORIZON_SQL, ORIGIN, Position, encodePosition } from './event-log';
import { OCDS_VERSION, RecordPackage, Release, ReleasePackage } from './ocds';
import { OPEN_DATA_CONFIG, OpenDataConfig } from './open-data.config';
import { EventRow, ReleaseAssembler } from './releases/release-builder';
import { RELEASE_BUILDERS } from './releases';

export interface ReleaseFilter {
  /** Only this challenge (from an ocid). */
  challengeId?: string;
  /** Only challenges of this industry (primary or secondary). */
  industry?: string;
}

export interface ReleasePage {
  releases: Release[];
  /** Where the next read starts: after the last event read. */
  next: Position;
  /** True when the page stopped at `limit` events: there may be more right now. */
  more: boolean;
}

/** Columns every builder may use: the ledger entry and the challenge's fields fixed at publication. */
const EVENT_COLUMNS = `
  e.xid::text AS xid, e.seq::text AS seq, e.challenge_id,
  a.id AS entry_id, a.action, a.subject_type, a.subject_id, a.before, a.after, a.recorded_at,
  c.title, c.summary, c.industry, c.secondary_industry, c.field, c.mechanism, c.track,
  c.budget_fen::text AS budget_fen, c.max_award_fen::text AS max_award_fen, c.parallel_slots, c.stages,
  c.objectives, c.eligibility, c.project_ends_at, c.zone, c.published_at, c.agency_id,
  o.name AS buyer_name, o.credit_code AS buyer_credit_code`;

const EVENT_FROM = `
  FROM open_data_events e
  JOIN audit_entries a ON a.id = e.audit_entry_id
  JOIN challenges c ON c.id = e.challenge_id
  LEFT JOIN users u ON u.id = c.agency_id
  LEFT JOIN organizations o ON o.id = u.organization_id`;

/** Events per query when streaming (bounded memory: one batch of rows and releases at a time). */
const STREAM_BATCH = 1000;

/**
 * OCDS releases built from the public-event log (see event-log.ts for the cursor) and the ledger.
 */
@Injectable()
export class ReleasesService {
  readonly assembler: ReleaseAssembler;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(OPEN_DATA_CONFIG) readonly config: OpenDataConfig,
  ) {
    this.assembler = new ReleaseAssembler(RELEASE_BUILDERS, config);
  }

  /** The events after `since`, up to `limit`, that are final (below the horizon). */
  private async events(since: Position, limit: number, filter: ReleaseFilter): Promise<EventRow[]> {
    // Only events some builder publishes, so `limit` counts releases.
    const params: unknown[] = [since.xid, since.seq, limit, this.assembler.actions];
    const where = [`(e.xid, e.seq) > ($1::xid8, $2::bigint)`, `e.xid < ${HORIZON_SQL}`, `e.action = ANY($4::text[])`];
    if (filter.challengeId) {
      params.push(filter.challengeId);
      where.push(`e.challenge_id = $${params.length}::uuid`);
    }
    if (filter.industry) {
      params.push(filter.industry);
      where.push(`(c.industry = $${params.length} OR c.secondary_industry = $${params.length})`);
    }
    return this.dataSource.query(
      `SELECT ${EVENT_COLUMNS} ${EVENT_FROM} WHERE ${where.join(' AND ')} ORDER BY e.xid, e.seq LIMIT $3`,
      params,
    );
  }

  async page(since: Position | undefined, limit: number, filter: ReleaseFilter = {}): Promise<ReleasePage> {
    const from = since ?? ORIGIN;
    const rows = await this.events(from, limit, filter);
    const releases = await this.assembler.build(this.dataSource, rows);
    const last = rows[rows.length - 1];
    return { releases, next: last ? { xid: last.xid, seq: last.seq } : from, more: rows.length === limit };
  }

  packageOf(releases: Release[], uri: string, next?: string): ReleasePackage {
    return {
      uri,
      version: OCDS_VERSION,
      extensions: [],
      publishedDate: new Date().toISOString(),
      publisher: this.config.publisher,
      ...(this.config.license ? { license: this.config.license } : {}),
      ...(this.config.publicationPolicy ? { publicationPolicy: this.config.publicationPolicy } : {}),
      releases,
      ...(next ? { links: { next } } : {}),
    };
  }

  /** The record of one challenge: every release so far and the compiled release. */
  async record(challengeId: string, uri: string): Promise<RecordPackage> {
    const releases: Release[] = [];
    let from = ORIGIN;
    for (;;) {
      const page = await this.page(from, 500, { challengeId });
      releases.push(...page.releases);
      from = page.next;
      if (!page.more) break;
    }
    const ocid = `${this.config.ocidPrefix}-${challengeId}`;
    if (!releases.length) throw notFound('open_data.record_not_found', `No published record has the ocid ${ocid}.`);
    const ordered = sortReleases(releases);
    const { releases: _r, ...pkg } = this.packageOf([], uri);
    return { ...pkg, records: [{ ocid, releases: ordered, compiledRelease: compileRelease(ordered) }] };
  }

  /**
   * Every release after `since`, one JSON document per line, read in keyset batches: memory holds
   * one batch at a time, and the stream pauses while the client is slow (backpressure).
   */
  stream(since: Position | undefined, filter: ReleaseFilter = {}): Readable {
    const lines = async function* (this: ReleasesService): AsyncGenerator<string> {
      let from = since ?? ORIGIN;
      for (;;) {
        const rows = await this.events(from, STREAM_BATCH, filter);
        if (!rows.length) return;
        const releases = await this.assembler.build(this.dataSource, rows);
        let chunk = '';
        for (const r of releases) chunk += `${JSON.stringify(r)}\n`;
        if (chunk) yield chunk;
        const last = rows[rows.length - 1];
        from = { xid: last.xid, seq: last.seq };
        if (rows.length < STREAM_BATCH) return;
      }
    };
    return Readable.from(lines.call(this), { objectMode: false, highWaterMark: 1 });
  }

  cursorOf(p: Position): string {
    return encodePosition(p);
  }
}
