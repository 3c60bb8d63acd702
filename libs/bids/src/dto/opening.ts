import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class OpeningDocumentView {
  @ApiProperty() name: string;
  @ApiProperty({ description: 'Bytes.' }) size: number;
  @ApiProperty({ description: 'hex SHA-256 of the file.' }) sha256: string;
  @ApiProperty({ enum: ['application', 'commitment', 'qualification', 'budget', 'other'] }) role: string;
}

export class OpeningEntryView {
  @ApiProperty({ format: 'uuid' }) bidId: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiPropertyOptional({
    type: [String],
    format: 'uuid',
    description: 'The consortium’s other member organisations (absent in records written before they were listed).',
  })
  memberOrganizationIds?: string[];
  @ApiProperty() submittedAt: string;
  @ApiProperty() receiptHash: string;
  @ApiProperty({ type: [OpeningDocumentView] }) documents: OpeningDocumentView[];
}

export class NotOpenedEntryView {
  @ApiProperty({ format: 'uuid' }) bidId: string;
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ type: [String], format: 'uuid' }) memberOrganizationIds: string[];
  @ApiProperty() submittedAt: string;
  @ApiProperty() receiptHash: string;
  @ApiProperty({ enum: ['consortium_consent_missing'] }) reason: 'consortium_consent_missing';
  @ApiProperty({ type: [String], format: 'uuid', description: 'The members that had not accepted (pending or declined).' })
  missingOrganizationIds: string[];
}

/** `GET /challenges/:id/opening`: the bid-opening record (开标记录) as written at the deadline. */
export class OpeningView {
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty({ description: 'When the challenge closed and its bids were opened.' }) openedAt: string;
  @ApiProperty({ description: 'Live bids at the deadline.' }) bidCount: number;
  @ApiProperty({
    type: [OpeningEntryView],
    description: 'Every bid for the challenge’s agency; a bidding team’s own; [] for everyone else.',
  })
  entries: OpeningEntryView[];
  @ApiProperty({
    type: [NotOpenedEntryView],
    description: 'Live bids not opened because a consortium member had not accepted (withdrawn); same visibility as entries.',
  })
  notOpened: NotOpenedEntryView[];
}
