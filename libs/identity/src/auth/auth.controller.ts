import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { AuthUser, CurrentUser, Public } from '@app/common/auth';
import { LoginDto } from '../dto/login.dto';
import { LoginResponse, UserView } from '../dto/views';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';

@ApiTags('identity')
@Controller()
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Throttle({ default: {} })
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({ summary: 'Exchange email and password for a bearer token (rate-limited per client address).' })
  @ApiOkResponse({ type: LoginResponse })
  async login(@Body() dto: LoginDto): Promise<LoginResponse> {
    const { accessToken, expiresIn, user } = await this.auth.login(dto.email, dto.password);
    return { accessToken, tokenType: 'Bearer', expiresIn, user: UserView.of(user) };
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: UserView })
  async me(@CurrentUser() me: AuthUser): Promise<UserView> {
    return UserView.of(await this.users.get(me.id));
  }
}
