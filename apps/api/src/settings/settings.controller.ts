import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Public } from '@app/common/auth';
import { APP_CONFIG, AppConfig } from '@app/common/config';

/** The server's settings a form needs to refuse what the server would refuse, before sending it. */
export class PublicSettingsView {
  @ApiProperty({
    description:
      'MIN_BID_WINDOW: publishing needs the bid deadline at least this many milliseconds after the moment of publishing.',
    example: 604_800_000,
  })
  minBidWindowMs: number;
}

@ApiTags('settings')
@Public()
@Controller('settings')
export class SettingsController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Get('public')
  @ApiOperation({ summary: 'Settings the web app checks forms against (public; no secrets): the minimum bid window.' })
  @ApiOkResponse({ type: PublicSettingsView })
  publicSettings(): PublicSettingsView {
    return { minBidWindowMs: this.config.minBidWindowMs };
  }
}
