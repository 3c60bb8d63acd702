export * from './app-config';
export * from './duration';
export * from './config.module';
export * from './jwt-key';
