import { KeyObject, createSecretKey } from 'node:crypto';

/**
 * The JWT secret as a KeyObject. Given a string, jsonwebtoken first tries to parse it as a PEM
 * public key on every verify (and throws, and catches): that alone took ~40% of an authenticated
 * request's CPU. A KeyObject skips it. Typed as string for @nestjs/jwt's options, which pass it
 * through to jsonwebtoken unchanged.
 */
export function jwtSecretKey(secret: string): string {
  const key: KeyObject = createSecretKey(Buffer.from(secret, 'utf8'));
  return key as unknown as string;
}
