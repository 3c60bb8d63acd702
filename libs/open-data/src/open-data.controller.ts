import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Public } from '@app/common/auth';
import { notFound } from '@app/common/domain-error';
import { ExportQuery, ReleasesQuery } from './dto/releases.query';
import { RecordPackageView, ReleasePackageView, StatsView } from './dto/views';
import { Position, decodePosition } from './event-log';
import { ReleasePackage, RecordPackage } from './ocds';
import { ReleaseFilter, ReleasesService } from './releases.service';
import { StatsService } from './stats.service';

const BASE = '/api/v1/open-data';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Public open data: OCDS 1.1 release and record packages, a bulk JSON Lines export and
 * statistics. Everything here is public by construction: releases come from public ledger entries
 * and challenge fields fixed at publication; bids are only ever counted.
 */
@ApiTags('open-data')
@Controller('open-data')
export class OpenDataController {
  constructor(
    private readonly releases: ReleasesService,
    private readonly stats: StatsService,
  ) {}

  @Public()
  @Get('ocds/releases')
  @ApiOperation({
    summary: 'OCDS 1.1 release package: one release per public event, oldest first.',
    description:
      'Follow `links.next` to read on. A feed has no last page: `links.next` is always present, and a page holding ' +
      'fewer events than `limit` means you have caught up — call its `links.next` again later for new releases. ' +
      'The cursor never skips or repeats a release, even while decisions commit concurrently; a release appears once ' +
      'every transaction that started before it has ended.',
  })
  @ApiOkResponse({ type: ReleasePackageView })
  async list(@Query() query: ReleasesQuery): Promise<ReleasePackage> {
    const since = query.since ? decodePosition(query.since) : undefined;
    const filter = this.filterOf(query.ocid, query.industry);
    const limit = query.limit ?? 100;
    const uri = this.url('/ocds/releases', {
      since: query.since,
      ocid: query.ocid,
      industry: query.industry,
      limit: query.limit,
    });
    if (filter === null) {
      // An ocid of another publisher: nothing of ours, and nothing ever will be.
      return this.releases.packageOf([], uri);
    }
    const page = await this.releases.page(since, limit, filter);
    const next = this.url('/ocds/releases', {
      since: this.releases.cursorOf(page.next),
      ocid: query.ocid,
      industry: query.industry,
      limit: query.limit,
    });
    return this.releases.packageOf(page.releases, uri, next);
  }

  @Public()
  @Get('ocds/releases.jsonl')
  @ApiProduces('application/x-ndjson')
  @ApiOperation({
    summary: 'Every release as JSON Lines (one release per line), streamed.',
    description:
      'For bulk download. Read in keyset batches from the database, so any number of releases streams in constant memory.',
  })
  @ApiOkResponse({ description: 'One OCDS release per line.' })
  export(@Query() query: ExportQuery, @Res() reply: FastifyReply): void {
    const since: Position | undefined = query.since ? decodePosition(query.since) : undefined;
    const filter = this.filterOf(undefined, query.industry) ?? {};
    void reply
      .header('content-type', 'application/x-ndjson; charset=utf-8')
      .header('content-disposition', 'attachment; filename="releases.jsonl"')
      .send(this.releases.stream(since, filter));
  }

  @Public()
  @Get('ocds/records/:ocid')
  @ApiOperation({ summary: 'OCDS 1.1 record package of one contracting process: its releases and the compiled release.' })
  @ApiOkResponse({ type: RecordPackageView })
  async record(@Param('ocid') ocid: string): Promise<RecordPackage> {
    const prefix = `${this.releases.config.ocidPrefix}-`;
    const challengeId = ocid.startsWith(prefix) ? ocid.slice(prefix.length) : '';
    if (!UUID.test(challengeId)) throw notFound('open_data.record_not_found', `No published record has the ocid ${ocid}.`);
    return this.releases.record(challengeId.toLowerCase(), this.url(`/ocds/records/${encodeURIComponent(ocid)}`, {}));
  }

  @Public()
  @Get('stats')
  @ApiOperation({
    summary:
      'Public statistics: challenges, bids (counts), awards and money awarded and paid, by industry, field, mechanism, track and year.',
  })
  @ApiOkResponse({ type: StatsView })
  statistics(): Promise<StatsView> {
    return this.stats.compute();
  }

  /** null: an ocid that is not ours. */
  private filterOf(ocid: string | undefined, industry: string | undefined): ReleaseFilter | null {
    const filter: ReleaseFilter = {};
    if (industry) filter.industry = industry;
    if (ocid) {
      const prefix = `${this.releases.config.ocidPrefix}-`;
      const id = ocid.startsWith(prefix) ? ocid.slice(prefix.length) : '';
      if (!UUID.test(id)) return null;
      filter.challengeId = id.toLowerCase();
    }
    return filter;
  }

  private url(path: string, params: Record<string, string | number | undefined>): string {
    const search = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== '') search.set(k, String(v));
    const qs = search.toString();
    return `${this.releases.config.baseUrl}${BASE}${path}${qs ? `?${qs}` : ''}`;
  }
}
