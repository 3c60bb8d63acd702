import { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { notFound } from '@app/common/domain-error';
import { compileRelease, sortReleases } from './compile';
import { ORIGIN, Position, encodePosition } from './event-log';
import { jiebangExtensionUrl } from './jiebang-extension';
import { ENQUIRIES_EXTENSION, OCDS_VERSION, PAGINATION_EXTENSION, RecordPackage, Release, ReleasePackage } from './ocds';
import { OPEN_DATA_CONFIG, OpenDataConfig } from './open-data.config';
import { poolReader } from './pool-reader';
import { EventRow, ReleaseFilter, finalEventsAfter, hasPublicEvents } from './repositories/open-data-events.repository';
import { ReleaseAssembler } from './releases/release-builder';
import { RELEASE_BUILDERS } from './releases';

export type { ReleaseFilter } from './repositories/open-data-events.repository';

export interface ReleasePage {
  releases: Release[];
  /** Where the next read starts: after the last event read. */
  next: Position;
  /** True when the page stopped at `limit` events: there may be more right now. */
  more: boolean;
}

/**
 * The batch as JSON Lines, UTF-8, written straight into one Buffer. Concatenating the lines into
 * one string first would make V8 flatten a ~1 MB string per batch — allocated in the large-object
 * (old) space, garbage at once, and collected only by full GCs: measured, that grew the api's
 * heap by 60–110 MB per 100,000 releases. Each line here is a small, short-lived string, and the
 * Buffer's memory is outside the heap and freed as soon as the socket has written it.
 */
function toLines(releases: Release[]): Buffer {
  const lines = releases.map((r) => JSON.stringify(r));
  let size = lines.length;
  for (const line of lines) size += Buffer.byteLength(line);
  const out = Buffer.allocUnsafe(size);
  let at = 0;
  for (const line of lines) {
    at += out.write(line, at);
    out[at++] = 0x0a;
  }
  return out;
}

/** Events per query when streaming (bounded memory: one batch of rows and releases at a time). */
const STREAM_BATCH = 500;

/**
 * OCDS releases built from the public-event log (see event-log.ts for the cursor) and the ledger.
 */
@Injectable()
export class ReleasesService {
  readonly assembler: ReleaseAssembler;
  /** Reads go straight to the pg pool TypeORM already owns: see pool-reader.ts. */
  private readonly db: EntityManager;

  constructor(
    @InjectDataSource() dataSource: DataSource,
    @Inject(OPEN_DATA_CONFIG) readonly config: OpenDataConfig,
  ) {
    this.assembler = new ReleaseAssembler(RELEASE_BUILDERS, config);
    this.db = poolReader(dataSource);
  }

  /** The events after `since`, up to `limit`, that are final (below the horizon). */
  private events(since: Position, limit: number, filter: ReleaseFilter): Promise<EventRow[]> {
    // Only events some builder publishes, so `limit` counts releases.
    return finalEventsAfter(this.db, since, limit, this.assembler.actions, filter);
  }

  /**
   * Up to `limit` releases after `since`. An event a builder turns down (rare: e.g. a gate that
   * stopped nobody) publishes nothing; the page then reads on, so that a short page always means
   * "caught up for now".
   */
  async page(since: Position | undefined, limit: number, filter: ReleaseFilter = {}): Promise<ReleasePage> {
    let next = since ?? ORIGIN;
    const releases: Release[] = [];
    for (;;) {
      const want = limit - releases.length;
      const rows = await this.events(next, want, filter);
      releases.push(...(await this.assembler.build(this.db, rows)));
      if (rows.length) next = { xid: rows[rows.length - 1].xid, seq: rows[rows.length - 1].seq };
      if (rows.length < want) return { releases, next, more: false };
      if (releases.length >= limit) return { releases, next, more: true };
    }
  }

  /**
   * A release package. With no release (a caught-up page), `releases` is left out rather than
   * sent empty: OCDS requires `minItems: 1`, and the declared Pagination extension makes the
   * package's fields optional — the page is then a valid package that only says where to read next.
   */
  packageOf(releases: Release[], uri: string, next?: string): ReleasePackage {
    return {
      ...this.metadata(uri, [PAGINATION_EXTENSION]),
      ...(releases.length ? { releases } : {}),
      ...(next ? { links: { next } } : {}),
    };
  }

  /** What every package starts with; `extensions` lists every extension whose fields it may carry. */
  private metadata(uri: string, more: string[] = []): Omit<ReleasePackage, 'releases' | 'links'> {
    return {
      uri,
      version: OCDS_VERSION,
      extensions: [...more, ENQUIRIES_EXTENSION, jiebangExtensionUrl(this.config.baseUrl)],
      publishedDate: new Date().toISOString(),
      publisher: this.config.publisher,
      ...(this.config.license ? { license: this.config.license } : {}),
      ...(this.config.publicationPolicy ? { publicationPolicy: this.config.publicationPolicy } : {}),
    };
  }

  /**
   * Whether a challenge is a contracting process of ours: it has public events (it was published).
   * Drafts, unknown ids and challenges never published have none.
   */
  isPublished(challengeId: string): Promise<boolean> {
    return hasPublicEvents(this.db, challengeId);
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
    if (!releases.length)
      throw notFound('open_data.record_not_found', `No published record has the ocid ${ocid}.`).withParams({ ocid });
    const ordered = sortReleases(releases);
    return { ...this.metadata(uri), records: [{ ocid, releases: ordered, compiledRelease: compileRelease(ordered) }] };
  }

  /**
   * Every release after `since`, one JSON document per line, read in keyset batches: memory holds
   * one batch at a time, and the stream pauses while the client is slow (backpressure).
   */
  stream(since: Position | undefined, filter: ReleaseFilter = {}): Readable {
    const lines = async function* (this: ReleasesService): AsyncGenerator<Buffer> {
      // One batch ahead: the database reads batch n+1 while this process builds and sends batch n.
      let pending: Promise<EventRow[]> | null = this.events(since ?? ORIGIN, STREAM_BATCH, filter);
      try {
        while (pending) {
          const rows: EventRow[] = await pending;
          pending = null;
          if (!rows.length) return;
          const last = rows[rows.length - 1];
          if (rows.length === STREAM_BATCH) pending = this.events({ xid: last.xid, seq: last.seq }, STREAM_BATCH, filter);
          const releases = await this.assembler.build(this.db, rows);
          if (releases.length) yield toLines(releases);
        }
      } finally {
        // The client went away mid-stream: the batch read ahead is not wanted (nor its error).
        pending?.catch(() => undefined);
      }
    };
    return Readable.from(lines.call(this), { objectMode: false, highWaterMark: 1 });
  }

  cursorOf(p: Position): string {
    return encodePosition(p);
  }
}
