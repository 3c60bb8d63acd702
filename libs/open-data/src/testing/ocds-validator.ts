/**
 * TEST-ONLY: ajv validators for schema/ocds-release.schema.json (used by the e2e suites and the
 * bench; never by application code).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { ValidateFunction } from 'ajv';

const SCHEMA_PATH = join(__dirname, '..', 'schema', 'ocds-release.schema.json');

export interface OcdsValidators {
  release: ValidateFunction;
  releasePackage: ValidateFunction;
  recordPackage: ValidateFunction;
  /** Throws with ajv's errors (and the document's id) when `doc` does not validate. */
  assert(kind: 'release' | 'releasePackage' | 'recordPackage', doc: unknown): void;
}

/**
 * The two formats OCDS uses, checked as the standard means them: an RFC 3339 date-time with a
 * zone, and an absolute URI (ajv-formats is not a dependency; these are all we need).
 */
export function addOcdsFormats(ajv: Ajv): void {
  ajv.addFormat('date-time', {
    type: 'string',
    validate: (s: string) =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(s) && !Number.isNaN(Date.parse(s)),
  });
  ajv.addFormat('uri', {
    type: 'string',
    validate: (s: string) => {
      try {
        return /^[a-z][a-z0-9+.-]*:/i.test(s) && Boolean(new URL(s));
      } catch {
        return false;
      }
    },
  });
}

export function ocdsValidators(): OcdsValidators {
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'));
  // multipleOfPrecision: amounts are fen / 100 as doubles (12345.67 / 0.01 is not an exact integer).
  const ajv = new Ajv({ allErrors: true, strict: true, multipleOfPrecision: 8 });
  addOcdsFormats(ajv);
  ajv.addSchema(schema);
  const get = (def: string) => {
    const v = ajv.getSchema(`${schema.$id}#/definitions/${def}`);
    if (!v) throw new Error(`no definition ${def}`);
    return v;
  };
  const validators = { release: get('Release'), releasePackage: get('ReleasePackage'), recordPackage: get('RecordPackage') };
  return {
    ...validators,
    assert(kind, doc) {
      const v = validators[kind];
      if (!v(doc)) {
        const id = (doc as { id?: string; tag?: string[] })?.id;
        throw new Error(`${kind} ${id ?? ''} does not validate:\n${JSON.stringify(v.errors, null, 2)}`);
      }
    },
  };
}
