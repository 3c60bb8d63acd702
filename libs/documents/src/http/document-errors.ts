import { DomainError, notFound, unavailable } from '@app/common/domain-error';
import { OUTAGE_RETRY_AFTER_SECONDS } from '@app/common/problem';
import { ACCEPTED_FORMAT_NAMES, ACCEPTED_MEDIA_TYPES, ACCEPTED_TYPE_NAMES } from '../inspect/media-type';

/**
 * An answer whose status the shared DomainError kinds do not cover (413, 415, 416, 500 with a
 * code of ours). DocumentsProblemFilter writes it as problem+json, like every other error.
 */
export class DocumentHttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'DocumentHttpError';
  }
}

export const documentTooLarge = (maxBytes: number) =>
  new DocumentHttpError(413, 'documents.too_large', `The file is larger than the limit of ${maxBytes} bytes.`, { maxBytes });

export const unsupportedType = () =>
  new DocumentHttpError(
    415,
    'documents.unsupported_type',
    `This type of file is not accepted. Accepted: ${ACCEPTED_TYPE_NAMES} (decided by the file's content, not its name).`,
    { accepted: ACCEPTED_MEDIA_TYPES, acceptedFormats: ACCEPTED_FORMAT_NAMES },
  );

export const notMultipart = () =>
  new DocumentHttpError(415, 'documents.not_multipart', 'Send the file as multipart/form-data, in a part named "file".');

export const fileMissing = () =>
  new DomainError('invalid', 'documents.file_missing', 'The request carries no file.', {}, [
    { field: 'file', message: 'must be a file part' },
  ]);

export const uploadIncomplete = () =>
  new DomainError(
    'invalid',
    'documents.upload_incomplete',
    'The upload ended before the whole file arrived; nothing was stored.',
  );

export const rangeNotSatisfiable = (size: number) =>
  new DocumentHttpError(
    416,
    'documents.range_not_satisfiable',
    `The requested range is outside the file (${size} bytes).`,
    { size },
    { 'content-range': `bytes */${size}` },
  );

export const integrityFailure = (id: string) =>
  new DocumentHttpError(
    500,
    'documents.integrity_failure',
    `The stored file ${id} does not match what was uploaded; it is not served. The operators have been alerted.`,
  );

export const documentNotFound = (id: string) => notFound('documents.not_found', `No document ${id}.`);

export const documentForbidden = (id: string) =>
  new DomainError('forbidden', 'documents.forbidden', `You may not read document ${id}.`);

export const storeUnavailable = () =>
  unavailable(
    'documents.store_unavailable',
    'The document store is briefly unavailable, so the request could not be completed. Please retry shortly.',
    OUTAGE_RETRY_AFTER_SECONDS,
  );

export const badDeclaredSize = () =>
  new DomainError('invalid', 'documents.size_invalid', 'The declared size must be a whole number of bytes.', {}, [
    { field: 'size', message: 'must be a whole number of bytes, 0 or more' },
  ]);

export const sizeMismatch = (declared: number) =>
  new DomainError(
    'invalid',
    'documents.size_mismatch',
    `The file is not the ${declared} bytes declared in "size"; nothing was stored.`,
    { declared },
    [{ field: 'size', message: 'must be the file’s exact size in bytes' }],
  );
