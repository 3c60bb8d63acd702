export * from './credit-code';
export * from './area-codes';
