export * from './redis.module';
export * from './redis-throttler.storage';
