import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { DomainError } from '@app/common/domain-error';
import { User } from '../users/user.entity';
import { UsersService } from '../users/users.service';
import { decoyHash, verifyPassword } from './password-hasher';

/** Claims we put in a token; the guard re-reads the user anyway, so a role change applies at once. */
export interface TokenClaims {
  sub: string;
  role: string;
  org: string | null;
}

const WRONG_CREDENTIALS = () =>
  new DomainError('unauthorized', 'identity.invalid_credentials', 'The email or password is not correct.');

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Same answer and same cost whether the email is unknown, the password wrong or the user inactive. */
  async login(email: string, password: string): Promise<{ accessToken: string; expiresIn: number; user: User }> {
    const user = await this.users.findWithPassword(email);
    const ok = await verifyPassword(user?.passwordHash ?? (await decoyHash()), password);
    if (!user || !ok || !user.active) throw WRONG_CREDENTIALS();
    const claims: TokenClaims = { sub: user.id, role: user.role, org: user.organizationId };
    const accessToken = await this.jwt.signAsync(claims);
    const { passwordHash: _hidden, ...safe } = user;
    return { accessToken, expiresIn: this.config.jwtTtlSeconds, user: safe as User };
  }
}
