import { createHash, randomUUID } from 'node:crypto';
import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
  Logger,
  NestInterceptor,
  RequestMethod,
  UseInterceptors,
  applyDecorators,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { ApiHeader } from '@nestjs/swagger';
import canonicalize from 'canonicalize';
import { FastifyReply, FastifyRequest } from 'fastify';
import Redis from 'ioredis';
import { Observable, catchError, finalize, from, map, of, switchMap, throwError } from 'rxjs';
import { AuthUser } from '../auth/auth-user';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError, conflict, invalid } from '../domain-error';
import { loggableError } from '../problem/loggable-error';
import { REDIS } from '../redis/redis.module';
import {
  Done,
  IDEMPOTENCY_LEASE_MS,
  IDEMPOTENCY_LEASE_RENEW_MS,
  IDEMPOTENCY_TTL_MS,
  InFlight,
  claimOutcome,
} from './idempotency-record';

export const IDEMPOTENCY_HEADER = 'idempotency-key';

// Claim the key if it is free (returns nil), or return what it holds — in one step, so two
// requests never both see it free.
const CLAIM = `local held = redis.call('GET', KEYS[1])
if held then return held end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return false`;
// Extend our lease only while the key is still our in-flight record.
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end`;
// Delete the key only if it is still our in-flight record (never someone else's answer).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
// Store the answer only over our own in-flight record.
const COMPLETE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) else return 0 end`;

const IN_FLIGHT_DETAIL = 'A request with this Idempotency-Key is still being processed; retry later.';

/** One request's hold on its key. */
interface Claim {
  redisKey: string;
  /** Our in-flight record, exactly as stored (the scripts compare it). */
  inFlight: string;
  fingerprint: string;
  status: number;
}

/**
 * `Idempotency-Key` for POSTs that change money or state (awards, gates, objection resolutions).
 * Kept in Redis (so every api replica agrees), per user: the same key from two users is two keys.
 *
 * - First request with a key: runs; a successful answer (2xx) is stored for 24 h.
 * - Same key, same request (method, path and canonical JSON body): the stored answer is replayed
 *   with the same status and body and the header `Idempotent-Replayed: true`; nothing runs again.
 * - Same key, different request: 422 `idempotency.key_reused`.
 * - Same key while the first request is still running: 409 `idempotency.in_flight`. "Running" is
 *   a lease the request renews (see idempotency-record.ts): if the api process that ran it died,
 *   the key is free again within IDEMPOTENCY_LEASE_MS and a retry runs. (Its transaction either
 *   committed — then the retry meets the state it left, e.g. 409 for a slot already taken — or
 *   rolled back.)
 * - An error answer is not stored: the key is released, since the failed request changed nothing
 *   (its transaction rolled back), and the client may retry with the same key.
 * - Redis away when the key is claimed: the ioredis error goes on as it is, and the problem filter
 *   answers 503 with Retry-After; nothing ran.
 * Without the header the route behaves as usual.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  private readonly logger = new Logger('Idempotency');

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw invalid('idempotency.invalid_key', 'Idempotency-Key must be 1–255 visible ASCII characters.', [
        { field: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' },
      ]);
    }
    const fingerprint = sha256(canonicalize({ method: request.method, url: request.url, body: request.body ?? null }) ?? '');
    const claim: Claim = {
      redisKey: `${this.config.redisPrefix}:idem:${request.user?.id ?? 'anonymous'}:${sha256(key)}`,
      inFlight: JSON.stringify({ s: 'p', f: fingerprint, t: randomUUID() } satisfies InFlight),
      fingerprint,
      status: successStatus(context),
    };
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return from(this.claim(claim)).pipe(
      switchMap((stored) => {
        if (!stored) return this.run(claim, next);
        void reply.header('idempotent-replayed', 'true');
        return of(stored.body);
      }),
    );
  }

  /** Claims the key (null: go ahead) or returns the stored answer to replay; throws 409/422. */
  private async claim(claim: Claim): Promise<Done | null> {
    const held = (await this.redis.eval(CLAIM, 1, claim.redisKey, claim.inFlight, IDEMPOTENCY_LEASE_MS)) as string | null;
    const outcome = claimOutcome(held, claim.fingerprint);
    if (outcome.kind === 'reused')
      throw new DomainError(
        'rule_violation',
        'idempotency.key_reused',
        'This Idempotency-Key was already used for a different request; use a new key for a new request.',
      );
    if (outcome.kind === 'in_flight') throw conflict('idempotency.in_flight', IN_FLIGHT_DETAIL);
    return outcome.kind === 'replay' ? outcome.answer : null;
  }

  /** Runs the request while renewing its lease; stores a success, releases the key on an error. */
  private run(claim: Claim, next: CallHandler): Observable<unknown> {
    const lease = setInterval(() => void this.renew(claim), IDEMPOTENCY_LEASE_RENEW_MS);
    lease.unref();
    return next.handle().pipe(
      switchMap((body) => from(this.complete(claim, body)).pipe(map(() => body))),
      catchError((err) =>
        from(this.redis.eval(RELEASE, 1, claim.redisKey, claim.inFlight).catch(() => 0)).pipe(
          // Not released (Redis away)? The lease frees the key shortly anyway.
          switchMap(() => throwError(() => err)),
        ),
      ),
      finalize(() => clearInterval(lease)),
    );
  }

  private async renew(claim: Claim): Promise<void> {
    try {
      const renewed = await this.redis.eval(RENEW, 1, claim.redisKey, claim.inFlight, IDEMPOTENCY_LEASE_MS);
      // Lost (a renewal came too late and a retry took the key): that retry runs too; the rows'
      // own rules (locks, states, unique keys) decide between the two, as without a key.
      if (renewed === 0) this.logger.warn('an Idempotency-Key lease lapsed while its request was still running');
    } catch (err) {
      this.logger.warn({ err: loggableError(err) }, 'could not renew an Idempotency-Key lease; retrying');
    }
  }

  /**
   * Stores the answer for replay. The work is done and committed: if Redis fails here the client
   * still gets its answer (a 503 would tell it the request failed when it did not); only the replay
   * is lost, and the lease frees the key shortly.
   */
  private async complete(claim: Claim, body: unknown): Promise<void> {
    const done = JSON.stringify({ s: 'd', f: claim.fingerprint, status: claim.status, body: body ?? null } satisfies Done);
    await this.redis
      .eval(COMPLETE, 1, claim.redisKey, claim.inFlight, done, IDEMPOTENCY_TTL_MS)
      .catch((err: unknown) => this.logger.warn({ err: loggableError(err) }, 'could not store an Idempotency-Key answer'));
  }
}

/** Marks a route as accepting `Idempotency-Key` (and documents the header). */
export const Idempotent = () =>
  applyDecorators(
    UseInterceptors(IdempotencyInterceptor),
    ApiHeader({
      name: 'Idempotency-Key',
      required: false,
      description:
        'Optional. A repeat with the same key and body replays the first answer (24 h); a different body → 422; while the first is running → 409 (if the server that ran it died, a retry runs after a few seconds).',
    }),
  );

function successStatus(context: ExecutionContext): number {
  const code = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined;
  if (code) return code;
  return context.switchToHttp().getRequest<FastifyRequest>().method === RequestMethod[RequestMethod.POST] ? 201 : 200;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
