/**
 * TEST-ONLY: families of hostile input for test/hostile-input.e2e-spec.ts. A family says where it
 * strikes (one body field, the whole body, one path parameter, one query parameter), which
 * targets it applies to, its deterministic cases (each run by the table) and a fast-check
 * arbitrary of further cases (drawn by the property run).
 *
 * A case is *raw text*: JSON bodies are written as text, so a lone surrogate arrives as the escape
 * `\ud800` (not as U+FFFD after a round trip through UTF-8), 2^63 arrives as the 19 digits, and
 * `__proto__` arrives as a key (an object literal would have set the prototype instead).
 */
import fc from 'fast-check';
import { Leaf, Container, Schema } from './openapi-bodies';

/** What a case replaces: raw JSON text for body fields and bodies, already percent-encoded text for URLs. */
export interface Case {
  /** A short, printable description of the value (never the value itself: it may be 200,000 characters). */
  label: string;
  raw: string;
  /** A 400 answer must name the targeted field in `errors[].field` (see `strictness` in the spec). */
  strict: boolean;
  /**
   * A 2xx answer is wrong too: no field takes this value (longer than any field allows, a NUL, a
   * lone surrogate, 5,000 levels of nesting, a number the schema refuses, an id that is no id).
   */
  mustRefuse?: boolean;
  /** Send with these headers instead of `content-type: application/json` (content-type cases). */
  headers?: Record<string, string>;
  /** Send no body at all. */
  noBody?: boolean;
  /** Query cases: `raw` is the whole query string, not one parameter's value. */
  wholeQuery?: boolean;
}

export type Scope = 'field' | 'body' | 'path' | 'query';

/** What a family may be aimed at. */
export type Target =
  | { scope: 'field'; leaf?: Leaf; container?: Container; valid: unknown }
  | { scope: 'body'; validJson: string; method: string }
  | { scope: 'path'; name: string; valid: string; uuid: boolean; numeric: boolean }
  | { scope: 'query'; name: string; schema: Schema };

export interface Family {
  name: string;
  scope: Scope;
  /** Aimed at one target per route (the first it applies to), not at each. */
  once?: boolean;
  applies(target: Target): boolean;
  cases(target: Target): Case[];
  arbitrary(target: Target): fc.Arbitrary<Case>;
}

// ---------------------------------------------------------------------------------------------
// values

export const DEPTH = 5_000;
/** Longer than any string field documents (the longest, a proposal's text, allows 200,000). */
export const HUGE = 200_001;
/** Query strings travel in the request line, which Node caps at 16 KiB with the headers. */
export const HUGE_QUERY = 10_000;

export const deepObject = (depth = DEPTH) => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
export const deepArray = (depth = DEPTH) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

const json = (v: unknown) => JSON.stringify(v);
const insertAt = (s: string, at: number, what: string) => s.slice(0, at) + what + s.slice(at);
const middle = (s: string) => Math.floor(s.length / 2);
/** Emails get the character in the local part (the part a mail server and our unique index read). */
const spot = (valid: string) => (valid.includes('@') ? Math.max(1, valid.indexOf('@') - 1) : middle(valid));
const asText = (valid: unknown) => (typeof valid === 'string' && valid.length ? valid : 'hostile');

const fieldLeaf = (t: Target) => (t.scope === 'field' ? t.leaf : undefined);
const isStringish = (t: Target) => {
  const leaf = fieldLeaf(t);
  return !!leaf && (leaf.kind === 'string' || leaf.kind === 'opaque');
};
const isNumeric = (t: Target) => {
  const leaf = fieldLeaf(t);
  return !!leaf && (leaf.kind === 'number' || leaf.kind === 'opaque');
};

/** Does the documented schema accept this number? (then a 400 may come from a rule about another field) */
function documentedAccepts(leaf: Leaf, value: unknown): boolean {
  const s = leaf.schema;
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  const integer = s.type === 'integer' || s.format === 'int64' || /Fen$/.test(String(leaf.path[leaf.path.length - 1]));
  if (integer && !Number.isSafeInteger(value)) return false;
  if (/Fen$/.test(String(leaf.path[leaf.path.length - 1])) && value < 0) return false;
  if (s.minimum !== undefined && value < s.minimum) return false;
  if (s.maximum !== undefined && value > s.maximum) return false;
  return true;
}

/** Numbers as JSON text; 1e999 parses to Infinity, the strings are what a careless client sends. */
export const NUMBERS: { label: string; raw: string }[] = [
  { label: '2^63', raw: '9223372036854775808' },
  { label: '1e308', raw: '1e308' },
  { label: '-1', raw: '-1' },
  { label: '1.5', raw: '1.5' },
  { label: '1e999 (Infinity)', raw: '1e999' },
  { label: '"NaN"', raw: '"NaN"' },
  { label: '"Infinity"', raw: '"Infinity"' },
  { label: '"12"', raw: '"12"' },
];

const numberCase = (leaf: Leaf, n: { label: string; raw: string }): Case => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(n.raw);
  } catch {
    parsed = undefined;
  }
  const refused = !documentedAccepts(leaf, parsed);
  return { label: n.label, raw: n.raw, strict: refused, mustRefuse: refused };
};

// ---------------------------------------------------------------------------------------------
// body-field families

const nul: Family = {
  name: 'nul',
  scope: 'field',
  applies: isStringish,
  cases: (t) => {
    const v = asText((t as { valid: unknown }).valid);
    return [{ label: 'NUL inside', raw: json(insertAt(v, spot(v), '\u0000')), strict: true, mustRefuse: true }];
  },
  arbitrary: (t) => {
    const v = asText((t as { valid: unknown }).valid);
    return fc.tuple(fc.integer({ min: 0, max: v.length }), fc.integer({ min: 1, max: 3 })).map(([at, n]) => ({
      label: `${n}×NUL at ${at}`,
      raw: json(insertAt(v, at, '\u0000'.repeat(n))),
      strict: true,
      mustRefuse: true,
    }));
  },
};

const SURROGATES = ['\ud800', '\udfff', '\udbff', '\udc00'];
const surrogate: Family = {
  name: 'lone-surrogate',
  scope: 'field',
  applies: isStringish,
  cases: (t) => {
    const v = asText((t as { valid: unknown }).valid);
    return SURROGATES.slice(0, 2).map((s) => ({
      label: `lone \\u${s.charCodeAt(0).toString(16)}`,
      raw: json(insertAt(v, spot(v), s)), // JSON.stringify writes a lone surrogate as its \uXXXX escape
      strict: true,
      mustRefuse: true,
    }));
  },
  arbitrary: (t) => {
    const v = asText((t as { valid: unknown }).valid);
    return fc.tuple(fc.constantFrom(...SURROGATES), fc.integer({ min: 0, max: v.length })).map(([s, at]) => ({
      label: `lone \\u${s.charCodeAt(0).toString(16)} at ${at}`,
      raw: json(insertAt(v, at, s)),
      strict: true,
      mustRefuse: true,
    }));
  },
};

const huge: Family = {
  name: 'huge-string',
  scope: 'field',
  applies: isStringish,
  cases: () => [{ label: `${HUGE} × "A"`, raw: json('A'.repeat(HUGE)), strict: true, mustRefuse: true }],
  // CJK characters are 3 bytes each: 200,001 of them is ~600 KB, still under the 1 MiB body limit.
  arbitrary: () =>
    fc
      .constantFrom('A', '界', 'é')
      .map((c) => ({ label: `${HUGE} × "${c}"`, raw: json(c.repeat(HUGE)), strict: true, mustRefuse: true })),
};

const numbers: Family = {
  name: 'number',
  scope: 'field',
  applies: isNumeric,
  cases: (t) => NUMBERS.map((n) => numberCase(fieldLeaf(t) as Leaf, n)),
  arbitrary: (t) =>
    fc
      .oneof(
        fc.constantFrom(...NUMBERS),
        fc.double().map((d) => ({ label: String(d), raw: Number.isFinite(d) ? String(d) : '1e999' })),
        fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }).map((b) => ({ label: `${b}`, raw: `${b}` })),
      )
      .map((n) => numberCase(fieldLeaf(t) as Leaf, n)),
};

const deepInField: Family = {
  name: 'deep-in-field',
  scope: 'field',
  applies: (t) => t.scope === 'field',
  cases: () => [
    { label: `${DEPTH} × {"a":`, raw: deepObject(), strict: false, mustRefuse: true },
    { label: `${DEPTH} × [`, raw: deepArray(), strict: false, mustRefuse: true },
  ],
  arbitrary: () =>
    fc.tuple(fc.boolean(), fc.integer({ min: 1_000, max: 20_000 })).map(([obj, d]) => ({
      label: `${d} × ${obj ? '{"a":' : '['}`,
      raw: obj ? deepObject(d) : deepArray(d),
      strict: false,
      mustRefuse: true,
    })),
};

const PROTO_KEYS = [
  { label: '"__proto__": {polluted}', key: '__proto__', raw: '{"polluted":"yes","isAdmin":true}' },
  { label: '"constructor": {prototype: {polluted}}', key: 'constructor', raw: '{"prototype":{"polluted":"yes","isAdmin":true}}' },
  { label: '"prototype": {polluted}', key: 'prototype', raw: '{"polluted":"yes"}' },
];

/** `{"__proto__": …, <the valid object's own fields>}` as text. */
export function prependKey(validJson: string, key: string, raw: string): string {
  const rest = validJson.trim().slice(1); // after "{"
  return `{${json(key)}:${raw}${rest.startsWith('}') ? '' : ','}${rest}`;
}

const protoInField: Family = {
  name: 'proto-in-field',
  scope: 'field',
  applies: (t) => t.scope === 'field' && t.container?.kind === 'object',
  // A body the parser refuses is a whole-body refusal, not a field's: no field name required.
  cases: (t) =>
    PROTO_KEYS.map((p) => ({
      label: p.label,
      raw: prependKey(json((t as { valid: unknown }).valid ?? {}), p.key, p.raw),
      strict: false,
    })),
  arbitrary: (t) =>
    fc.constantFrom(...PROTO_KEYS).map((p) => ({
      label: p.label,
      raw: prependKey(json((t as { valid: unknown }).valid ?? {}), p.key, p.raw),
      strict: false,
    })),
};

// ---------------------------------------------------------------------------------------------
// whole-body families

const hasBody = (t: Target) => t.scope === 'body';

const deepBody: Family = {
  name: 'deep-body',
  scope: 'body',
  applies: hasBody,
  cases: () => [
    { label: `${DEPTH} × {"a":`, raw: deepObject(), strict: false, mustRefuse: true },
    { label: `${DEPTH} × [`, raw: deepArray(), strict: false, mustRefuse: true },
  ],
  arbitrary: () =>
    fc.tuple(fc.boolean(), fc.integer({ min: 1_000, max: 50_000 })).map(([obj, d]) => ({
      label: `${d} × ${obj ? '{"a":' : '['}`,
      raw: obj ? deepObject(d) : deepArray(d),
      strict: false,
      mustRefuse: true,
    })),
};

const protoBody: Family = {
  name: 'proto-body',
  scope: 'body',
  applies: hasBody,
  cases: (t) =>
    PROTO_KEYS.map((p) => ({
      label: p.label,
      raw: prependKey((t as { validJson: string }).validJson, p.key, p.raw),
      strict: false,
    })),
  arbitrary: (t) =>
    fc.constantFrom(...PROTO_KEYS).map((p) => ({
      label: p.label,
      raw: prependKey((t as { validJson: string }).validJson, p.key, p.raw),
      strict: false,
    })),
};

const MULTIPART_BOUNDARY = '----hostile-boundary-7MA4YWxkTrZu0gW';
function contentTypeCases(validJson: string): Case[] {
  return [
    { label: 'text/plain', raw: validJson, headers: { 'content-type': 'text/plain' }, strict: false },
    {
      label: 'application/x-www-form-urlencoded',
      raw: 'title=x&budgetFen=1&__proto__[polluted]=yes',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      strict: false,
    },
    {
      label: 'multipart/form-data',
      raw: `--${MULTIPART_BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nx\r\n--${MULTIPART_BOUNDARY}--\r\n`,
      headers: { 'content-type': `multipart/form-data; boundary=${MULTIPART_BOUNDARY}` },
      strict: false,
    },
    { label: 'no content-type, JSON body', raw: validJson, headers: {}, strict: false },
    {
      label: 'application/json, not JSON',
      raw: '{"title": nope,',
      headers: { 'content-type': 'application/json' },
      strict: false,
    },
    { label: 'application/json, empty body', raw: '', headers: { 'content-type': 'application/json' }, strict: false },
    { label: 'application/json, no body', raw: '', noBody: true, headers: { 'content-type': 'application/json' }, strict: false },
    { label: 'application/json, "null"', raw: 'null', headers: { 'content-type': 'application/json' }, strict: false },
    { label: 'application/json, a bare string', raw: '"x"', headers: { 'content-type': 'application/json' }, strict: false },
    {
      label: 'application/json; charset=utf-16',
      raw: validJson,
      headers: { 'content-type': 'application/json; charset=utf-16' },
      strict: false,
    },
  ];
}

const contentType: Family = {
  name: 'content-type',
  scope: 'body',
  applies: (t) => t.scope === 'body' && ['post', 'put', 'patch'].includes(t.method),
  cases: (t) => contentTypeCases((t as { validJson: string }).validJson),
  arbitrary: (t) => fc.constantFrom(...contentTypeCases((t as { validJson: string }).validJson)),
};

// ---------------------------------------------------------------------------------------------
// path-parameter families (values are percent-encoded text, placed in the URL as they are)

const pathCases = (t: Target): Record<string, Case[]> => {
  const valid = t.scope === 'path' ? t.valid : '';
  const uuid = t.scope === 'path' && t.uuid;
  return {
    'path-nul': [
      { label: '%00', raw: '%00', strict: uuid, mustRefuse: true },
      { label: 'valid id + %00', raw: `${valid}%00`, strict: uuid, mustRefuse: true },
    ],
    'path-traversal': [
      { label: '%2e%2e%2f', raw: '%2e%2e%2f', strict: uuid, mustRefuse: true },
      { label: '..%2f..%2fetc%2fpasswd', raw: '..%2f..%2fetc%2fpasswd', strict: uuid, mustRefuse: true },
    ],
    'path-not-uuid': [
      { label: 'not-a-uuid', raw: 'not-a-uuid', strict: uuid, mustRefuse: true },
      { label: '1', raw: '1', strict: uuid, mustRefuse: true },
      { label: 'uuid with g', raw: '00000000-0000-4000-8000-00000000000g', strict: uuid, mustRefuse: true },
    ],
    // Too long to be any id: a 400 naming the parameter or a 404/414 problem are all fine answers.
    'path-long': [
      { label: '150 chars', raw: 'a'.repeat(150), strict: false, mustRefuse: true },
      { label: '2,000 chars', raw: 'a'.repeat(2_000), strict: false, mustRefuse: true },
    ],
    // Not UTF-8 at all: the URL cannot be decoded, so the router (not a field) refuses it.
    'path-bad-encoding': [
      { label: '%ED%A0%80 (lone surrogate)', raw: '%ED%A0%80', strict: false, mustRefuse: true },
      { label: '%FF', raw: '%FF', strict: false, mustRefuse: true },
      { label: 'lone %', raw: '%', strict: false, mustRefuse: true },
    ],
  };
};

const pathFamily = (name: string): Family => ({
  name,
  scope: 'path',
  applies: (t) => t.scope === 'path' && (name !== 'path-not-uuid' || t.uuid),
  cases: (t) => pathCases(t)[name],
  arbitrary: (t) => fc.constantFrom(...pathCases(t)[name]),
});

const pathNumber: Family = {
  name: 'path-number',
  scope: 'path',
  applies: (t) => t.scope === 'path' && t.numeric,
  cases: () =>
    ['0', '-1', '1.5', '9223372036854775808', '1e308', 'NaN', 'Infinity', '0x1'].map((raw) => ({
      label: raw,
      raw,
      strict: raw !== '0',
      mustRefuse: true, // no stage 0, no stage 2^63
    })),
  arbitrary: () =>
    fc
      .oneof(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String), fc.double().map(String))
      .map((raw) => ({ label: raw, raw: encodeURIComponent(raw), strict: false })),
};

// ---------------------------------------------------------------------------------------------
// query-parameter families

const isNumberQuery = (t: Target) => t.scope === 'query' && (t.schema.type === 'number' || t.schema.type === 'integer');

const queryFamilies: Family[] = [
  {
    name: 'query-nul',
    scope: 'query',
    applies: (t) => t.scope === 'query',
    cases: () => [
      { label: '%00', raw: '%00', strict: true, mustRefuse: true },
      { label: 'x%00y', raw: 'x%00y', strict: true, mustRefuse: true },
    ],
    arbitrary: () =>
      fc.string({ maxLength: 20 }).map((s) => ({
        label: `${JSON.stringify(s)} + NUL`,
        raw: encodeURIComponent(`${s}\u0000`),
        strict: true,
        mustRefuse: true,
      })),
  },
  {
    name: 'query-bad-encoding',
    scope: 'query',
    applies: (t) => t.scope === 'query',
    // Not decodable as UTF-8: a parser may refuse the URL, or keep the bytes as they are; a 400
    // then comes from the query string, not necessarily from the named parameter.
    cases: () => [
      { label: '%ED%A0%80 (lone surrogate)', raw: '%ED%A0%80', strict: false },
      { label: '%uD800', raw: '%uD800', strict: false },
      { label: '%FF%FE', raw: '%FF%FE', strict: false },
    ],
    arbitrary: () =>
      fc
        .constantFrom('%ED%A0%80', '%ED%BF%BF', '%uD800', '%FF', '%', '%C0%AF')
        .map((raw) => ({ label: raw, raw, strict: false })),
  },
  {
    name: 'query-huge',
    scope: 'query',
    applies: (t) => t.scope === 'query',
    // Every query parameter is an id, a cursor, an enum, a date or a short search: none takes 10,000 characters.
    cases: () => [{ label: `${HUGE_QUERY} chars`, raw: 'a'.repeat(HUGE_QUERY), strict: true, mustRefuse: true }],
    arbitrary: () =>
      fc.integer({ min: 1_000, max: HUGE_QUERY }).map((n) => ({ label: `${n} chars`, raw: 'a'.repeat(n), strict: true })),
  },
  {
    name: 'query-number',
    scope: 'query',
    applies: isNumberQuery,
    cases: () =>
      ['9223372036854775808', '1e308', '-1', '1.5', 'NaN', 'Infinity', 'abc', ''].map((raw) => ({
        label: raw || '(empty)',
        raw,
        strict: raw !== '',
        mustRefuse: raw !== '', // an empty value may mean "not given"
      })),
    arbitrary: () =>
      fc
        .oneof(fc.bigInt({ min: -(2n ** 70n), max: 2n ** 70n }).map(String), fc.double().map(String), fc.string({ maxLength: 5 }))
        .map((raw) => ({ label: raw, raw: encodeURIComponent(raw), strict: false })),
  },
  {
    name: 'query-repeated',
    scope: 'query',
    applies: (t) => t.scope === 'query',
    // `?limit=1&limit=2` arrives as an array where a scalar is expected; `raw` is appended as is.
    cases: () => [{ label: 'given twice', raw: '1&{name}=2', strict: true, mustRefuse: true }],
    arbitrary: () =>
      fc
        .integer({ min: 2, max: 50 })
        .map((n) => ({ label: `given ${n} times`, raw: `1${'&{name}=1'.repeat(n - 1)}`, strict: true })),
  },
];

/** Query keys that try to reach the prototype; sent on their own, beside no other parameter. */
export const PROTO_QUERIES = [
  '__proto__[polluted]=yes',
  '__proto__=x',
  'constructor[prototype][polluted]=yes',
  '__proto__.polluted=yes',
];

const queryProto: Family = {
  name: 'query-proto',
  scope: 'query',
  once: true,
  applies: (t) => t.scope === 'query',
  cases: () => PROTO_QUERIES.map((q) => ({ label: q, raw: q, strict: false, wholeQuery: true })),
  arbitrary: () => fc.constantFrom(...PROTO_QUERIES).map((q) => ({ label: q, raw: q, strict: false, wholeQuery: true })),
};

export const FAMILIES: Family[] = [
  nul,
  surrogate,
  huge,
  numbers,
  deepInField,
  protoInField,
  deepBody,
  protoBody,
  contentType,
  pathFamily('path-nul'),
  pathFamily('path-traversal'),
  pathFamily('path-not-uuid'),
  pathFamily('path-long'),
  pathFamily('path-bad-encoding'),
  pathNumber,
  ...queryFamilies,
  queryProto,
];
