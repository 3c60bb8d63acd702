import type { RedisOptions } from 'bullmq';

/**
 * ioredis options for BullMQ from a `redis://` / `rediss://` URL. BullMQ opens its own
 * connections (a worker needs a blocking one), so we hand it options, not a shared client.
 * Workers need `maxRetriesPerRequest: null` (BullMQ retries forever while Redis is away).
 */
export function bullConnection(redisUrl: string, role: 'producer' | 'worker'): RedisOptions {
  const url = new URL(redisUrl);
  const db = url.pathname && url.pathname !== '/' ? Number(url.pathname.slice(1)) : 0;
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : 6379,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    db: Number.isInteger(db) ? db : 0,
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
    maxRetriesPerRequest: role === 'worker' ? null : 3,
    // A producer (the api) fails fast when Redis is away; the reconcile job repairs what was lost.
    enableOfflineQueue: role === 'worker',
    connectionName: `jiebang-jobs-${role}`,
  };
}
