export * from './auth-user';
export * from './auth.decorators';
