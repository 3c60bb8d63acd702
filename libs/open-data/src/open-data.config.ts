/**
 * The open-data feed's own settings, read from the environment and checked at start-up (a bad
 * value stops the process with a message naming the variable, like `@app/common/config`).
 *
 * - `OCID_PREFIX` (default `ocds-jiebang`): the publisher's OCID prefix. Every contracting process
 *   (one challenge) gets `ocid = <prefix>-<challenge id>`. A real deployment registers its own
 *   prefix with the Open Contracting Partnership (`ocds-` + 6 characters) and sets it here; the
 *   prefix must never change once data is published, or every ocid changes.
 * - `OCDS_PUBLISHER_NAME`, `OCDS_PUBLISHER_SCHEME`, `OCDS_PUBLISHER_UID`, `OCDS_PUBLISHER_URI`:
 *   the package's `publisher` (scheme and uid come together, e.g. `CN-USCC` and a credit code).
 * - `OCDS_BUYER_NAME`: the buyer's name when the agency user has no organisation on record
 *   (defaults to the publisher's name).
 * - `OCDS_LICENSE`, `OCDS_PUBLICATION_POLICY`: optional URLs written into every package.
 * - `OPEN_DATA_BASE_URL` (default `http://localhost:<PORT>`): absolute base of the package `uri`
 *   and of `links.next`.
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

const OCID_PREFIX = /^ocds-[a-z0-9]{1,32}$/;
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

  const ocidPrefix = get('OCID_PREFIX') ?? 'ocds-jiebang';
  if (!OCID_PREFIX.test(ocidPrefix)) {
    problems.push(
      `OCID_PREFIX=${JSON.stringify(ocidPrefix)}: must be "ocds-" followed by 1–32 lower-case letters or digits (e.g. ocds-a1b2c3)`,
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
    problems.push(`OCDS_PUBLISHER_SCHEME=${JSON.stringify(scheme)}: must be an org-id.guide list code such as CN-USCC`);
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
