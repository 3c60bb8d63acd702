import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { CONSENT_STATES, type ConsentState } from '../consortium-consent-rules';

/** A consortium member's consent, as the lead (and, after the deadline, its readers) sees it on the bid. */
export class MemberConsentView {
  @ApiProperty({ format: 'uuid' }) organizationId: string;
  @ApiProperty() organizationName: string;
  @ApiProperty({ description: 'The share the member was asked to accept (whole percent).' }) sharePercent: number;
  @ApiProperty({ enum: CONSENT_STATES }) state: ConsentState;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the member declined, if it said.' })
  reason: string | null;
  @ApiProperty() askedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedAt: string | null;
}

/**
 * `GET /consent-requests`: what a member organisation is asked — that it is named, on which challenge,
 * by which lead, with which share. Never the bid's contents or the other members (the bid is sealed).
 */
export class ConsentRequestView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) bidId: string;
  @ApiProperty({ format: 'uuid' }) challengeId: string;
  @ApiProperty() challengeTitle: string;
  @ApiProperty() bidDeadline: string;
  @ApiProperty({ format: 'uuid' }) leadOrganizationId: string;
  @ApiProperty() leadOrganizationName: string;
  @ApiProperty({ enum: ['member'] }) role: 'member';
  @ApiProperty() sharePercent: number;
  @ApiProperty({ enum: CONSENT_STATES }) state: ConsentState;
  @ApiPropertyOptional({ nullable: true, type: String }) reason: string | null;
  @ApiProperty() askedAt: string;
  @ApiPropertyOptional({ nullable: true, type: String }) decidedAt: string | null;
  @ApiProperty({ description: 'Whether it may still be answered (before the deadline, the bid submitted).' })
  answerable: boolean;
}

export class ConsentRequestListView {
  @ApiProperty({ type: [ConsentRequestView] }) items: ConsentRequestView[];
  @ApiProperty({ nullable: true, type: String, description: 'Always null: an organisation has few requests.' })
  nextCursor: null;
}

/** `POST /consent-requests/:id/decline`: the reason is optional and goes to the lead. */
export class DeclineConsentDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'Shown to the lead on its bid page.' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  reason?: string;
}
