import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser } from '@app/common/auth';
import { NotificationPreferencesDto, NotificationPreferencesView } from '../dto/notification-preferences.dto';
import { NotificationPreferencesService } from './notification-preferences.service';

/** The signed-in user's own mail settings (nobody else's: the user is the path). */
@ApiTags('notifications')
@ApiBearerAuth()
@Controller('me/notification-preferences')
export class NotificationPreferencesController {
  constructor(private readonly preferences: NotificationPreferencesService) {}

  @Get()
  @ApiOperation({ summary: 'Your mail language and, per kind of notice, whether it is mailed to you.' })
  @ApiOkResponse({ type: NotificationPreferencesView })
  read(@CurrentUser() user: AuthUser) {
    return this.preferences.read(user);
  }

  @Put()
  @ApiOperation({ summary: 'Set your mail language and switch kinds of notice mail on or off (in-app notices stay on).' })
  @ApiOkResponse({ type: NotificationPreferencesView })
  write(@Body() dto: NotificationPreferencesDto, @CurrentUser() user: AuthUser) {
    return this.preferences.write(user, dto);
  }
}
