import { createHash, randomBytes } from 'node:crypto';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { KeyRing, KeyUnavailable } from './key-ring';
import {
  Opener,
  SealBroken,
  SealFormat,
  SealParams,
  Sealer,
  TAG_BYTES,
  chunkCount,
  sealChunk,
  sealedRange,
  sealedSize,
} from './sealed-format';

const params = (chunkSize: number, format: SealFormat = 2): SealParams => ({
  key: randomBytes(32),
  noncePrefix: randomBytes(7),
  chunkSize,
  format,
});
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest();

/** The parameters that open what `seal` sealed: format 2 needs the plaintext's SHA-256. */
const opening = (p: SealParams, plain: Buffer): SealParams => (p.format === 2 ? { ...p, commitment: sha256(plain) } : p);

/** `whole` cut into pieces of the given sizes, the rest as one piece (how a network or a disk hands it over). */
function cut(whole: Buffer, pieces: number[]): Buffer[] {
  const parts: Buffer[] = [];
  let at = 0;
  for (const n of pieces) {
    if (at >= whole.length) break;
    parts.push(whole.subarray(at, at + n));
    at += n;
  }
  if (at < whole.length) parts.push(whole.subarray(at));
  return parts;
}

/** Seals `plain`, delivered in pieces of the given sizes. */
async function seal(p: SealParams, plain: Buffer, pieces: number[] = [], batchBytes?: number): Promise<Buffer> {
  const sealer = new Sealer(p, p.format === 2 ? () => sha256(plain) : undefined, batchBytes);
  const [out] = await Promise.all([buffer(sealer), pipeline(Readable.from(cut(plain, pieces)), sealer)]);
  return out;
}

async function open(
  p: SealParams,
  size: number,
  sealed: Buffer,
  start = 0,
  end = size - 1,
  pieces: number[] = [],
): Promise<Buffer> {
  const r = sealedRange(size, p.chunkSize, start, end);
  const opener = new Opener(p, size, r);
  const [out] = await Promise.all([
    buffer(opener),
    pipeline(Readable.from(cut(sealed.subarray(r.sealedStart, r.sealedEnd + 1), pieces)), opener),
  ]);
  return out;
}

const plaintexts = fc.uint8Array({ minLength: 0, maxLength: 600 }).map((a) => Buffer.from(a));
const chunkSizes = fc.integer({ min: 1, max: 64 });
const pieceSizes = fc.array(fc.integer({ min: 1, max: 100 }), { maxLength: 20 });
const formats = fc.constantFrom<SealFormat>(1, 2);
const batchSizes = fc.integer({ min: 1, max: 300 });

describe('the sealed format (chunked AES-256-GCM)', () => {
  it('round-trips any plaintext, whatever the chunk size, however it is delivered and handed on', async () => {
    await fc.assert(
      fc.asyncProperty(
        plaintexts,
        chunkSizes,
        pieceSizes,
        formats,
        batchSizes,
        pieceSizes,
        async (plain, chunkSize, pieces, format, batch, readPieces) => {
          const p = params(chunkSize, format);
          const sealed = await seal(p, plain, pieces, batch);
          expect(sealed.length).toBe(sealedSize(plain.length, chunkSize));
          const opened = await open(opening(p, plain), plain.length, sealed, 0, plain.length - 1, readPieces);
          expect(opened.equals(plain)).toBe(true);
        },
      ),
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
          const out = await open(opening(p, plain), plain.length, sealed, start, end);
          expect(out.equals(plain.subarray(start, end + 1))).toBe(true);
        },
      ),
    );
  });
});

describe('the sealed format with chunks larger than the cipher is fed at once', () => {
  it('round-trips and opens any range (chunks of 20,000 bytes, fed in 8 KiB slices)', async () => {
    const plain = randomBytes(3 * 20_000 + 7);
    const p = params(20_000);
    const sealed = await seal(p, plain, [5000, 30_000, 1]);
    await fc.assert(
      fc.asyncProperty(fc.nat(plain.length - 1), fc.nat(plain.length - 1), async (a, b) => {
        const [start, end] = [a, b].sort((x, y) => x - y);
        const out = await open(opening(p, plain), plain.length, sealed, start, end);
        expect(out.equals(plain.subarray(start, end + 1))).toBe(true);
      }),
      { numRuns: 40 },
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
        await expect(open(opening(p, plain), plain.length, sealed)).rejects.toBeInstanceOf(SealBroken);
      }),
    );
  });

  it('format 2: the final chunk refuses any other SHA-256 than the one it was sealed with', async () => {
    await fc.assert(
      fc.asyncProperty(plaintexts, chunkSizes, fc.uint8Array({ minLength: 32, maxLength: 32 }), async (plain, size, other) => {
        const p = params(size);
        const sealed = await seal(p, plain);
        const claimed = Buffer.from(other);
        fc.pre(!claimed.equals(sha256(plain)));
        await expect(open({ ...p, commitment: claimed }, plain.length, sealed)).rejects.toBeInstanceOf(SealBroken);
      }),
    );
  });

  it('a format-1 object does not open as format 2, nor the other way round', async () => {
    const plain = randomBytes(100);
    const v1 = params(32, 1);
    const v2 = params(32, 2);
    await expect(open(opening({ ...v1, format: 2 }, plain), 100, await seal(v1, plain))).rejects.toBeInstanceOf(SealBroken);
    await expect(open({ ...v2, format: 1 }, 100, await seal(v2, plain))).rejects.toBeInstanceOf(SealBroken);
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
        await expect(open(opening(p, plain), plain.length, Buffer.concat(frames))).rejects.toBeInstanceOf(SealBroken);
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
        await expect(open(opening(p, plain.subarray(0, kept * chunkSize)), kept * chunkSize, cut)).rejects.toBeInstanceOf(
          SealBroken,
        );
        // Cut anywhere, size as recorded.
        await expect(open(opening(p, plain), plain.length, sealed.subarray(0, sealed.length - 1))).rejects.toBeInstanceOf(
          SealBroken,
        );
      }),
    );
  });

  it('refuses another document key or nonce', async () => {
    const p = params(32);
    const plain = randomBytes(100);
    const sealed = await seal(p, plain);
    const o = opening(p, plain);
    await expect(open({ ...o, key: randomBytes(32) }, plain.length, sealed)).rejects.toBeInstanceOf(SealBroken);
    await expect(open({ ...o, noncePrefix: randomBytes(7) }, plain.length, sealed)).rejects.toBeInstanceOf(SealBroken);
  });

  it('seals an empty file as one final, empty chunk', async () => {
    const p = opening(params(16), Buffer.alloc(0));
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
