import { createHash } from 'node:crypto';
import { EnvReader, positiveDuration, wholeNumber } from '../env-reader';

/**
 * Documents (libs/documents): uploads, their store and the keys that seal them.
 * - `DOCUMENT_MAX_BYTES` (default 52428800, 50 MiB): the largest file; a bigger upload is a 413
 *   as soon as the limit is crossed, and nothing is stored.
 * - `DOCUMENT_ORPHAN_TTL` (default P1D): an upload not attached within this is deleted by a job.
 * - `DOCUMENTS_DIR` (default `./var/documents`): the disk store's directory (used unless
 *   `S3_BUCKET` is set).
 * - `S3_BUCKET` (turns the S3 store on), `S3_ENDPOINT` (omit for AWS itself), `S3_REGION` (default
 *   us-east-1), `S3_ACCESS_KEY_ID` + `S3_SECRET_ACCESS_KEY` (both or neither: neither uses the
 *   SDK's default credential chain), `S3_FORCE_PATH_STYLE` (true for MinIO and most self-hosted
 *   stores; default false).
 * - `DOCUMENTS_KEK` (required in production): the current key-encryption key, `<id>:<base64 of 32
 *   bytes>`; the id (letters, digits, `_ . -`, up to 32) is stored with each document. New data
 *   keys are wrapped by it.
 * - `DOCUMENTS_OLD_KEKS`: retired key-encryption keys, `<id>:<base64>,<id>:<base64>`, kept only to
 *   unwrap the data keys of documents sealed under them. Rotate by moving the current key here and
 *   setting a new `DOCUMENTS_KEK` with a new id: no file is re-encrypted.
 */
export interface DocumentsSettings {
  maxBytes: number;
  orphanTtlMs: number;
  dir: string;
  s3: S3Settings | null;
  /** The id of the key that wraps new data keys. */
  currentKekId: string;
  /** Every usable key-encryption key by id (the current one included). */
  keks: ReadonlyMap<string, Buffer>;
}

export interface S3Settings {
  bucket: string;
  endpoint?: string;
  region: string;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  forcePathStyle: boolean;
}

/** Development and tests only: a key everyone knows. Production refuses to start without DOCUMENTS_KEK. */
export const DEV_DOCUMENTS_KEK_ID = 'dev';
const DEV_DOCUMENTS_KEK = createHash('sha256').update('jiebang development documents key, not secret').digest();

const KEK_ID = /^[A-Za-z0-9_.-]{1,32}$/;

export function readDocumentsSettings(reader: EnvReader, nodeEnv: string): DocumentsSettings {
  const current = readKek(reader, nodeEnv);
  const keks = new Map<string, Buffer>(readOldKeks(reader));
  if (current) {
    if (keks.has(current.id)) reader.problem(`DOCUMENTS_OLD_KEKS: must not repeat the current key's id "${current.id}"`);
    keks.set(current.id, current.key);
  }
  return {
    maxBytes: reader.read('DOCUMENT_MAX_BYTES', String(50 * 1024 * 1024), wholeNumber(1, 8 * 1024 ** 4)),
    orphanTtlMs: reader.read('DOCUMENT_ORPHAN_TTL', 'P1D', positiveDuration),
    dir: reader.read('DOCUMENTS_DIR', './var/documents', (raw) => raw),
    s3: readS3(reader),
    currentKekId: current?.id ?? DEV_DOCUMENTS_KEK_ID,
    keks,
  };
}

function readKek(reader: EnvReader, nodeEnv: string): { id: string; key: Buffer } | undefined {
  const raw = reader.optional('DOCUMENTS_KEK');
  if (raw === undefined) {
    if (nodeEnv === 'production') reader.problem('DOCUMENTS_KEK: required in production (`<id>:<base64 of 32 random bytes>`)');
    return { id: DEV_DOCUMENTS_KEK_ID, key: DEV_DOCUMENTS_KEK };
  }
  return parseKek(reader, 'DOCUMENTS_KEK', raw);
}

function readOldKeks(reader: EnvReader): [string, Buffer][] {
  const raw = reader.optional('DOCUMENTS_OLD_KEKS');
  if (raw === undefined) return [];
  const out: [string, Buffer][] = [];
  for (const part of raw.split(',').map((p) => p.trim())) {
    const kek = parseKek(reader, 'DOCUMENTS_OLD_KEKS', part);
    if (!kek) continue;
    if (out.some(([id]) => id === kek.id)) reader.problem(`DOCUMENTS_OLD_KEKS: the id "${kek.id}" appears twice`);
    out.push([kek.id, kek.key]);
  }
  return out;
}

/** `<id>:<base64>`; the key itself never appears in a problem message. */
function parseKek(reader: EnvReader, name: string, raw: string): { id: string; key: Buffer } | undefined {
  const colon = raw.indexOf(':');
  const id = colon > 0 ? raw.slice(0, colon) : '';
  const key = Buffer.from(colon > 0 ? raw.slice(colon + 1) : '', 'base64');
  if (!KEK_ID.test(id)) {
    reader.problem(`${name}: each key must be "<id>:<base64>", the id of letters, digits, _ . - (up to 32)`);
    return undefined;
  }
  if (key.length !== 32) {
    reader.problem(`${name}: the key "${id}" must be 32 bytes in base64 (e.g. \`openssl rand -base64 32\`)`);
    return undefined;
  }
  return { id, key };
}

function readS3(reader: EnvReader): S3Settings | null {
  const bucket = reader.optional('S3_BUCKET');
  const accessKeyId = reader.optional('S3_ACCESS_KEY_ID');
  const secretAccessKey = reader.optional('S3_SECRET_ACCESS_KEY');
  if ((accessKeyId === undefined) !== (secretAccessKey === undefined))
    reader.problem('S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY: set both or neither');
  const endpoint = reader.optional('S3_ENDPOINT');
  if (endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(endpoint))
    reader.problem(`S3_ENDPOINT=${JSON.stringify(endpoint)}: must be an http(s) URL`);
  const forcePathStyle = reader.read('S3_FORCE_PATH_STYLE', 'false', (raw) => {
    if (raw !== 'true' && raw !== 'false') throw new Error('must be true or false');
    return raw === 'true';
  });
  if (bucket === undefined) {
    if (endpoint !== undefined) reader.problem('S3_ENDPOINT is set but S3_BUCKET is not: set S3_BUCKET to use the S3 store');
    return null;
  }
  return {
    bucket,
    ...(endpoint ? { endpoint } : {}),
    region: reader.optional('S3_REGION') ?? 'us-east-1',
    ...(accessKeyId && secretAccessKey ? { credentials: { accessKeyId, secretAccessKey } } : {}),
    forcePathStyle,
  };
}
