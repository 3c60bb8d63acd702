export * from './app-config';
export * from './duration';
export * from './config.module';
