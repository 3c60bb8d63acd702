export * from './app-config';
export * from './duration';
export * from './config.module';
export * from './jwt-key';
export * from './env-reader';
export * from './sections/worker.section';
export * from './sections/milestones.section';
export * from './sections/open-data.section';
