/**
 * TEST-ONLY: checks packages against the OCDS 1.1.5 schemas and codelists (transcribed in
 * `ocds-1.1.5/`, see its README), the way the OCDS Data Review Tool does:
 *
 * 1. the package's `extensions` are read (each must be one we know: the transcribed official
 *    extensions, or one the test registers — the platform's own, read from the api), and their
 *    schema patches are merged into the core schemas (JSON Merge Patch, RFC 7396);
 * 2. JSON Schema validation of the package (ajv): required fields, minItems, uniqueItems, types,
 *    formats, closed codelists;
 * 3. what the schema alone cannot say: additional fields (in neither the schema nor a declared
 *    extension), codes of open codelists outside the codelist, deprecated fields, organisation
 *    references without a party, release ids repeated within an ocid, an ocid whose prefix is not of
 *    the registered form `ocds-` + 6 characters.
 *
 * Every problem is a test failure: the feed must be clean, not merely valid.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';
import { addOcdsFormats } from '@app/open-data/testing/ocds-validator';

const DIR = join(__dirname, 'ocds-1.1.5');
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };
type Schema = { [key: string]: any };

const read = (path: string): Schema => JSON.parse(readFileSync(join(DIR, path), 'utf8'));

export const RELEASE_SCHEMA_ID = 'https://standard.open-contracting.org/schema/1__1__5/release-schema.json';
export const ENQUIRIES_EXTENSION =
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_enquiry_extension/v1.1.5/extension.json';
export const PAGINATION_EXTENSION =
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_pagination_extension/master/extension.json';

/** The schema patches of one extension (the files its extension.json lists). */
export interface ExtensionPatches {
  release?: Schema;
  releasePackage?: Schema;
  recordPackage?: Schema;
}

const OFFICIAL_EXTENSIONS: Record<string, ExtensionPatches> = {
  [ENQUIRIES_EXTENSION]: { release: read('extensions/enquiry-v1.1.5/release-schema.json') },
  [PAGINATION_EXTENSION]: {
    releasePackage: read('extensions/pagination-master/release-package-schema.json'),
    recordPackage: read('extensions/pagination-master/record-package-schema.json'),
  },
};

const CODELISTS = read('codelists.json') as { closed: Record<string, string[]>; open: Record<string, string[]> };
/** The registered form of an ocid prefix: `ocds-` and 6 characters, then `-` and the process's own id. */
const OCID = /^ocds-[a-z0-9]{6}-.+$/;

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** RFC 7396 JSON Merge Patch (how OCDS applies an extension's schema patch); `$comment` keys are ours. */
export function mergePatch(target: Json | undefined, patch: Json): Json {
  if (!isObject(patch)) return patch;
  const out: JsonObject = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key === '$comment') continue;
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

interface Compiled {
  release: Schema;
  releasePackage: Schema;
  recordPackage: Schema;
  validateReleasePackage: ValidateFunction;
  validateRecordPackage: ValidateFunction;
  openCodelists: Record<string, string[]>;
}

export type PackageKind = 'releasePackage' | 'recordPackage';

export class OfficialOcds {
  private extensions: Record<string, ExtensionPatches>;
  private readonly compiled = new Map<string, Compiled>();

  /** `extra`: extensions the feed itself serves (read by the test from the api). */
  constructor(extra: Record<string, ExtensionPatches> = {}) {
    this.extensions = { ...OFFICIAL_EXTENSIONS, ...extra };
  }

  knows(url: string): boolean {
    return Boolean(this.extensions[url]);
  }

  /** Adds an extension the feed serves itself (its patches as read from its extension.json). */
  register(url: string, patches: ExtensionPatches): void {
    this.extensions[url] = patches;
    this.compiled.clear();
  }

  /** Every problem with `doc`, as readable lines (empty: conformant). */
  check(kind: PackageKind, doc: unknown): string[] {
    if (!isObject(doc)) return ['the package is not a JSON object'];
    const problems: string[] = [];
    const declared = Array.isArray(doc.extensions) ? doc.extensions.filter((e): e is string => typeof e === 'string') : [];
    for (const url of declared) if (!this.extensions[url]) problems.push(`extensions: ${url} is not an extension we can read`);
    const schemas = this.compile(declared.filter((url) => this.extensions[url]));
    const validate = kind === 'releasePackage' ? schemas.validateReleasePackage : schemas.validateRecordPackage;
    if (!validate(doc)) {
      for (const e of validate.errors ?? [])
        problems.push(`schema: ${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
    }
    const walker = new Walker(schemas);
    walker.walk(doc, kind === 'releasePackage' ? schemas.releasePackage : schemas.recordPackage, '', kind);
    problems.push(...walker.problems);
    problems.push(...semanticChecks(kind, doc));
    return problems;
  }

  assert(kind: PackageKind, doc: unknown): void {
    const problems = this.check(kind, doc);
    if (problems.length) throw new Error(`${kind} does not conform to OCDS 1.1.5:\n  - ${problems.join('\n  - ')}`);
  }

  private compile(urls: string[]): Compiled {
    const key = [...urls].sort().join(' ');
    const cached = this.compiled.get(key);
    if (cached) return cached;
    let release = read('release-schema.json') as Json;
    let releasePackage = read('release-package-schema.json') as Json;
    let recordPackage = read('record-package-schema.json') as Json;
    for (const url of urls) {
      const ext = this.extensions[url];
      if (ext.release) release = mergePatch(release, ext.release as Json);
      if (ext.releasePackage) releasePackage = mergePatch(releasePackage, ext.releasePackage as Json);
      if (ext.recordPackage) recordPackage = mergePatch(recordPackage, ext.recordPackage as Json);
    }
    const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false, allowUnionTypes: true });
    ajv.addKeyword({ keyword: 'codelist', schemaType: 'string' });
    ajv.addKeyword({ keyword: 'openCodelist', schemaType: 'boolean' });
    addOcdsFormats(ajv);
    ajv.addSchema(release as Schema);
    const compiled: Compiled = {
      release: release as Schema,
      releasePackage: releasePackage as Schema,
      recordPackage: recordPackage as Schema,
      validateReleasePackage: ajv.compile(releasePackage as Schema),
      validateRecordPackage: ajv.compile(recordPackage as Schema),
      openCodelists: CODELISTS.open,
    };
    this.compiled.set(key, compiled);
    return compiled;
  }
}

function languageVariant(schema: Schema, key: string): boolean {
  const patterns = Object.keys((schema.patternProperties as Record<string, unknown> | undefined) ?? {});
  return patterns.some((p) => new RegExp(p, 'u').test(key));
}

/** Walks a document beside its (patched) schema: additional fields, open codelists, deprecated fields. */
class Walker {
  readonly problems: string[] = [];

  constructor(private readonly schemas: Compiled) {}

  /** `root` says which schema a local `#/definitions/…` reference points into. */
  walk(value: Json, node: Schema, path: string, root: PackageKind | 'release'): void {
    const [schema, at] = this.resolve(node, root);
    if (schema.oneOf) {
      // The alternative with the fewest problems is the one the document means (records: embedded releases).
      let best: Walker | null = null;
      for (const alternative of schema.oneOf as Schema[]) {
        const trial = new Walker(this.schemas);
        trial.walk(value, alternative, path, at);
        if (!best || trial.problems.length < best.problems.length) best = trial;
      }
      this.problems.push(...(best?.problems ?? []));
      return;
    }
    if (schema.codelist && schema.openCodelist === true) this.checkCodes(value, schema.codelist as string, path);
    if (Array.isArray(value) && schema.items) {
      value.forEach((item, i) => this.walk(item, schema.items as Schema, `${path}/${i}`, at));
      return;
    }
    if (isObject(value) && schema.properties) {
      for (const [key, child] of Object.entries(value)) {
        const property = (schema.properties as Record<string, Schema>)[key];
        // A language variant (`eligibilityCriteria_en`) where the schema allows one is not additional.
        if (!property && languageVariant(schema, key)) continue;
        if (!property) {
          this.problems.push(`additional field (in no schema nor declared extension): ${path}/${key}`);
          continue;
        }
        const [resolved] = this.resolve(property, at);
        if (property.deprecated || resolved.deprecated) this.problems.push(`deprecated field: ${path}/${key}`);
        this.walk(child, property, `${path}/${key}`, at);
      }
    }
  }

  private checkCodes(value: Json, codelist: string, path: string): void {
    const codes = this.schemas.openCodelists[codelist];
    if (!codes) return; // a codelist the feed does not use (see the README)
    for (const code of Array.isArray(value) ? value : [value]) {
      if (typeof code === 'string' && !codes.includes(code))
        this.problems.push(`${path}: '${code}' is not in the codelist ${codelist}`);
    }
  }

  private resolve(node: Schema, root: PackageKind | 'release'): [Schema, PackageKind | 'release'] {
    let schema = node;
    let at = root;
    for (let hops = 0; schema.$ref && hops < 20; hops++) {
      const ref = schema.$ref as string;
      if (ref === RELEASE_SCHEMA_ID) {
        schema = this.schemas.release;
        at = 'release';
        continue;
      }
      if (!ref.startsWith('#/')) throw new Error(`unresolvable $ref ${ref}`);
      let target: Schema = this.schemas[at];
      for (const part of ref.slice(2).split('/')) target = target?.[part];
      if (!target) throw new Error(`unresolvable $ref ${ref} in ${at}`);
      schema = target;
    }
    return [schema, at];
  }
}

/** Organisation references inside a release (their paths and the reference). */
function references(release: JsonObject): [string, JsonObject][] {
  const out: [string, JsonObject][] = [];
  const ref = (path: string, v: Json | undefined) => {
    if (isObject(v)) out.push([path, v]);
  };
  ref('buyer', release.buyer);
  const tender = isObject(release.tender) ? release.tender : {};
  ref('tender/procuringEntity', tender.procuringEntity);
  if (Array.isArray(tender.tenderers)) tender.tenderers.forEach((t, i) => ref(`tender/tenderers/${i}`, t));
  if (Array.isArray(tender.enquiries))
    tender.enquiries.forEach((e, i) => isObject(e) && ref(`tender/enquiries/${i}/author`, e.author));
  if (Array.isArray(release.awards))
    release.awards.forEach((a, i) => {
      if (isObject(a) && Array.isArray(a.suppliers)) a.suppliers.forEach((s, j) => ref(`awards/${i}/suppliers/${j}`, s));
    });
  if (Array.isArray(release.contracts))
    release.contracts.forEach((c, i) => {
      const transactions = isObject(c) && isObject(c.implementation) ? c.implementation.transactions : undefined;
      if (Array.isArray(transactions))
        transactions.forEach((t, j) => {
          if (!isObject(t)) return;
          ref(`contracts/${i}/implementation/transactions/${j}/payer`, t.payer);
          ref(`contracts/${i}/implementation/transactions/${j}/payee`, t.payee);
        });
    });
  return out;
}

function releaseChecks(release: Json, path: string): string[] {
  if (!isObject(release)) return [];
  const problems: string[] = [];
  if (typeof release.ocid === 'string' && !OCID.test(release.ocid))
    problems.push(`${path}/ocid: ${release.ocid} does not start with a prefix of the registered form ocds-xxxxxx`);
  const parties = new Map<string, string>();
  if (Array.isArray(release.parties))
    for (const p of release.parties) if (isObject(p) && typeof p.id === 'string') parties.set(p.id, String(p.name));
  for (const [at, r] of references(release)) {
    if (typeof r.id !== 'string' && typeof r.id !== 'number')
      problems.push(`${path}/${at}: an organisation reference without id`);
    else if (!parties.has(String(r.id))) problems.push(`${path}/${at}: references ${r.id}, which is not in parties`);
    else if (r.name !== undefined && r.name !== parties.get(String(r.id)))
      problems.push(`${path}/${at}: name ${String(r.name)} differs from the party's ${parties.get(String(r.id))}`);
  }
  return problems;
}

function semanticChecks(kind: PackageKind, doc: JsonObject): string[] {
  const problems: string[] = [];
  if (kind === 'releasePackage') {
    const releases = Array.isArray(doc.releases) ? doc.releases : [];
    const seen = new Set<string>();
    releases.forEach((r, i) => {
      problems.push(...releaseChecks(r, `/releases/${i}`));
      if (isObject(r)) {
        const key = `${String(r.ocid)} ${String(r.id)}`;
        if (seen.has(key)) problems.push(`/releases/${i}: release id ${String(r.id)} repeated within ${String(r.ocid)}`);
        seen.add(key);
      }
    });
  } else {
    const records = Array.isArray(doc.records) ? doc.records : [];
    records.forEach((rec, i) => {
      if (!isObject(rec)) return;
      const releases = Array.isArray(rec.releases) ? rec.releases : [];
      const ids = new Set<string>();
      let last = '';
      releases.forEach((r, j) => {
        problems.push(...releaseChecks(r, `/records/${i}/releases/${j}`));
        if (!isObject(r)) return;
        if (r.ocid !== rec.ocid) problems.push(`/records/${i}/releases/${j}: ocid ${String(r.ocid)} is not the record's`);
        if (ids.has(String(r.id))) problems.push(`/records/${i}/releases/${j}: release id ${String(r.id)} repeated`);
        ids.add(String(r.id));
        if (typeof r.date === 'string') {
          if (r.date < last) problems.push(`/records/${i}/releases/${j}: releases are not in date order`);
          last = r.date;
        }
      });
      problems.push(...releaseChecks(rec.compiledRelease, `/records/${i}/compiledRelease`));
    });
  }
  return problems;
}
