import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsObject, IsOptional, ValidateNested } from 'class-validator';
import { NOTIFICATION_KINDS, type NotificationKind } from '../notifications/notification-wording';

const LANGUAGES = ['zh', 'en'] as const;

export class KindMailPreferenceDto {
  @ApiProperty({ enum: NOTIFICATION_KINDS })
  @IsIn(NOTIFICATION_KINDS)
  kind: NotificationKind;

  @ApiProperty({ description: 'Mail this kind of notice (in-app notices are always on).' })
  @IsBoolean()
  mail: boolean;
}

export class NotificationPreferencesDto {
  @ApiPropertyOptional({ enum: LANGUAGES, description: 'The language your notice mails are worded in.' })
  @IsOptional()
  @IsIn(LANGUAGES)
  language?: 'zh' | 'en';

  @ApiPropertyOptional({ type: [KindMailPreferenceDto], description: 'Kinds to switch; kinds left out keep their setting.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(NOTIFICATION_KINDS.length)
  @ArrayUnique((p: KindMailPreferenceDto) => p?.kind, { message: 'must not repeat a kind' })
  // Each an object: ValidateNested alone lets a nested array ([[]]) through.
  @IsObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => KindMailPreferenceDto)
  kinds?: KindMailPreferenceDto[];
}

export class KindMailPreferenceView {
  @ApiProperty({ enum: NOTIFICATION_KINDS }) kind: NotificationKind;
  @ApiProperty() mail: boolean;
}

export class NotificationPreferencesView {
  @ApiProperty({ enum: LANGUAGES, description: 'The language your notice mails are worded in.' }) language: 'zh' | 'en';
  @ApiProperty({
    type: [KindMailPreferenceView],
    description: 'The kinds of notice your role receives, each with mail on or off.',
  })
  kinds: KindMailPreferenceView[];
}
