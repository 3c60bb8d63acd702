export * from './startup-logger';
