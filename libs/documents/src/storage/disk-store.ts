import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, readdir, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DocumentStore, ObjectMissing, StoreUnavailable } from './document-store';

/**
 * Reads and writes go to the disk 1 MiB at a time. Node's defaults (64 KiB reads, 16 KiB of
 * buffered writes) cost a thread-pool round trip per small piece: measured with bench:documents,
 * with the other changes of that round, uploads went from ~60–100 to ~180–200 MB/s and downloads
 * from ~120–220 to ~550–770 MB/s on 2 cores (see the library's README).
 */
export const DISK_IO_BYTES = 1 << 20;

const isMissing = (err: unknown) => (err as { code?: unknown })?.code === 'ENOENT';

/**
 * Sealed objects as files under `DOCUMENTS_DIR`: `objects/<first 2 characters of the key>/<key>`.
 * A put writes `tmp/<random>.part`, flushes it to disk and renames it into place, so an object is
 * either whole or absent, and a crash leaves only a temporary file (removed by the orphan job).
 * Enough for one machine; several api replicas need the S3 store.
 */
export class DiskDocumentStore implements DocumentStore {
  readonly kind = 'disk' as const;
  private readonly root: string;

  constructor(dir: string) {
    this.root = resolve(dir);
  }

  /** The object's path (for tests and operators; keys are this library's own, never user input). */
  pathOf(key: string): string {
    if (!/^[A-Za-z0-9-]{8,}$/.test(key)) throw new Error('not a storage key');
    return join(this.root, 'objects', key.slice(0, 2), key);
  }

  async put(key: string, body: Readable): Promise<void> {
    const target = this.pathOf(key);
    const tmpDir = join(this.root, 'tmp');
    const tmp = join(tmpDir, `${randomUUID()}.part`);
    try {
      await mkdir(tmpDir, { recursive: true });
      // flush: fsync before close, so a renamed object is on disk, not only in the page cache.
      await pipeline(body, createWriteStream(tmp, { flags: 'wx', mode: 0o600, flush: true, highWaterMark: DISK_IO_BYTES }));
      await mkdir(join(target, '..'), { recursive: true });
      await rename(tmp, target);
    } catch (err) {
      await unlink(tmp).catch(() => undefined);
      body.destroy();
      throw isFsFailure(err) ? new StoreUnavailable(`disk store: ${(err as Error).message}`, { cause: err }) : err;
    }
  }

  async read(key: string, range: { start: number; end: number }): Promise<Readable> {
    try {
      const file = await open(this.pathOf(key), 'r');
      return file.createReadStream({ start: range.start, end: range.end, highWaterMark: DISK_IO_BYTES });
    } catch (err) {
      if (isMissing(err)) throw new ObjectMissing(key);
      throw new StoreUnavailable(`disk store: ${(err as Error).message}`, { cause: err });
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await unlink(this.pathOf(key));
    } catch (err) {
      if (!isMissing(err)) throw new StoreUnavailable(`disk store: ${(err as Error).message}`, { cause: err });
    }
  }

  /** Removes temporary files older than `olderThanMs` (left by a process that died mid-upload). */
  async sweepTemporary(olderThanMs: number): Promise<number> {
    const tmpDir = join(this.root, 'tmp');
    const names = await readdir(tmpDir).catch(() => [] as string[]);
    let removed = 0;
    for (const name of names) {
      const path = join(tmpDir, name);
      const info = await stat(path).catch(() => undefined);
      if (
        info &&
        Date.now() - info.mtimeMs > olderThanMs &&
        (await unlink(path).then(
          () => true,
          () => false,
        ))
      )
        removed += 1;
    }
    return removed;
  }
}

/** Errors of the file system itself (as opposed to the body stream failing: a broken upload, a 413). */
function isFsFailure(err: unknown): boolean {
  const e = err as { code?: unknown; syscall?: unknown };
  return typeof e?.code === 'string' && typeof e?.syscall === 'string';
}
