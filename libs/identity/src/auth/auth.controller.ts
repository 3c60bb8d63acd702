import { Body, Controller, Get, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle, ThrottlerGuard } from '@nestjs/throttler';
import { Public } from '@app/common/auth';
import { LoginDto } from '../dto/login.dto';
import { LoginResponse, UserView } from '../dto/views';
import { User } from '../users/user.entity';
import { AuthenticatedRequest } from './auth.guard';
import { AuthService } from './auth.service';

@ApiTags('identity')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

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
  me(@Req() request: AuthenticatedRequest): UserView {
    // The guard has just read this row to authenticate the request; no second query.
    return UserView.of(request.userRow as User);
  }
}
