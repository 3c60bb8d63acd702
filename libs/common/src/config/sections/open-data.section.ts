import { EnvReader } from '../env-reader';

/**
 * The open-data feed's settings.
 * - `OCID_PREFIX` (default `ocds-xxxxxx`, a placeholder): the publisher's OCID prefix, `ocds-`
 *   and exactly 6 lower-case letters or digits, as the Open Contracting Partnership registers them.
 *   Every contracting process (one challenge) gets `ocid = <prefix>-<challenge id>`. A real
 *   deployment registers its own prefix (see the README) and sets it here before publishing
 *   anything; the prefix must never change once data is published, or every ocid changes.
 * - `OCDS_PUBLISHER_NAME`, `OCDS_PUBLISHER_SCHEME`, `OCDS_PUBLISHER_UID`, `OCDS_PUBLISHER_URI`:
 *   the package's `publisher` (scheme and uid come together, e.g. `CN-USCI` and a credit code).
 * - `OCDS_BUYER_NAME`: the buyer's name when the agency user has no organisation on record
 *   (defaults to the publisher's name).
 * - `OCDS_LICENSE`, `OCDS_PUBLICATION_POLICY`: optional absolute URLs written into every release
 *   and record package when set.
 * - `OPEN_DATA_BASE_URL` (default `http://localhost:<PORT>`): absolute base of the package `uri`,
 *   of `links.next` and of the platform's own extension's URL.
 */
export interface OpenDataSettings {
  ocidPrefix: string;
  publisher: { name: string; scheme?: string; uid?: string; uri?: string };
  buyerName: string;
  license?: string;
  publicationPolicy?: string;
  baseUrl: string;
}

/** Registered prefixes are `ocds-` and exactly 6 characters (e.g. `ocds-213czf`). */
const OCID_PREFIX = /^ocds-[a-z0-9]{6}$/;
/** A placeholder, obviously not a registered prefix: replace it before publishing (see the README). */
export const PLACEHOLDER_OCID_PREFIX = 'ocds-xxxxxx';
export const DEFAULT_PUBLISHER_NAME = '深圳市未来产业揭榜挂帅平台 (Jiebang)';

export function readOpenDataSettings(reader: EnvReader, port: string): OpenDataSettings {
  const name = reader.optional('OCDS_PUBLISHER_NAME') ?? DEFAULT_PUBLISHER_NAME;
  if (name.length > 200) reader.problem('OCDS_PUBLISHER_NAME: must be at most 200 characters');
  const uri = httpUrl(reader, 'OCDS_PUBLISHER_URI');
  const baseUrl = httpUrl(reader, 'OPEN_DATA_BASE_URL') ?? `http://localhost:${port}`;
  return {
    ocidPrefix: readOcidPrefix(reader),
    publisher: { name, ...readPublisherId(reader), ...(uri ? { uri } : {}) },
    buyerName: reader.optional('OCDS_BUYER_NAME') ?? name,
    license: httpUrl(reader, 'OCDS_LICENSE'),
    publicationPolicy: httpUrl(reader, 'OCDS_PUBLICATION_POLICY'),
    baseUrl: baseUrl.replace(/\/+$/, ''),
  };
}

function readOcidPrefix(reader: EnvReader): string {
  const prefix = reader.optional('OCID_PREFIX') ?? PLACEHOLDER_OCID_PREFIX;
  if (!OCID_PREFIX.test(prefix)) {
    reader.problem(
      `OCID_PREFIX=${JSON.stringify(prefix)}: must be "ocds-" followed by exactly 6 lower-case letters or digits, ` +
        'as the Open Contracting Partnership registers prefixes (e.g. ocds-a1b2c3)',
    );
  }
  return prefix;
}

function readPublisherId(reader: EnvReader): { scheme?: string; uid?: string } {
  const scheme = reader.optional('OCDS_PUBLISHER_SCHEME');
  const uid = reader.optional('OCDS_PUBLISHER_UID');
  if ((scheme === undefined) !== (uid === undefined))
    reader.problem('OCDS_PUBLISHER_SCHEME and OCDS_PUBLISHER_UID: set both or neither');
  if (scheme !== undefined && !/^[A-Z]{2}-[A-Z0-9]+$/.test(scheme)) {
    reader.problem(`OCDS_PUBLISHER_SCHEME=${JSON.stringify(scheme)}: must be an org-id.guide list code such as CN-USCI`);
  }
  return scheme && uid ? { scheme, uid } : {};
}

function httpUrl(reader: EnvReader, name: string): string | undefined {
  const raw = reader.optional(name);
  if (raw === undefined) return undefined;
  try {
    const u = new URL(raw);
    if (u.protocol === 'http:' || u.protocol === 'https:') return raw;
  } catch {
    // reported below
  }
  reader.problem(`${name}=${JSON.stringify(raw)}: must be an absolute http(s) URL`);
  return undefined;
}
