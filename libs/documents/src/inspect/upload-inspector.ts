import { createHash } from 'node:crypto';
import { Transform, TransformCallback } from 'node:stream';
import { documentTooLarge, sizeMismatch, unsupportedType } from '../http/document-errors';
import { DocumentMediaType, MediaSniffer } from './media-type';

/**
 * The upload as it streams past: its size (a 413 the moment it crosses the limit), its SHA-256 and
 * its type (a 415 as soon as the first bytes rule out every accepted type). Passes the bytes on
 * unchanged to the sealer; nothing is held beyond the sniffer's small window.
 */
export class UploadInspector extends Transform {
  size = 0;
  private readonly hash = createHash('sha256');
  private readonly sniffer = new MediaSniffer();
  private digest: string | undefined;

  /** `declaredSize`: the size the client announced; the upload must be exactly that long. */
  constructor(
    private readonly maxBytes: number,
    private readonly declaredSize?: number,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.size += chunk.length;
    if (this.size > this.maxBytes) return done(documentTooLarge(this.maxBytes));
    if (this.declaredSize !== undefined && this.size > this.declaredSize) return done(sizeMismatch(this.declaredSize));
    this.sniffer.feed(chunk);
    if (!this.sniffer.early()) return done(unsupportedType());
    this.hash.update(chunk);
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    if (this.declaredSize !== undefined && this.size !== this.declaredSize) return done(sizeMismatch(this.declaredSize));
    this.digest = this.hash.digest('hex');
    done();
  }

  /** After the stream ended: the type, or null when none of the accepted ones. */
  mediaType(): DocumentMediaType | null {
    return this.sniffer.verdict();
  }

  sha256(): string {
    if (this.digest === undefined) throw new Error('the upload has not ended');
    return this.digest;
  }
}
