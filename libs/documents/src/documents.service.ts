import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuthUser } from '@app/common/auth';
import { DomainError } from '@app/common/domain-error';
import { DocumentAccess, DocumentAccessRegistry } from './access/document-access.registry';
import { DOCUMENTS_SETTINGS, DocumentsSettings } from './documents-providers';
import { DocumentDetailView, DocumentView } from './dto/views';
import {
  DocumentHttpError,
  documentForbidden,
  documentNotFound,
  integrityFailure,
  storeUnavailable,
  unsupportedType,
  uploadIncomplete,
} from './http/document-errors';
import { ByteRange, RangeRequest, chooseRange } from './http/range';
import { cleanDisplayName } from './inspect/display-name';
import { UploadInspector } from './inspect/upload-inspector';
import {
  DocumentRow,
  claimUploadIntent,
  findDocument,
  insertDocument,
  recordUploadIntent,
} from './repositories/documents.repository';
import { KeyRing, KeyUnavailable } from './sealing/key-ring';
import {
  CURRENT_SEAL_FORMAT,
  DATA_KEY_BYTES,
  DEFAULT_CHUNK_SIZE,
  NONCE_PREFIX_BYTES,
  Opener,
  SealBroken,
  SealFormat,
  SealParams,
  SealedRange,
  Sealer,
  chunkCount,
  sealedRange,
  sealedSize,
} from './sealing/sealed-format';
import { DOCUMENT_STORE, DocumentStore, ObjectMissing, StoreUnavailable } from './storage/document-store';

/** What the content route sends: the verified document, its range, and the decrypting stream. */
export interface DocumentContent {
  document: DocumentView;
  access: DocumentAccess;
  /** Null: the whole file (200); otherwise a 206 of this range. */
  range: ByteRange | null;
  body: Readable;
}

/**
 * Uploads (streamed: inspected, sealed and stored chunk by chunk, never held whole) and reads
 * (access checked on every request, the stored file verified against its SHA-256 before a byte is
 * sent). No SQL here: the repository holds it.
 */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('Documents');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(DOCUMENTS_SETTINGS) private readonly settings: DocumentsSettings,
    @Inject(DOCUMENT_STORE) private readonly store: DocumentStore,
    private readonly keys: KeyRing,
    private readonly access: DocumentAccessRegistry,
  ) {}

  /** `declaredSize`: the file's exact size, when the client said it (the store may then write in one piece). */
  async upload(source: Readable, filename: string | undefined, user: AuthUser, declaredSize?: number): Promise<DocumentView> {
    const id = randomUUID();
    const seal: SealParams = {
      key: randomBytes(DATA_KEY_BYTES),
      noncePrefix: randomBytes(NONCE_PREFIX_BYTES),
      chunkSize: DEFAULT_CHUNK_SIZE,
      format: CURRENT_SEAL_FORMAT,
    };
    const inspector = new UploadInspector(this.settings.maxBytes, declaredSize);
    try {
      await recordUploadIntent(this.dataSource.manager, id);
      // The final chunk is sealed after the inspector has seen the last byte: it commits to the hash.
      const sealer = new Sealer(seal, () => Buffer.from(inspector.sha256(), 'hex'));
      const length = declaredSize === undefined ? undefined : sealedSize(declaredSize, seal.chunkSize);
      await this.storeSealed({ key: id, length }, source, inspector, sealer);
      const mediaType = inspector.mediaType();
      if (!mediaType) throw unsupportedType();
      const { keyId, wrapped } = this.keys.wrap(seal.key, id);
      const row = await this.dataSource.transaction(async (em) => {
        // Swept already (the upload outlived DOCUMENT_ORPHAN_TTL): its object is gone or going.
        if (!(await claimUploadIntent(em, id))) throw uploadIncomplete();
        return insertDocument(em, {
          id,
          uploaded_by: user.id,
          organization_id: user.organizationId,
          name: cleanDisplayName(filename),
          media_type: mediaType,
          size: String(inspector.size),
          sha256: inspector.sha256(),
          storage_key: id,
          key_id: keyId,
          wrapped_key: wrapped,
          nonce_prefix: seal.noncePrefix,
          chunk_size: seal.chunkSize,
          seal_format: seal.format,
        });
      });
      return toView(row);
    } catch (err) {
      source.destroy();
      await this.discardObject(id);
      throw err;
    } finally {
      seal.key.fill(0);
    }
  }

  /**
   * A failed upload: its object is deleted at once, and its intent stays, so the orphan sweep deletes
   * it again after the TTL — in case the store was still finishing a write when it was deleted (s3rver
   * does so for an aborted PUT; AWS and MinIO keep nothing of one) or could not be reached.
   */
  private async discardObject(id: string): Promise<void> {
    await this.store
      .delete(id)
      .catch((e: unknown) => this.logger.warn({ err: e, documentId: id }, 'could not remove a failed upload now'));
  }

  /**
   * Upload → inspector → sealer → store, concurrently. Whichever side fails stops the other: the
   * store's failure destroys the pipe, the pipe's failure (413, 415, a broken upload) reaches the
   * store through its body, which then stores nothing.
   */
  private async storeSealed(
    { key, length }: { key: string; length?: number },
    source: Readable,
    inspector: UploadInspector,
    sealer: Sealer,
  ): Promise<void> {
    const piping = pipeline(source, inspector, sealer);
    const storing = this.store.put(key, sealer, length).catch((err: unknown) => {
      sealer.destroy(err as Error);
      throw err;
    });
    const [piped, stored] = await Promise.allSettled([piping, storing]);
    const failures = [piped, stored].flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    // Our own refusal (413, 415) first: it is why the other side stopped.
    const ours = failures.find((err) => err instanceof DocumentHttpError || err instanceof DomainError);
    if (ours) throw ours;
    if (stored.status === 'rejected' && stored.reason instanceof StoreUnavailable) {
      this.logger.warn({ err: stored.reason, documentId: key }, 'document store unavailable');
      throw storeUnavailable();
    }
    // The upload stream broke (the client went away, the multipart body is cut or malformed).
    if (piped.status === 'rejected') throw uploadIncomplete();
    if (stored.status === 'rejected') throw stored.reason;
  }

  async detail(id: string, user: AuthUser | undefined): Promise<DocumentDetailView> {
    const { row } = await this.readable(id, user);
    return {
      ...toView(row),
      subjectType: row.subject_type,
      subjectId: row.subject_id,
      role: row.role,
      attachedAt: row.attached_at ? row.attached_at.toISOString() : null,
    };
  }

  /**
   * The verified content. Format 2: the final chunk is opened against the recorded SHA-256 (its
   * commitment) and the range's first chunk is opened before the answer starts, so a changed hash,
   * end or start of the file is a 500 with nothing sent; every later chunk is authenticated before
   * a byte of it is sent, so a chunk changed in the middle cuts the answer short (logged as an
   * integrity failure) and no changed byte is ever served. Format 1 (older uploads, no commitment)
   * is read and hashed whole first, as it always was.
   */
  async content(id: string, user: AuthUser | undefined, request: RangeRequest): Promise<DocumentContent> {
    const { row, access } = await this.readable(id, user);
    const size = Number(row.size);
    const range = chooseRange(request, size, etagOf(row.sha256));
    const params = this.sealParams(row);
    if (row.seal_format === 1) await this.verifyWhole(row, params);
    else await this.checkCommitment(row, params);
    const wanted = range ?? { start: 0, end: size - 1 };
    const sealed = sealedRange(size, row.chunk_size, wanted.start, wanted.end);
    const stored = await this.storeCall(
      () => this.store.read(row.storage_key, { start: sealed.sealedStart, end: sealed.sealedEnd }),
      row,
    );
    const opener = new Opener(params, size, sealed);
    let answering = false;
    void pipeline(stored, opener).catch((err: unknown) => {
      if (answering && err instanceof SealBroken) this.integrityFailed(row, err.message);
    });
    await opener.started.catch((err: unknown) => {
      if (err instanceof SealBroken) throw this.integrityFailed(row, err.message);
      throw err instanceof StoreUnavailable ? storeUnavailable() : err;
    });
    answering = true;
    return { document: toView(row), access, range, body: opener };
  }

  /** The row, if this reader may read it: 404 when they may not know it exists, 403 when they may not read it yet. */
  private async readable(id: string, user: AuthUser | undefined): Promise<{ row: DocumentRow; access: DocumentAccess }> {
    return this.dataSource.transaction('READ COMMITTED', async (em) => {
      const row = await findDocument(em, id);
      if (!row) throw documentNotFound(id);
      const access = await this.access.accessOf(
        {
          id: row.id,
          uploadedBy: row.uploaded_by,
          organizationId: row.organization_id,
          subjectType: row.subject_type,
          subjectId: row.subject_id,
          role: row.role,
        },
        user,
        em,
      );
      if (access === 'hidden') throw documentNotFound(id);
      if (access === 'forbidden') throw documentForbidden(id);
      return { row, access };
    });
  }

  /** Format 1: reads the whole stored object, opening every chunk and hashing the plaintext; a mismatch is a 500, logged. */
  private async verifyWhole(row: DocumentRow, params: SealParams): Promise<void> {
    const size = Number(row.size);
    const range = sealedRange(size, row.chunk_size, 0, size - 1);
    const hash = createHash('sha256');
    let seen = 0;
    const sink = new Writable({
      write(chunk: Buffer, _enc, done) {
        hash.update(chunk);
        seen += chunk.length;
        done();
      },
    });
    await this.openSealed(row, params, range, sink);
    if (seen !== size || hash.digest('hex') !== row.sha256.trim())
      throw this.integrityFailed(row, 'the SHA-256 of the stored file differs');
  }

  /** Format 2: opens the final chunk, whose tag covers the recorded SHA-256 (see sealed-format.ts). */
  private async checkCommitment(row: DocumentRow, params: SealParams): Promise<void> {
    const size = Number(row.size);
    const last = Math.max(0, size - 1);
    const range = sealedRange(
      size,
      row.chunk_size,
      size === 0 ? 0 : (chunkCount(size, row.chunk_size) - 1) * row.chunk_size,
      last,
    );
    await this.openSealed(row, params, range, new Writable({ write: (_c, _e, done) => done() }));
  }

  private async openSealed(row: DocumentRow, params: SealParams, range: SealedRange, sink: Writable): Promise<void> {
    const stored = await this.storeCall(
      () => this.store.read(row.storage_key, { start: range.sealedStart, end: range.sealedEnd }),
      row,
    );
    try {
      await pipeline(stored, new Opener(params, Number(row.size), range), sink);
    } catch (err) {
      if (err instanceof SealBroken) throw this.integrityFailed(row, err.message);
      throw err instanceof StoreUnavailable ? storeUnavailable() : err;
    }
  }

  private sealParams(row: DocumentRow): SealParams {
    try {
      return {
        key: this.keys.unwrap(row.key_id, row.wrapped_key, row.id),
        noncePrefix: row.nonce_prefix,
        chunkSize: row.chunk_size,
        format: row.seal_format as SealFormat,
        commitment: Buffer.from(row.sha256.trim(), 'hex'),
      };
    } catch (err) {
      if (err instanceof KeyUnavailable) throw this.integrityFailed(row, err.message);
      throw err;
    }
  }

  private async storeCall<T>(call: () => Promise<T>, row: DocumentRow): Promise<T> {
    try {
      return await call();
    } catch (err) {
      if (err instanceof ObjectMissing) throw this.integrityFailed(row, 'the stored object is missing or shorter than recorded');
      if (err instanceof StoreUnavailable) {
        this.logger.warn({ err, documentId: row.id }, 'document store unavailable');
        throw storeUnavailable();
      }
      throw err;
    }
  }

  private integrityFailed(row: DocumentRow, reason: string): DocumentHttpError {
    this.logger.error(
      { documentId: row.id, storageKey: row.storage_key, reason, integrity: 'failure' },
      'document integrity failure',
    );
    return integrityFailure(row.id);
  }
}

export const etagOf = (sha256: string) => `"sha256-${sha256.trim()}"`;

function toView(row: DocumentRow): DocumentView {
  return {
    id: row.id,
    name: row.name,
    mediaType: row.media_type,
    size: Number(row.size),
    sha256: row.sha256.trim(),
    createdAt: row.created_at.toISOString(),
  };
}
