export * from './credit-code';
export * from './area-codes';
export * from './agency-code';
