import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** OpenAPI descriptions only: the bodies are OCDS documents (see schema/ocds-release.schema.json). */
export class OcdsPublisherView {
  @ApiProperty() name: string;
  @ApiPropertyOptional({ example: 'CN-USCI' }) scheme?: string;
  @ApiPropertyOptional() uid?: string;
  @ApiPropertyOptional() uri?: string;
}

export class OcdsLinksView {
  @ApiPropertyOptional({
    description: 'The next page (OCDS Pagination extension); always present (a feed has no last page).',
  })
  next?: string;
}

const EXTENSIONS =
  'URLs of the OCDS extensions whose fields the package may carry: Enquiries v1.1.5, the platform’s own ' +
  '(`tender.jiebang`, served at /api/v1/open-data/ocds/extensions/jiebang/extension.json) and, for release packages, Pagination.';

export class ReleasePackageView {
  @ApiProperty() uri: string;
  @ApiProperty({ example: '1.1' }) version: string;
  @ApiProperty({ type: [String], description: EXTENSIONS }) extensions: string[];
  @ApiProperty() publishedDate: string;
  @ApiProperty({ type: OcdsPublisherView }) publisher: OcdsPublisherView;
  @ApiPropertyOptional({ description: 'OCDS_LICENSE, when set.' }) license?: string;
  @ApiPropertyOptional({ description: 'OCDS_PUBLICATION_POLICY, when set.' }) publicationPolicy?: string;
  @ApiPropertyOptional({
    type: 'array',
    items: { type: 'object' },
    minItems: 1,
    description: 'OCDS 1.1 releases, at least one; absent (never empty) on a page with nothing to read yet.',
  })
  releases?: object[];
  @ApiPropertyOptional({ type: OcdsLinksView }) links?: OcdsLinksView;
}

export class RecordPackageView {
  @ApiProperty() uri: string;
  @ApiProperty({ example: '1.1' }) version: string;
  @ApiProperty({ type: [String], description: EXTENSIONS }) extensions: string[];
  @ApiProperty() publishedDate: string;
  @ApiProperty({ type: OcdsPublisherView }) publisher: OcdsPublisherView;
  @ApiPropertyOptional({ description: 'OCDS_LICENSE, when set.' }) license?: string;
  @ApiPropertyOptional({ description: 'OCDS_PUBLICATION_POLICY, when set.' }) publicationPolicy?: string;
  @ApiProperty({ type: 'array', items: { type: 'object' }, description: 'One record: ocid, releases, compiledRelease.' })
  records: object[];
}

export class StatsFigures {
  @ApiProperty({ description: 'Published challenges, cancelled ones excluded.' }) challenges: number;
  @ApiProperty({ description: 'Sum of their budgets, in fen (cancelled challenges’ budgets are not counted).' })
  budgetFen: number;
  @ApiProperty({
    description:
      'Live bids (withdrawn ones excluded) on those of them whose bidding has closed: a count only, and none before ' +
      'the deadline (how many teams applied is confidential until then).',
  })
  bids: number;
  @ApiProperty({ description: 'Awards (projects), every status.' }) awards: number;
  @ApiProperty({ description: 'Money awarded, in fen (sum of the projects’ granted amounts).' }) awardedFen: number;
  @ApiProperty({ description: 'Money paid, in fen (sum of disbursements paid).' }) paidFen: number;
}

export class StatsGroup extends StatsFigures {
  @ApiProperty({ description: 'The value of the dimension (an industry key, a field, a mechanism, a track or a year).' })
  key: string;
}

export class HorseRaceStage {
  @ApiProperty({
    example: 'stage_1',
    description: '`awarded`, `active` (past publicity), `stage_<n>` (passed gate n), `completed`.',
  })
  stage: string;
  @ApiProperty() projects: number;
  @ApiProperty({ description: 'Share of all horse-race projects, in basis points (floor).' }) shareBp: number;
}

export class HorseRaceStats {
  @ApiProperty() projects: number;
  @ApiProperty({ type: [HorseRaceStage] }) stages: HorseRaceStage[];
}

export class StatsView {
  @ApiProperty() generatedAt: string;
  @ApiProperty({ example: 'CNY', description: 'Money is in fen (1/100 CNY), as integers.' }) currency: string;
  @ApiProperty({
    description:
      'Years are calendar years in China Standard Time of the challenge’s publication (a cohort view: the money of challenges published that year).',
  })
  yearBasis: string;
  @ApiProperty({ type: StatsFigures }) totals: StatsFigures;
  @ApiProperty({ type: [StatsGroup] }) byIndustry: StatsGroup[];
  @ApiProperty({ type: [StatsGroup] }) byField: StatsGroup[];
  @ApiProperty({ type: [StatsGroup] }) byMechanism: StatsGroup[];
  @ApiProperty({ type: [StatsGroup] }) byTrack: StatsGroup[];
  @ApiProperty({ type: [StatsGroup] }) byYear: StatsGroup[];
  @ApiProperty({
    type: [StatsGroup],
    description: 'By the challenge’s current status (published, closed, awarded, …; never draft or cancelled).',
  })
  byStatus: StatsGroup[];
  @ApiProperty({ type: HorseRaceStats }) horseRace: HorseRaceStats;
}
