export * from './auth-user';
export * from './auth.decorators';
export * from './agency-officer';
