import { JwtService } from '@nestjs/jwt';
import { DomainError } from '@app/common/domain-error';

/** Claims we put in a token; the guard re-reads the user anyway, so a role change applies at once. */
export interface TokenClaims {
  sub: string;
  role: string;
  org: string | null;
  iat: number;
  exp: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const unauthenticated = (message: string) => new DomainError('unauthorized', 'identity.unauthenticated', message);

/**
 * The claims of a token we would have issued, or null. The signature alone is not enough: a
 * token signed without `exp` would be good forever, and a `sub` that is not a UUID would reach
 * the users query and fail there as a 400 instead of a 401.
 */
export function claimsOf(payload: unknown): TokenClaims | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const claims = payload as Partial<Record<keyof TokenClaims, unknown>>;
  const isTime = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  if (!isTime(claims.exp) || !isTime(claims.iat)) return null;
  if (typeof claims.sub !== 'string' || !UUID.test(claims.sub)) return null;
  return payload as TokenClaims;
}

/**
 * Verifies a bearer token (signature, algorithm, expiry) and its claims; throws 401
 * `identity.unauthenticated` for any token we would not have issued. For every door that takes
 * our tokens (the api's AuthGuard, the queue dashboard), so they all refuse the same tokens.
 */
export async function verifyAccessToken(jwt: JwtService, token: string): Promise<TokenClaims> {
  let payload: unknown;
  try {
    payload = await jwt.verifyAsync(token);
  } catch {
    throw unauthenticated('The token is invalid or has expired.');
  }
  const claims = claimsOf(payload);
  if (!claims) throw unauthenticated('The token is not one this service issued (it lacks exp, iat or a user id).');
  return claims;
}

/**
 * `Authorization: Bearer <token>` → its verified claims (see verifyAccessToken); any other header
 * is a 401. Both doors that take our tokens read the header through this.
 */
export function verifyBearerHeader(jwt: JwtService, authorization: string): Promise<TokenClaims> {
  const [scheme, token] = authorization.split(' ');
  if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('The Authorization header must be "Bearer <token>".');
  return verifyAccessToken(jwt, token);
}
