import { Readable } from 'node:stream';

/**
 * Where sealed objects live. Keys are chosen by this library (random, never a user's file name).
 * Implementations throw `StoreUnavailable` when the store cannot be reached or refuses to work
 * (answered 503 with Retry-After) and `ObjectMissing` when an object that should exist does not.
 */
export interface DocumentStore {
  readonly kind: 'disk' | 's3';
  /**
   * Stores `body` under `key`, whole or not at all (a failed put leaves nothing behind).
   * `length`, when known in advance, is the body's exact length (a store may then send it in one piece).
   */
  put(key: string, body: Readable, length?: number): Promise<void>;
  /** Bytes [start, end] (inclusive) of the object. */
  read(key: string, range: { start: number; end: number }): Promise<Readable>;
  /** Removes the object; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
}

export const DOCUMENT_STORE = Symbol('DOCUMENT_STORE');

export class StoreUnavailable extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailable';
  }
}

export class ObjectMissing extends Error {
  constructor(key: string) {
    super(`no stored object ${key}`);
    this.name = 'ObjectMissing';
  }
}
