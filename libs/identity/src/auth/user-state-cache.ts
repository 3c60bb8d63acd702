import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { REDIS } from '@app/common/redis';
import { UserRecord, findUser } from '../repositories/users.repository';
import { UserStamp, UserStateMemo } from './user-state-memo';

/** How long a stamp check may take before the guard reads Postgres instead (a stalled Redis must not stall sign-in). */
const STAMP_TIMEOUT_MS = 50;

/**
 * The auth guard's view of a user (active, role, organisation), kept in memory per api process and
 * checked on every request against a stamp in Redis — one GET of two keys instead of a row read.
 *
 * The promise kept: a change to a user's state (deactivation, organisation) holds on the next
 * request, on every replica. Whoever changes it calls `changed(id)` after the commit, which bumps
 * the user's version; any replica whose memo holds another version re-reads the row. The stamp
 * also carries an epoch written at first use, so a Redis that lost its keys (a flush, a failover
 * to an empty replica) invalidates every memo instead of matching "no version" with "no version".
 * When Redis is not ready or slow, the guard reads Postgres, as it did before the memo. If the bump
 * itself fails after the commit, other replicas may keep the old state for at most
 * `USER_STATE_MAX_AGE` (the memo's age limit); that is logged.
 */
@Injectable()
export class UserStateCache {
  private readonly logger = new Logger(UserStateCache.name);
  private readonly memo: UserStateMemo;
  private readonly epochKey: string;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.memo = new UserStateMemo(config.userStateMaxAgeMs);
    this.epochKey = `${config.redisPrefix}:user-state:epoch`;
  }

  private versionKey(id: string): string {
    return `${this.config.redisPrefix}:user-state:v:${id}`;
  }

  /** The user as the guard needs it, from the memo when its stamp is current, else from Postgres. */
  async find(id: string): Promise<UserRecord | null> {
    const stamp = await this.stampOf(id);
    if (stamp) {
      const known = this.memo.get(id, stamp, Date.now());
      if (known) return known;
    }
    const user = await findUser(this.dataSource.manager, id);
    if (user && stamp) this.memo.set(id, user, stamp, Date.now());
    return user;
  }

  /** After a commit that changed the user's state: every replica re-reads it on its next request. */
  async changed(id: string): Promise<void> {
    this.memo.forget(id);
    try {
      await this.redis.incr(this.versionKey(id));
    } catch (err) {
      this.logger.warn(
        { userId: id, err: (err as Error).message, maxAgeMs: this.config.userStateMaxAgeMs },
        'user state changed but its version could not be bumped: other replicas notice within the max age',
      );
    }
  }

  /** The epoch and the user's version, or null when Redis cannot answer now (then nothing is memoised). */
  private async stampOf(id: string): Promise<UserStamp | null> {
    if (this.redis.status !== 'ready') return null;
    try {
      const [epoch, version] = await withTimeout(this.redis.mget(this.epochKey, this.versionKey(id)), STAMP_TIMEOUT_MS);
      if (epoch === null) {
        // First use, or Redis lost its keys: a new epoch, and this request reads the row.
        await this.redis.set(this.epochKey, `${Date.now()}-${Math.random().toString(36).slice(2)}`, 'NX');
        return null;
      }
      return { epoch, version };
    } catch {
      return null;
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
