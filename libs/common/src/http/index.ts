export * from './pagination';
export * from './uuid-param';
export * from './safe-text';
