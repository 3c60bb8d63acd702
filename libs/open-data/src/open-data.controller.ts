import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { FastifyReply } from 'fastify';
import { Public } from '@app/common/auth';
import { notFound } from '@app/common/domain-error';
import { EvaluationsService, ProgrammeQuery, PublicEvaluationView } from '@app/evaluations';
import { ExportQuery, ReleasesQuery } from './dto/releases.query';
import { RecordPackageView, ReleasePackageView, StatsView } from './dto/views';
import { Position, decodePosition } from './event-log';
import { JIEBANG_EXTENSION_PATH, JIEBANG_RELEASE_SCHEMA_PATCH, jiebangExtensionJson } from './jiebang-extension';
import { ReleasePackage, RecordPackage } from './ocds';
import { ReleaseFilter, ReleasesService } from './releases.service';
import { StatsService } from './stats.service';

const BASE = '/api/v1/open-data';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Public open data: OCDS 1.1 release and record packages, a bulk JSON Lines export, the
 * platform's own OCDS extension and statistics. Everything here is public by construction:
 * releases come from public ledger entries and challenge fields fixed at publication; bids are
 * only ever counted, and only once bidding has closed. Readable from any origin (see cors.ts).
 */
@ApiTags('open-data')
@Controller('open-data')
export class OpenDataController {
  constructor(
    private readonly releases: ReleasesService,
    private readonly stats: StatsService,
    private readonly evaluations: EvaluationsService,
  ) {}

  @Public()
  @Get('ocds/releases')
  @ApiOperation({
    summary: 'OCDS 1.1 release package: one release per public event, oldest first.',
    description:
      'Follow `links.next` to read on (OCDS Pagination extension). A feed has no last page: `links.next` is always ' +
      'present, and a page holding fewer releases than `limit` means you have caught up — call its `links.next` again ' +
      'later for new releases. A page with no release at all has no `releases` field (OCDS requires at least one ' +
      'release in `releases`, so it is left out rather than empty); its `links.next` is where you already are. ' +
      'The cursor never skips or repeats a release, even while decisions commit concurrently; a release appears once ' +
      'every transaction that started before it has ended. `?ocid=` of a process that is not ours, unknown or never ' +
      'published is a 404.',
  })
  @ApiOkResponse({ type: ReleasePackageView })
  @ApiNotFoundResponse({ description: '`ocid` names no published contracting process of this publisher (problem+json).' })
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
    if (filter === null || (filter.challengeId && !(await this.releases.isPublished(filter.challengeId)))) {
      // Another publisher's ocid, an unknown one or a draft's: there is no such process to page through.
      throw notFound('open_data.process_not_found', `No published contracting process has the ocid ${query.ocid}.`).withParams({
        ocid: query.ocid,
      });
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
    if (!UUID.test(challengeId))
      throw notFound('open_data.record_not_found', `No published record has the ocid ${ocid}.`).withParams({ ocid });
    return this.releases.record(challengeId.toLowerCase(), this.url(`/ocds/records/${encodeURIComponent(ocid)}`, {}));
  }

  @Public()
  @Get(`${JIEBANG_EXTENSION_PATH.slice(1)}/extension.json`)
  @ApiOperation({
    summary: 'The platform’s own OCDS extension (tender.jiebang): its extension.json, as every package declares it.',
  })
  @ApiOkResponse({ description: 'OCDS extension metadata (name, description, compatibility, schemas).' })
  extension(): object {
    return jiebangExtensionJson(this.releases.config.baseUrl);
  }

  @Public()
  @Get(`${JIEBANG_EXTENSION_PATH.slice(1)}/release-schema.json`)
  @ApiOperation({
    summary: 'The platform’s own OCDS extension: its release schema patch (JSON Merge Patch of the release schema).',
  })
  @ApiOkResponse({ description: 'A JSON Schema fragment adding `tender.jiebang`.' })
  extensionSchema(): object {
    return JIEBANG_RELEASE_SCHEMA_PATCH;
  }

  @Public()
  @Get('stats')
  @ApiOperation({
    summary:
      'Public statistics: challenges, bids (counts), awards and money awarded and paid, by industry, field, mechanism, track and year.',
    description:
      'Cancelled challenges are not counted (their budgets were never committed). Bids are counted only for challenges ' +
      'whose bidding has closed: how many teams applied is confidential until the deadline.',
  })
  @ApiOkResponse({ type: StatsView })
  statistics(): Promise<StatsView> {
    return this.stats.compute();
  }

  @Public()
  @Get('evaluation')
  @ApiOperation({
    summary: 'The public share of the performance evaluation (绩效评估): money granted, paid and released, outcomes, timeliness.',
    description:
      'Of the published challenges selected (agency, industry, calendar year of publication in Beijing time). ' +
      'Everything here follows from published awards, payments and implementation milestones; reported values ' +
      'against objectives and the reasons projects were stopped are for the agency, admins and auditors.',
  })
  @ApiOkResponse({ type: PublicEvaluationView })
  evaluation(@Query() query: ProgrammeQuery): Promise<PublicEvaluationView> {
    return this.evaluations.publicProgramme(query);
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
