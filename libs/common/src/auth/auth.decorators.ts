import { ExecutionContext, SetMetadata, createParamDecorator } from '@nestjs/common';
import { AuthUser, Role } from './auth-user';

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';

/** Anyone may call this route; a valid bearer token, if sent, still identifies the caller. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Only these roles may call this route (after authentication). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

/** The authenticated caller (`undefined` on a public route called anonymously). */
export const CurrentUser = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AuthUser | undefined => ctx.switchToHttp().getRequest().user,
);
