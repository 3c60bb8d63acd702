import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import Redis from 'ioredis';
import { Role } from '@app/common/auth';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { DomainError } from '@app/common/domain-error';
import { REDIS } from '@app/common/redis';
import { UsersService, unauthenticated, verifyBearerHeader } from '@app/identity';
import { DASHBOARD_COOKIE, readCookie, sessionMaxAgeSeconds } from './queue-dashboard-cookie';

/** Who was let in, and until when the credential they showed is good. */
export interface DashboardAccess {
  userId: string;
  /** Epoch ms. */
  expiresAt: number;
}

/**
 * The dashboard's two doors; both re-read the user on every request (an active admin only), so a
 * deactivated or demoted admin loses access at once.
 *
 * - Scripts: `Authorization: Bearer <API token>`, checked by identity's `verifyBearerHeader` (the
 *   api's AuthGuard uses the same, so both refuse the same tokens: no `exp`, a `sub` that is not a
 *   user id, a bad signature).
 * - Browsers: the `jiebang_queues` cookie, which holds a random session id opened by
 *   `POST /admin/queues/session`. The session lives in Redis (only the id's SHA-256 is stored, so
 *   reading Redis does not hand out sessions) for at most 15 minutes, and `DELETE` ends it. It is
 *   not a JWT, so the api refuses it as a bearer token, and it is accepted from the cookie only.
 */
@Injectable()
export class QueueDashboardAuth {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UsersService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async fromBearer(authorization: string): Promise<DashboardAccess> {
    const claims = await verifyBearerHeader(this.jwt, authorization);
    await this.admit(claims.sub);
    return { userId: claims.sub, expiresAt: claims.exp * 1000 };
  }

  async fromSession(cookieHeader: string | undefined): Promise<DashboardAccess> {
    const id = readCookie(cookieHeader, DASHBOARD_COOKIE);
    if (!id)
      throw unauthenticated('Sign in as an admin: send a bearer token, or open a session with POST /admin/queues/session.');
    const key = this.sessionKey(id);
    const [userId, ttlMs] = await Promise.all([this.redis.get(key), this.redis.pttl(key)]);
    if (!userId || ttlMs <= 0) throw unauthenticated('The dashboard session has ended; open a new one.');
    await this.admit(userId);
    return { userId, expiresAt: Date.now() + ttlMs };
  }

  /** Opens a session for a user let in by `fromBearer`; null when the sign-in has no time left. */
  async openSession(access: DashboardAccess): Promise<{ id: string; maxAgeSeconds: number } | null> {
    const maxAgeSeconds = sessionMaxAgeSeconds(Date.now(), access.expiresAt);
    if (maxAgeSeconds < 1) return null;
    const id = randomBytes(32).toString('base64url');
    await this.redis.set(this.sessionKey(id), access.userId, 'EX', maxAgeSeconds);
    return { id, maxAgeSeconds };
  }

  async closeSession(cookieHeader: string | undefined): Promise<void> {
    const id = readCookie(cookieHeader, DASHBOARD_COOKIE);
    if (id) await this.redis.del(this.sessionKey(id));
  }

  private async admit(userId: string): Promise<void> {
    const user = await this.users.findActiveState(userId);
    if (!user) throw unauthenticated('The user no longer exists.');
    if (!user.active) throw new DomainError('forbidden', 'identity.user_deactivated', 'This account has been deactivated.');
    if (user.role !== Role.Admin)
      throw new DomainError('forbidden', 'identity.role_forbidden', 'The queue dashboard is for admin users.');
  }

  private sessionKey(id: string): string {
    return `${this.config.redisPrefix}:queue-dashboard:session:${createHash('sha256').update(id).digest('hex')}`;
  }
}
