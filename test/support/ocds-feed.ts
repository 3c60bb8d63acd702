/**
 * TEST-ONLY: the e2e suites' view of the open-data feed's conformance. Wraps `OfficialOcds` (the
 * transcribed OCDS 1.1.5 schemas) and reads the extensions the feed serves itself from the api
 * under test, exactly as a consumer would read them from their URLs.
 */
import TestAgent from 'supertest/lib/agent';
import { ExtensionPatches, OfficialOcds, PackageKind } from './ocds-official';

const SCHEMA_FILES: Record<string, keyof ExtensionPatches> = {
  'release-schema.json': 'release',
  'release-package-schema.json': 'releasePackage',
  'record-package-schema.json': 'recordPackage',
};

export class OcdsFeedChecker {
  readonly official = new OfficialOcds();

  constructor(private readonly http: TestAgent) {}

  /** Throws with every problem when `doc` is not a conformant OCDS 1.1.5 package. */
  async assert(kind: PackageKind, doc: unknown): Promise<void> {
    const extensions = (doc as { extensions?: unknown })?.extensions;
    if (Array.isArray(extensions))
      for (const url of extensions) if (typeof url === 'string' && !this.official.knows(url)) await this.load(url);
    this.official.assert(kind, doc);
  }

  /** An extension of the feed's own: its extension.json and the schema patches it lists, from the api. */
  private async load(url: string): Promise<void> {
    const at = new URL(url);
    if (!at.pathname.startsWith('/api/v1/open-data/')) return; // unknown and not ours: reported by check()
    const res = await this.http.get(at.pathname).expect(200);
    const meta = res.body as { name?: { en?: string }; compatibility?: string[]; schemas?: string[] };
    if (!meta.name?.en || !meta.compatibility?.includes('1.1') || !Array.isArray(meta.schemas))
      throw new Error(`${url} is not an OCDS 1.1 extension.json: ${JSON.stringify(meta)}`);
    const patches: ExtensionPatches = {};
    for (const file of meta.schemas) {
      const kind = SCHEMA_FILES[file];
      if (!kind) throw new Error(`${url} lists an unknown schema file ${file}`);
      patches[kind] = (await this.http.get(new URL(file, at).pathname).expect(200)).body;
    }
    this.official.register(url, patches);
  }
}
