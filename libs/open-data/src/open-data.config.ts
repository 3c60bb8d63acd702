/**
 * The open-data feed's own settings, read from the environment and checked at start-up (a bad
 * value stops the process with a message naming the variable, like `@app/common/config`).
 *
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
 *
 * These are read here, at the module's start-up, rather than by `@app/common/config`'s AppConfig;
 * they belong there and should move when that file is free to change.
 */
export interface OpenDataConfig {
  ocidPrefix: string;
  publisher: { name: string; scheme?: string; uid?: string; uri?: string };
  buyerName: string;
  license?: string;
  publicationPolicy?: string;
  baseUrl: string;
}

export const OPEN_DATA_CONFIG = Symbol('OPEN_DATA_CONFIG');

export class OpenDataConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid open-data configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'OpenDataConfigError';
  }
}

/** Registered prefixes are `ocds-` and exactly 6 characters (e.g. `ocds-213czf`). */
const OCID_PREFIX = /^ocds-[a-z0-9]{6}$/;
/** A placeholder, obviously not a registered prefix: replace it before publishing (see the README). */
export const PLACEHOLDER_OCID_PREFIX = 'ocds-xxxxxx';
export const DEFAULT_PUBLISHER_NAME = '深圳市未来产业揭榜挂帅平台 (Jiebang)';

export function loadOpenDataConfig(env: Record<string, string | undefined> = process.env): OpenDataConfig {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const raw = env[name];
    return raw === undefined || raw.trim() === '' ? undefined : raw.trim();
  };
  const url = (name: string, raw: string | undefined): string | undefined => {
    if (raw === undefined) return undefined;
    try {
      const u = new URL(raw);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error();
      return raw;
    } catch {
      problems.push(`${name}=${JSON.stringify(raw)}: must be an absolute http(s) URL`);
      return undefined;
    }
  };

  const ocidPrefix = get('OCID_PREFIX') ?? PLACEHOLDER_OCID_PREFIX;
  if (!OCID_PREFIX.test(ocidPrefix)) {
    problems.push(
      `OCID_PREFIX=${JSON.stringify(ocidPrefix)}: must be "ocds-" followed by exactly 6 lower-case letters or digits, ` +
        'as the Open Contracting Partnership registers prefixes (e.g. ocds-a1b2c3)',
    );
  }
  const name = get('OCDS_PUBLISHER_NAME') ?? DEFAULT_PUBLISHER_NAME;
  if (name.length > 200) problems.push('OCDS_PUBLISHER_NAME: must be at most 200 characters');
  const scheme = get('OCDS_PUBLISHER_SCHEME');
  const uid = get('OCDS_PUBLISHER_UID');
  if ((scheme === undefined) !== (uid === undefined)) {
    problems.push('OCDS_PUBLISHER_SCHEME and OCDS_PUBLISHER_UID: set both or neither');
  }
  if (scheme !== undefined && !/^[A-Z]{2}-[A-Z0-9]+$/.test(scheme)) {
    problems.push(`OCDS_PUBLISHER_SCHEME=${JSON.stringify(scheme)}: must be an org-id.guide list code such as CN-USCI`);
  }
  const port = get('PORT') ?? '3000';
  const baseUrl = (url('OPEN_DATA_BASE_URL', get('OPEN_DATA_BASE_URL')) ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const config: OpenDataConfig = {
    ocidPrefix,
    publisher: {
      name,
      ...(scheme && uid ? { scheme, uid } : {}),
      ...(get('OCDS_PUBLISHER_URI') ? { uri: url('OCDS_PUBLISHER_URI', get('OCDS_PUBLISHER_URI')) } : {}),
    },
    buyerName: get('OCDS_BUYER_NAME') ?? name,
    license: url('OCDS_LICENSE', get('OCDS_LICENSE')),
    publicationPolicy: url('OCDS_PUBLICATION_POLICY', get('OCDS_PUBLICATION_POLICY')),
    baseUrl,
  };
  if (problems.length) throw new OpenDataConfigError(problems);
  return config;
}
