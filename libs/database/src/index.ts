export * from './money.transformer';
export * from './snake-naming.strategy';
export * from './timestamp.column';
export * from './database-options';
export * from './database.module';
export * from './transaction';
export * from './raw-sql';
export * from './rows';
