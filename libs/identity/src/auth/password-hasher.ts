import * as argon2 from 'argon2';

/**
 * argon2id with the library's defaults (64 MiB, 3 passes, 4 lanes): about 110 ms a hash on our
 * 2-core machines, slow enough to make offline guessing expensive (the issue asks for ≥ 50 ms).
 */
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export const verifyPassword = (hash: string, password: string): Promise<boolean> =>
  argon2.verify(hash, password).catch(() => false);

/**
 * Verified against when the email is unknown, so that "no such user" and "wrong password" take the
 * same time and an attacker cannot learn which emails exist.
 */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword('decoy-password-that-matches-nothing'));
