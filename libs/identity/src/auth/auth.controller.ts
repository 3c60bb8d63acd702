import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { FastifyRequest } from 'fastify';
import { Public } from '@app/common/auth';
import { LoginDto } from '../dto/login.dto';
import { LoginResponse, UserView } from '../dto/views';
import type { UserRecord } from '../repositories/users.repository';
import { AuthenticatedRequest } from './auth.guard';
import { AuthService } from './auth.service';

@ApiTags('identity')
@Controller()
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('auth/login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange email and password for a bearer token.',
    description:
      'Failed attempts are counted per account and per client address: too many lock the account for a ' +
      'growing while (429 `identity.login_locked`) or refuse the address (429 `identity.login_throttled`), ' +
      'both with Retry-After. Successful sign-ins are never counted.',
  })
  @ApiOkResponse({ type: LoginResponse })
  async login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<LoginResponse> {
    const { accessToken, expiresIn, user } = await this.auth.login(dto.email, dto.password, request.ip);
    return { accessToken, tokenType: 'Bearer', expiresIn, user: UserView.of(user) };
  }

  @ApiBearerAuth()
  @Get('me')
  @ApiOkResponse({ type: UserView })
  me(@Req() request: AuthenticatedRequest): UserView {
    // The guard has just read this row to authenticate the request; no second query.
    return UserView.of(request.userRow as UserRecord);
  }
}
