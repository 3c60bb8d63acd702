import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import pino, { DestinationStream } from 'pino';

/** Lines are written once this many bytes wait (or every FLUSH_EVERY_MS): a write per batch, not per line. */
const BATCH_BYTES = 8 * 1024;
const FLUSH_EVERY_MS = 250;
const DRAIN_TIMEOUT_MS = 2000;

type SonicBoom = ReturnType<typeof pino.destination>;

/**
 * Where the api's pino lines go: stdout, in batches written asynchronously. A synchronous write
 * per request line cost ~7% of a small request's CPU (bench:http, --cpu-prof).
 *
 * No line is lost: when shutdown begins (SIGTERM, via Nest's shutdown hooks) the batch is drained
 * and every later line (requests still draining, modules closing) is written synchronously, since
 * Nest ends by re-raising the signal, which leaves no chance for an asynchronous write. When the
 * process ends otherwise (`process.exit`, an uncaught exception) pino writes the batch synchronously
 * on the 'exit' event, as it does for every destination it builds (log-destination.spec.ts).
 *
 * When something has replaced `process.stdout.write` (a test capturing the log), lines go through
 * it, synchronously, as pino itself would do.
 */
@Injectable()
export class LogDestination implements BeforeApplicationShutdown {
  readonly stream: DestinationStream;
  private readonly batched?: SonicBoom;
  private write: (line: string) => unknown;
  private draining = false;

  constructor() {
    if (process.stdout.write !== Object.getPrototypeOf(process.stdout).write) {
      this.write = (line) => process.stdout.write(line);
    } else {
      // Buffers, not strings: sonic-boom's string mode measures its whole pending batch again on
      // every line (Buffer.byteLength), which cost more than the line's own write.
      const batched = pino.destination({
        dest: 1,
        sync: false,
        contentMode: 'buffer',
        minLength: BATCH_BYTES,
        periodicFlush: FLUSH_EVERY_MS,
      });
      this.batched = batched;
      // sonic-boom's types name strings only; in buffer mode it takes Buffers.
      const writeBuffer = batched.write.bind(batched) as unknown as (chunk: Buffer) => boolean;
      this.write = (line) => writeBuffer(Buffer.from(line));
    }
    // pino keeps this object: where it writes changes at shutdown.
    this.stream = { write: (line: string) => void this.write(line) };
  }

  /** When shutdown begins: write what waits, then write each line as it comes. */
  async beforeApplicationShutdown(): Promise<void> {
    const batched = this.batched;
    if (!batched || this.draining) return;
    this.draining = true;
    const direct = pino.destination({ dest: 1, sync: true });
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.write = (line) => direct.write(line);
        // Lines logged while the drain was confirmed (an fsync round) are written now.
        try {
          batched.flushSync();
        } catch {
          // a stdout that broke: nothing more can be written to it
        }
        resolve();
      };
      // Bounded: a stdout that broke (EPIPE) never calls back, and must not hold the shutdown.
      const timer = setTimeout(done, DRAIN_TIMEOUT_MS);
      batched.flush(done);
    });
  }
}
