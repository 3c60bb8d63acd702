import { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { S3Settings } from '@app/common/config';
import { DocumentStore, ObjectMissing, StoreUnavailable } from './document-store';

/** Bytes per multipart part (S3's minimum): with two parts in flight an upload holds ~10 MiB at most. */
const PART_SIZE = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 2;
/**
 * Up to this size, an object whose length is known in advance goes up as one streamed PUT: one
 * request instead of a multipart upload's create, parts and completion, and nothing buffered (the
 * parts of a multipart upload are held in memory until sent). AWS advises multipart above ~100 MB.
 */
const SINGLE_PUT_MAX_BYTES = 64 * 1024 * 1024;
const PREFIX = 'documents/';

/**
 * Sealed objects in an S3-compatible bucket (AWS, MinIO, …) through the official SDK; large
 * objects go up as a multipart upload, which is aborted when the upload fails (so nothing is left).
 * Checksums are sent only where S3 requires them: the content is authenticated by its own GCM tags,
 * and older S3-compatible stores do not understand the SDK's newer trailing checksums.
 */
export class S3DocumentStore implements DocumentStore {
  readonly kind = 's3' as const;
  readonly client: S3Client;

  constructor(private readonly settings: S3Settings) {
    this.client = new S3Client({
      region: settings.region,
      endpoint: settings.endpoint,
      forcePathStyle: settings.forcePathStyle,
      credentials: settings.credentials,
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
      maxAttempts: 3,
    });
  }

  objectKey(key: string): string {
    return PREFIX + key;
  }

  async put(key: string, body: Readable, length?: number): Promise<void> {
    try {
      if (length !== undefined && length <= SINGLE_PUT_MAX_BYTES) await this.putWhole(key, body, length);
      else await this.putInParts(key, body);
    } catch (err) {
      body.destroy();
      // The body's own failure (a broken upload, a 413) comes back through the SDK or as the abort it
      // caused: keep it as it is.
      if (body.errored) throw body.errored;
      throw storeError(err);
    }
  }

  /** One streamed PUT of a body of known length; aborted the moment the body fails (S3 then keeps nothing). */
  private async putWhole(key: string, body: Readable, length: number): Promise<void> {
    const abort = new AbortController();
    const stop = () => abort.abort();
    body.once('error', stop);
    try {
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.settings.bucket,
          Key: this.objectKey(key),
          Body: body,
          ContentLength: length,
          ContentType: 'application/octet-stream',
        }),
        { abortSignal: abort.signal },
      );
    } finally {
      body.off('error', stop);
    }
  }

  private async putInParts(key: string, body: Readable): Promise<void> {
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.settings.bucket, Key: this.objectKey(key), Body: body, ContentType: 'application/octet-stream' },
      partSize: PART_SIZE,
      queueSize: PARTS_IN_FLIGHT,
      leavePartsOnError: false,
    });
    await upload.done();
  }

  async read(key: string, range: { start: number; end: number }): Promise<Readable> {
    try {
      const answer = await this.client.send(
        new GetObjectCommand({
          Bucket: this.settings.bucket,
          Key: this.objectKey(key),
          Range: `bytes=${range.start}-${range.end}`,
        }),
      );
      return answer.Body as Readable;
    } catch (err) {
      if (isMissing(err)) throw new ObjectMissing(key);
      throw storeError(err);
    }
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.settings.bucket, Key: this.objectKey(key) }));
    } catch (err) {
      if (!isMissing(err)) throw storeError(err);
    }
  }

  onApplicationShutdown(): void {
    this.client.destroy();
  }
}

/** No such key, or (a range past its end) an object shorter than the row says: both mean the object is not as stored. */
function isMissing(err: unknown): boolean {
  if (!(err instanceof S3ServiceException)) return false;
  return err.name === 'NoSuchKey' || err.name === 'InvalidRange' || [404, 416].includes(err.$metadata?.httpStatusCode ?? 0);
}

function storeError(err: unknown): StoreUnavailable {
  const e = err as { name?: string; message?: string };
  return new StoreUnavailable(`S3 store: ${e?.name ?? 'Error'}: ${e?.message ?? ''}`, { cause: err });
}
