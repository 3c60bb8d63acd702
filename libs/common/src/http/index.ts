export * from './pagination';
export * from './uuid-param';
