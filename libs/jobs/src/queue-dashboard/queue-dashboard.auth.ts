import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Role } from '@app/common/auth';
import { DomainError } from '@app/common/domain-error';
import { Problem, ProblemDetailsFilter } from '@app/common/problem';
import { UsersService } from '@app/identity';

export const DASHBOARD_COOKIE = 'jiebang_queues';

export type DashboardAccess = { ok: true; token: string; expiresAt: number } | { ok: false; problem: Problem };

/**
 * The dashboard's door: the same rules as the api's AuthGuard (a valid HS256 token whose user,
 * re-read from the database, is active and an admin). The token comes from the Authorization
 * header or, for a browser, from the `jiebang_queues` cookie that `POST /admin/queues/session`
 * sets (HttpOnly, SameSite=Strict, Path=/admin/queues).
 */
@Injectable()
export class QueueDashboardAuth {
  private readonly filter = new ProblemDetailsFilter();

  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersService,
  ) {}

  async check(
    authorization: string | undefined,
    cookieHeader: string | undefined,
    allowCookie: boolean,
  ): Promise<DashboardAccess> {
    let token: string | undefined;
    if (authorization) {
      const [scheme, value] = authorization.split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !value)
        return this.deny('unauthorized', 'identity.unauthenticated', 'The Authorization header must be "Bearer <token>".');
      token = value;
    } else if (allowCookie) {
      token = readCookie(cookieHeader, DASHBOARD_COOKIE);
    }
    if (!token)
      return this.deny('unauthorized', 'identity.unauthenticated', 'Sign in as an admin: this dashboard needs a bearer token.');
    let claims: { sub: string; exp?: number };
    try {
      claims = await this.jwt.verifyAsync(token);
    } catch {
      return this.deny('unauthorized', 'identity.unauthenticated', 'The token is invalid or has expired.');
    }
    const user = await this.users.findActiveState(claims.sub);
    if (!user) return this.deny('unauthorized', 'identity.unauthenticated', 'The token’s user no longer exists.');
    if (!user.active) return this.deny('forbidden', 'identity.user_deactivated', 'This account has been deactivated.');
    if (user.role !== Role.Admin)
      return this.deny('forbidden', 'identity.role_forbidden', 'The queue dashboard is for admin users.');
    return { ok: true, token, expiresAt: (claims.exp ?? 0) * 1000 };
  }

  private deny(kind: 'unauthorized' | 'forbidden', code: string, message: string): DashboardAccess {
    return { ok: false, problem: this.filter.toProblem(new DomainError(kind, code, message)) };
  }
}

export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}
