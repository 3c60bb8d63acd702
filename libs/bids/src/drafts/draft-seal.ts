import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyRing } from '@app/documents';

/**
 * A bid draft sealed at rest, as a document is (libs/documents): its own random data key encrypts
 * the content with AES-256-GCM, and the key ring wraps that data key. Both are bound to the draft's
 * scope (challenge and organisation), so sealed bytes or a wrapped key copied onto another
 * organisation's row do not open. Pure: no Nest, no database.
 */
export interface SealedDraft {
  keyId: string;
  wrappedKey: Buffer;
  /** `iv (12) ‖ ciphertext ‖ tag (16)`. */
  sealed: Buffer;
}

/** The content could not be opened: a retired key, or bytes that fail authentication. */
export class DraftSealBroken extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DraftSealBroken';
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const DATA_KEY_BYTES = 32;

/** What a draft's seal is bound to: one organisation's draft on one challenge. */
export const draftScope = (challengeId: string, organizationId: string): string => `bid-draft|${challengeId}|${organizationId}`;

export function sealDraft(ring: KeyRing, scope: string, plain: Buffer): SealedDraft {
  const dataKey = randomBytes(DATA_KEY_BYTES);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', dataKey, iv);
  cipher.setAAD(Buffer.from(scope));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  const { keyId, wrapped } = ring.wrap(dataKey, scope);
  return { keyId, wrappedKey: wrapped, sealed: Buffer.concat([iv, body, cipher.getAuthTag()]) };
}

export function openDraft(ring: KeyRing, scope: string, draft: SealedDraft): Buffer {
  let dataKey: Buffer;
  try {
    dataKey = ring.unwrap(draft.keyId, draft.wrappedKey, scope);
  } catch (err) {
    throw new DraftSealBroken((err as Error).message);
  }
  if (draft.sealed.length < IV_BYTES + TAG_BYTES) throw new DraftSealBroken('sealed draft too short');
  const decipher = createDecipheriv('aes-256-gcm', dataKey, draft.sealed.subarray(0, IV_BYTES));
  decipher.setAAD(Buffer.from(scope));
  decipher.setAuthTag(draft.sealed.subarray(draft.sealed.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(draft.sealed.subarray(IV_BYTES, draft.sealed.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DraftSealBroken('the draft does not open: it was changed, or sealed for another organisation');
  }
}
