import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { FastifyRequest } from 'fastify';
import { AuthUser, IS_PUBLIC, ROLES, Role } from '@app/common/auth';
import { DomainError } from '@app/common/domain-error';
import type { UserRecord } from '../repositories/users.repository';
import { unauthenticated, verifyBearerHeader } from './access-token';
import { refusesWrite } from './read-only-roles';
import { UserStateCache } from './user-state-cache';

interface RouteAccess {
  isPublic: boolean;
  roles: Role[] | undefined;
}

/** The request after this guard: `user` for every feature, `userRow` for identity's own routes. */
export type AuthenticatedRequest = FastifyRequest & { user?: AuthUser; userRow?: UserRecord };

/**
 * Global guard: authenticates the bearer token (if any) and enforces `@Public()` and `@Roles()`, and
 * refuses every state-changing method to read-only roles (auditors), whatever the route.
 * The user's state is checked on every request (user-state-cache.ts: a memo validated by its version
 * in Redis, else the row), so a deactivated account is refused at once, on every replica, without a
 * revocation list.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly jwt: JwtService,
    private readonly users: UserStateCache,
  ) {}

  /** `@Public()` and `@Roles()` of a route, read once per handler and class (they are fixed at start-up). */
  private readonly access = new WeakMap<object, WeakMap<object, RouteAccess>>();

  private accessOf(context: ExecutionContext): RouteAccess {
    const handler = context.getHandler();
    const cls = context.getClass();
    let byClass = this.access.get(handler);
    if (!byClass) this.access.set(handler, (byClass = new WeakMap()));
    let access = byClass.get(cls);
    if (!access) {
      const targets = [handler, cls];
      access = {
        isPublic: this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) ?? false,
        roles: this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets),
      };
      byClass.set(cls, access);
    }
    return access;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const { isPublic, roles } = this.accessOf(context);
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization;

    if (!header) {
      if (isPublic) return true;
      throw unauthenticated('Sign in: this route needs a bearer token.');
    }
    const claims = await verifyBearerHeader(this.jwt, header);
    const user = await this.users.find(claims.sub);
    if (!user) throw unauthenticated('The token’s user no longer exists.');
    if (!user.active) throw new DomainError('forbidden', 'identity.user_deactivated', 'This account has been deactivated.');
    request.userRow = user;
    request.user = {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: user.role,
      organizationId: user.organizationId,
    };

    if (refusesWrite(user.role, request.method)) {
      throw new DomainError('forbidden', 'identity.read_only_role', 'This account may only read: it cannot change anything.');
    }
    if (roles?.length && !roles.includes(user.role)) {
      throw new DomainError('forbidden', 'identity.role_forbidden', `This action is for ${roles.join(' or ')} users.`).withParams(
        { roles },
      );
    }
    return true;
  }
}
