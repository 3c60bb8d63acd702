import { CanActivate, ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { FastifyRequest } from 'fastify';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { tooManyRequests } from '@app/common/domain-error';
import { RedisThrottlerStorage } from '@app/common/redis';
import { clientKeyOf } from '../auth/login-throttle';

/**
 * REGISTRATION_RATE_LIMIT registrations per client address per REGISTRATION_RATE_WINDOW,
 * counted in Redis (shared by every replica). Every attempt counts, refused ones too: judging a
 * password and hashing it are what a flood makes us pay for, and both happen before a refusal
 * could be known.
 */
@Injectable()
export class RegistrationRateLimit implements CanActivate {
  constructor(
    private readonly counters: RedisThrottlerStorage,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const { registrationRateLimit: limit, registrationRateWindowMs: windowMs } = this.config;
    const { totalHits, timeToExpire } = await this.counters.increment(
      clientKeyOf(request.ip),
      windowMs,
      limit,
      0,
      'registration',
    );
    if (totalHits <= limit) return true;
    throw tooManyRequests(
      'identity.registration_throttled',
      'Too many organisations registered from this address. Try again after Retry-After seconds.',
      Math.max(1, timeToExpire),
    );
  }
}
