import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { DATA_KEY_BYTES } from './sealed-format';

/** The data key of a document could not be unwrapped: an unknown key id, or a wrapped key that fails authentication. */
export class KeyUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyUnavailable';
  }
}

const WRAP_IV_BYTES = 12;
const WRAP_TAG_BYTES = 16;

/**
 * Key-encryption keys by id. A document's data key is wrapped with AES-256-GCM under the current
 * key, bound to the document's id (so a wrapped key copied onto another row does not open), as
 * `iv (12) ‖ ciphertext (32) ‖ tag (16)`; the row keeps the key's id, so retired keys stay usable
 * for the documents they wrapped while new documents use the new one.
 */
export class KeyRing {
  constructor(
    private readonly currentId: string,
    private readonly keks: ReadonlyMap<string, Buffer>,
  ) {
    if (!keks.has(currentId)) throw new Error(`no key-encryption key "${currentId}"`);
  }

  /** The id of the key that wraps new data keys. */
  get currentKeyId(): string {
    return this.currentId;
  }

  wrap(dataKey: Buffer, documentId: string): { keyId: string; wrapped: Buffer } {
    const iv = randomBytes(WRAP_IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keks.get(this.currentId) as Buffer, iv);
    cipher.setAAD(aadFor(documentId));
    const body = Buffer.concat([cipher.update(dataKey), cipher.final()]);
    return { keyId: this.currentId, wrapped: Buffer.concat([iv, body, cipher.getAuthTag()]) };
  }

  unwrap(keyId: string, wrapped: Buffer, documentId: string): Buffer {
    const kek = this.keks.get(keyId);
    if (!kek) throw new KeyUnavailable(`no key-encryption key "${keyId}" is configured`);
    if (wrapped.length !== WRAP_IV_BYTES + DATA_KEY_BYTES + WRAP_TAG_BYTES) throw new KeyUnavailable('malformed wrapped key');
    const decipher = createDecipheriv('aes-256-gcm', kek, wrapped.subarray(0, WRAP_IV_BYTES));
    decipher.setAAD(aadFor(documentId));
    decipher.setAuthTag(wrapped.subarray(wrapped.length - WRAP_TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(wrapped.subarray(WRAP_IV_BYTES, wrapped.length - WRAP_TAG_BYTES)), decipher.final()]);
    } catch {
      throw new KeyUnavailable(`the data key does not open under key "${keyId}"`);
    }
  }

  /** Re-wraps a data key under the current key (rotation without re-encrypting the file). */
  rewrap(keyId: string, wrapped: Buffer, documentId: string): { keyId: string; wrapped: Buffer } {
    return this.wrap(this.unwrap(keyId, wrapped, documentId), documentId);
  }
}

const aadFor = (documentId: string) => Buffer.from(`jiebang-data-key-v1|${documentId}`);
