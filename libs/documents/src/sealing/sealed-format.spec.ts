import { randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { KeyRing, KeyUnavailable } from './key-ring';
import {
  Opener,
  SealBroken,
  SealParams,
  Sealer,
  TAG_BYTES,
  chunkCount,
  sealChunk,
  sealedRange,
  sealedSize,
} from './sealed-format';

const params = (chunkSize: number): SealParams => ({ key: randomBytes(32), noncePrefix: randomBytes(7), chunkSize });

/** Seals `plain`, delivered in pieces of the given sizes (how a network hands it over). */
async function seal(p: SealParams, plain: Buffer, pieces: number[] = []): Promise<Buffer> {
  const parts: Buffer[] = [];
  let at = 0;
  for (const n of pieces) {
    if (at >= plain.length) break;
    parts.push(plain.subarray(at, at + n));
    at += n;
  }
  if (at < plain.length) parts.push(plain.subarray(at));
  const sealer = new Sealer(p);
  const [out] = await Promise.all([buffer(sealer), pipeline(Readable.from(parts), sealer)]);
  return out;
}

async function open(p: SealParams, size: number, sealed: Buffer, start = 0, end = size - 1): Promise<Buffer> {
  const r = sealedRange(size, p.chunkSize, start, end);
  const opener = new Opener(p, size, r);
  const [out] = await Promise.all([
    buffer(opener),
    pipeline(Readable.from([sealed.subarray(r.sealedStart, r.sealedEnd + 1)]), opener),
  ]);
  return out;
}

const plaintexts = fc.uint8Array({ minLength: 0, maxLength: 600 }).map((a) => Buffer.from(a));
const chunkSizes = fc.integer({ min: 1, max: 64 });
const pieceSizes = fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 20 });

describe('the sealed format (chunked AES-256-GCM)', () => {
  it('round-trips any plaintext, whatever the chunk size and however it is delivered', async () => {
    await fc.assert(
      fc.asyncProperty(plaintexts, chunkSizes, pieceSizes, async (plain, chunkSize, pieces) => {
        const p = params(chunkSize);
        const sealed = await seal(p, plain, pieces);
        expect(sealed.length).toBe(sealedSize(plain.length, chunkSize));
        expect((await open(p, plain.length, sealed)).equals(plain)).toBe(true);
      }),
    );
  });

  it('opens any range to exactly that slice of the plaintext', async () => {
    await fc.assert(
      fc.asyncProperty(
        plaintexts.filter((b) => b.length > 0),
        chunkSizes,
        fc.nat(),
        fc.nat(),
        async (plain, chunkSize, a, b) => {
          const p = params(chunkSize);
          const sealed = await seal(p, plain);
          const [start, end] = [a % plain.length, b % plain.length].sort((x, y) => x - y);
          expect((await open(p, plain.length, sealed, start, end)).equals(plain.subarray(start, end + 1))).toBe(true);
        },
      ),
    );
  });
});

describe('the sealed format refuses tampering', () => {
  it('refuses any flipped bit', async () => {
    await fc.assert(
      fc.asyncProperty(plaintexts, chunkSizes, fc.nat(), fc.integer({ min: 0, max: 7 }), async (plain, chunkSize, at, bit) => {
        const p = params(chunkSize);
        const sealed = await seal(p, plain);
        sealed[at % sealed.length] ^= 1 << bit;
        await expect(open(p, plain.length, sealed)).rejects.toBeInstanceOf(SealBroken);
      }),
    );
  });

  it('refuses reordered chunks', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 2, max: 8 }), fc.nat(), fc.nat(), async (chunks, a, b) => {
        const chunkSize = 16;
        const p = params(chunkSize);
        const plain = randomBytes(chunks * chunkSize); // full chunks: all frames the same length
        const sealed = await seal(p, plain);
        const frames = Array.from({ length: chunks }, (_, i) =>
          sealed.subarray(i * (chunkSize + TAG_BYTES), (i + 1) * (chunkSize + TAG_BYTES)),
        );
        const [i, j] = [a % chunks, b % chunks];
        fc.pre(i !== j);
        [frames[i], frames[j]] = [frames[j], frames[i]];
        await expect(open(p, plain.length, Buffer.concat(frames))).rejects.toBeInstanceOf(SealBroken);
      }),
    );
  });

  it('refuses a truncated object, even cut at a chunk boundary, and one claimed shorter than it is', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 7 }), async (chunks, keep) => {
        const chunkSize = 16;
        const p = params(chunkSize);
        const plain = randomBytes(chunks * chunkSize + 5);
        const sealed = await seal(p, plain);
        const kept = Math.min(keep, chunks);
        // Cut at a boundary and claim the shorter size: the new last chunk was not sealed as final.
        const cut = sealed.subarray(0, kept * (chunkSize + TAG_BYTES));
        await expect(open(p, kept * chunkSize, cut)).rejects.toBeInstanceOf(SealBroken);
        // Cut anywhere, size as recorded.
        await expect(open(p, plain.length, sealed.subarray(0, sealed.length - 1))).rejects.toBeInstanceOf(SealBroken);
      }),
    );
  });

  it('refuses another document key or nonce', async () => {
    const p = params(32);
    const plain = randomBytes(100);
    const sealed = await seal(p, plain);
    await expect(open({ ...p, key: randomBytes(32) }, plain.length, sealed)).rejects.toBeInstanceOf(SealBroken);
    await expect(open({ ...p, noncePrefix: randomBytes(7) }, plain.length, sealed)).rejects.toBeInstanceOf(SealBroken);
  });

  it('seals an empty file as one final, empty chunk', async () => {
    const p = params(16);
    const sealed = await seal(p, Buffer.alloc(0));
    expect(sealed.length).toBe(TAG_BYTES);
    expect(chunkCount(0, 16)).toBe(1);
    expect(sealed.equals(sealChunk(p, 0, true, Buffer.alloc(0)))).toBe(true);
    expect((await open(p, 0, sealed)).length).toBe(0);
  });
});

describe('KeyRing', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('unwraps with the key that wrapped, after rotation too', () => {
    const old = new KeyRing('k1', new Map([['k1', k1]]));
    const dataKey = randomBytes(32);
    const w = old.wrap(dataKey, 'doc-1');
    expect(w.keyId).toBe('k1');
    const rotated = new KeyRing(
      'k2',
      new Map([
        ['k1', k1],
        ['k2', k2],
      ]),
    );
    expect(rotated.unwrap(w.keyId, w.wrapped, 'doc-1').equals(dataKey)).toBe(true);
    const again = rotated.rewrap(w.keyId, w.wrapped, 'doc-1');
    expect(again.keyId).toBe('k2');
    expect(new KeyRing('k2', new Map([['k2', k2]])).unwrap('k2', again.wrapped, 'doc-1').equals(dataKey)).toBe(true);
  });

  it('binds the wrapped key to its document and refuses unknown key ids', () => {
    const ring = new KeyRing('k1', new Map([['k1', k1]]));
    const w = ring.wrap(randomBytes(32), 'doc-1');
    expect(() => ring.unwrap('k1', w.wrapped, 'doc-2')).toThrow(KeyUnavailable);
    expect(() => ring.unwrap('k9', w.wrapped, 'doc-1')).toThrow(KeyUnavailable);
  });
});
