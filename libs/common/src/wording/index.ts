// Pure (no Nest, no I/O): the web app imports this face too (apps/web vite/tsconfig aliases).
export * from './formats';
export * from './language';
