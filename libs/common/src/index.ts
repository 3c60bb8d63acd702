export * from './domain-error';
export * from './config';
export * from './clock';
export * from './problem';
export * from './auth';
export * from './redis';
export * from './http';
export * from './idempotency';
