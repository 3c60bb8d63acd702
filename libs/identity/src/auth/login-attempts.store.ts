import { Inject, Injectable } from '@nestjs/common';
import Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { REDIS } from '@app/common/redis';
import { LoginGate, accountKeyOf, clientKeyOf, gateOf, lockLadder, lockMemoryMs } from './login-throttle';

/*
 * Each attempt is counted as a failure BEFORE its password is checked, in the same atomic step
 * that decides whether it may go ahead; a success then takes its count back. Counting after the
 * check would let a hundred guesses sent at once all pass the gate before the first failure is
 * written.
 *
 * KEYS: 1 account lock, 2 account failures, 3 account lock count, 4 address failures.
 * ARGV: 1 address limit, 2 address window ms, 3 account limit, 4 account window ms,
 *       5 lock-count memory ms, 6… the lock ladder (ms of the 1st, 2nd … lock).
 * Returns {verdict, ms left}: 0 go ahead, 1 account locked, 2 address throttled.
 */
const ADMIT = `
local lockLeft = redis.call('PTTL', KEYS[1])
if lockLeft > 0 then return {1, lockLeft} end
if tonumber(redis.call('GET', KEYS[4]) or '0') >= tonumber(ARGV[1]) then
  return {2, math.max(redis.call('PTTL', KEYS[4]), 1)}
end
if redis.call('INCR', KEYS[4]) == 1 then redis.call('PEXPIRE', KEYS[4], ARGV[2]) end
local failures = redis.call('INCR', KEYS[2])
if failures == 1 then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
if failures >= tonumber(ARGV[3]) then
  local locks = redis.call('INCR', KEYS[3])
  local lockMs = tonumber(ARGV[5 + math.min(locks, #ARGV - 5)])
  redis.call('SET', KEYS[1], locks, 'PX', lockMs)
  redis.call('PEXPIRE', KEYS[3], lockMs + tonumber(ARGV[5]))
  redis.call('DEL', KEYS[2])
end
return {0, 0}
`;

/** A success: the account starts afresh, and the address gets its attempt back. Same KEYS. */
const SUCCEEDED = `
redis.call('DEL', KEYS[1], KEYS[2], KEYS[3])
if tonumber(redis.call('GET', KEYS[4]) or '0') > 0 then redis.call('DECR', KEYS[4]) end
return 0
`;

/** An attempt that was never judged (the server was busy): give its counts back, nothing more. */
const WITHDRAWN = `
for _, key in ipairs({KEYS[2], KEYS[4]}) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 0
`;

/** The sign-in counters, in Redis so that every api replica sees the same ones. */
@Injectable()
export class LoginAttempts {
  private readonly ladder: number[];

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.ladder = lockLadder(config.loginLockBaseMs, config.loginLockMaxMs);
  }

  /** Decides whether an attempt may check its password, and if so counts it as a failure for now. */
  async admit(email: string, address: string): Promise<LoginGate> {
    const c = this.config;
    const reply = (await this.redis.eval(
      ADMIT,
      4,
      ...this.keys(email, address),
      c.loginRateLimit,
      c.loginRateWindowMs,
      c.loginAccountFailures,
      c.loginAccountWindowMs,
      lockMemoryMs(c.loginLockMaxMs),
      ...this.ladder,
    )) as [number, number];
    return gateOf(reply);
  }

  succeeded(email: string, address: string): Promise<unknown> {
    return this.redis.eval(SUCCEEDED, 4, ...this.keys(email, address));
  }

  withdrawn(email: string, address: string): Promise<unknown> {
    return this.redis.eval(WITHDRAWN, 4, ...this.keys(email, address));
  }

  private keys(email: string, address: string): string[] {
    const account = `${this.config.redisPrefix}:login:account:${accountKeyOf(email)}`;
    return [
      `${account}:lock`,
      `${account}:failures`,
      `${account}:locks`,
      `${this.config.redisPrefix}:login:address:${clientKeyOf(address)}`,
    ];
  }
}
