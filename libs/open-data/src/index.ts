export * from './open-data.module';
export * from './open-data.config';
export * from './releases.service';
export * from './stats.service';
export * from './event-log';
export * from './ocds';
export * from './compile';
export * from './releases';
