import { createHash, randomUUID } from 'node:crypto';
import {
  CallHandler,
  ExecutionContext,
  Inject,
  Injectable,
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
import { Observable, catchError, from, of, switchMap, tap, throwError } from 'rxjs';
import { AuthUser } from '../auth/auth-user';
import { APP_CONFIG, AppConfig } from '../config/app-config';
import { DomainError, conflict, invalid } from '../domain-error';
import { REDIS } from '../redis/redis.module';

export const IDEMPOTENCY_HEADER = 'idempotency-key';
/** How long a finished answer is kept for replay. */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
/**
 * How long a key stays "in flight" at most: if the process dies mid-request, the key frees itself
 * after this (the request's transaction either committed — then a retry meets the state it left,
 * e.g. 409 for a slot already taken — or rolled back).
 */
export const IDEMPOTENCY_IN_FLIGHT_MS = 120_000;

interface InFlight {
  s: 'p';
  f: string;
  t: string;
}
interface Done {
  s: 'd';
  f: string;
  status: number;
  body: unknown;
}

// Delete the key only if it is still our in-flight record (never someone else's answer).
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;
// Store the answer only over our own in-flight record.
const COMPLETE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3]) else return 0 end`;

/**
 * `Idempotency-Key` for POSTs that change money or state (awards, gates, objection resolutions).
 * Kept in Redis (so every api replica agrees), per user: the same key from two users is two keys.
 *
 * - First request with a key: runs; a successful answer (2xx) is stored for 24 h.
 * - Same key, same request (method, path and canonical JSON body): the stored answer is replayed
 *   with the same status and body and the header `Idempotent-Replayed: true`; nothing runs again.
 * - Same key, different request: 422 `idempotency.key_reused`.
 * - Same key while the first request is still running: 409 `idempotency.in_flight`.
 * - An error answer is not stored: the key is released, since the failed request changed nothing
 *   (its transaction rolled back), and the client may retry with the same key.
 * Without the header the route behaves as usual.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest & { user?: AuthUser }>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers[IDEMPOTENCY_HEADER];
    if (header === undefined) return next.handle();
    const key = Array.isArray(header) ? header[0] : header;
    if (typeof key !== 'string' || !/^[\x21-\x7e]{1,255}$/.test(key)) {
      throw invalid('idempotency.invalid_key', 'Idempotency-Key must be 1–255 visible ASCII characters.', [
        { field: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' },
      ]);
    }
    const redisKey = `${this.config.redisPrefix}:idem:${request.user?.id ?? 'anonymous'}:${sha256(key)}`;
    const fingerprint = sha256(canonicalize({ method: request.method, url: request.url, body: request.body ?? null }) ?? '');
    const inFlight = JSON.stringify({ s: 'p', f: fingerprint, t: randomUUID() } satisfies InFlight);
    const status = successStatus(context);

    return from(this.claim(redisKey, inFlight, fingerprint)).pipe(
      switchMap((stored) => {
        if (stored) {
          void reply.header('idempotent-replayed', 'true');
          return of(stored.body);
        }
        return next.handle().pipe(
          switchMap((body) =>
            from(
              this.redis.eval(
                COMPLETE,
                1,
                redisKey,
                inFlight,
                JSON.stringify({ s: 'd', f: fingerprint, status, body: body ?? null } satisfies Done),
                IDEMPOTENCY_TTL_MS,
              ),
            ).pipe(switchMap(() => of(body))),
          ),
          catchError((err) =>
            from(this.redis.eval(RELEASE, 1, redisKey, inFlight).catch(() => 0)).pipe(switchMap(() => throwError(() => err))),
          ),
          tap({ error: () => undefined }),
        );
      }),
    );
  }

  /** Claims the key (null: go ahead) or returns the stored answer to replay; throws 409/422. */
  private async claim(redisKey: string, inFlight: string, fingerprint: string): Promise<Done | null> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const set = await this.redis.set(redisKey, inFlight, 'PX', IDEMPOTENCY_IN_FLIGHT_MS, 'NX');
      if (set === 'OK') return null;
      const raw = await this.redis.get(redisKey);
      if (raw === null) continue; // expired or released between the two calls: try again
      const record = JSON.parse(raw) as InFlight | Done;
      if (record.f !== fingerprint) {
        throw new DomainError(
          'rule_violation',
          'idempotency.key_reused',
          'This Idempotency-Key was already used for a different request; use a new key for a new request.',
        );
      }
      if (record.s === 'p') {
        throw conflict('idempotency.in_flight', 'A request with this Idempotency-Key is still being processed; retry later.');
      }
      return record;
    }
    throw conflict('idempotency.in_flight', 'A request with this Idempotency-Key is still being processed; retry later.');
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
        'Optional. A repeat with the same key and body replays the first answer (24 h); a different body → 422; while the first is running → 409.',
    }),
  );

function successStatus(context: ExecutionContext): number {
  const code = Reflect.getMetadata(HTTP_CODE_METADATA, context.getHandler()) as number | undefined;
  if (code) return code;
  return context.switchToHttp().getRequest<FastifyRequest>().method === RequestMethod[RequestMethod.POST] ? 201 : 200;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
