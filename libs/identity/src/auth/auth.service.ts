import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { DomainError, tooManyRequests } from '@app/common/domain-error';
import type { UserRecord, UserWithPassword } from '../repositories/users.repository';
import { UsersService } from '../users/users.service';
import { TokenClaims } from './access-token';
import { LoginAttempts } from './login-attempts.store';
import { LoginGate } from './login-throttle';
import { PasswordHasher } from './password-hasher';

export type { TokenClaims } from './access-token';

const WRONG_CREDENTIALS = () =>
  new DomainError('unauthorized', 'identity.invalid_credentials', 'The email or password is not correct.');

/** The 429 of a closed gate; the same words whether or not the account exists. */
function refusal(gate: Extract<LoginGate, { open: false }>): DomainError {
  return gate.why === 'account_locked'
    ? tooManyRequests(
        'identity.login_locked',
        'Too many failed sign-ins for this account: it is locked for a while. Try again after Retry-After seconds.',
        gate.retryAfterSeconds,
      )
    : tooManyRequests(
        'identity.login_throttled',
        'Too many failed sign-ins from this address. Try again after Retry-After seconds.',
        gate.retryAfterSeconds,
      );
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly jwt: JwtService,
    private readonly hasher: PasswordHasher,
    private readonly attempts: LoginAttempts,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * Same answer and same cost whether the email is unknown, the password wrong or the user
   * inactive, and all three count as a failure against the account and the client address.
   */
  async login(
    email: string,
    password: string,
    address: string,
  ): Promise<{ accessToken: string; expiresIn: number; user: UserRecord }> {
    const gate = await this.attempts.admit(email, address);
    if (!gate.open) throw refusal(gate);
    let user: UserWithPassword | null;
    let ok: boolean;
    try {
      user = await this.users.findWithPassword(email);
      ok = user ? await this.hasher.verify(user.passwordHash, password) : await this.hasher.verifyAgainstDecoy(password);
    } catch (err) {
      // Not judged (the hasher was saturated, the database away): not a failed guess either.
      await this.attempts.withdrawn(email, address).catch(() => undefined);
      throw err;
    }
    if (!user || !ok || !user.active) throw WRONG_CREDENTIALS();
    await this.attempts.succeeded(email, address);
    const claims: Omit<TokenClaims, 'iat' | 'exp'> = { sub: user.id, role: user.role, org: user.organizationId };
    const accessToken = await this.jwt.signAsync(claims);
    const { passwordHash: _hidden, ...safe } = user;
    return { accessToken, expiresIn: this.config.jwtTtlSeconds, user: safe };
  }
}
