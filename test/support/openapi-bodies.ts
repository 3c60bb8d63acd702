/**
 * TEST-ONLY: reads the OpenAPI document the way a client would, to build *valid* request bodies from
 * `components.schemas` (following `$ref`, `allOf`, `oneOf`, required fields, enums, formats and
 * examples) and to list every leaf field of a body, so a fuzz test can mutate one field at a time.
 *
 * Field paths are written the way the API names fields in a 400 (`errors[].field`):
 * `admin.email`, `milestones[0].trancheFen`.
 */
import { randomUUID } from 'node:crypto';

export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  description?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  operationId: string;
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  security?: Record<string, string[]>[];
}

export interface OpenApiDoc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** One operation of the document: `method` in lower case, `path` as written (`/api/v1/challenges/{id}`). */
export interface Route {
  method: string;
  path: string;
  op: Operation;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** The JSON body's schema (after `$ref`), if the operation takes one. */
  body?: Schema;
}

export type PathSegment = string | number;

/** Renders a path as the API's field errors do: `a.b[0].c`. */
export function fieldName(path: PathSegment[]): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out ? `${out}.${seg}` : seg), '');
}

/** Every operation of the document, with its parameters split by where they go. */
export function routesOf(doc: OpenApiDoc): Route[] {
  const routes: Route[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      const params = op.parameters ?? [];
      const json = op.requestBody?.content['application/json']?.schema;
      routes.push({
        method,
        path,
        op,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: json ? resolve(doc, json) : undefined,
      });
    }
  }
  return routes;
}

/**
 * Follows `$ref`s and flattens `allOf` (Nest's swagger writes `allOf: [{$ref}]` to attach a
 * description to a nested object) and `oneOf`/`anyOf` (the first object-shaped alternative: the
 * structured form is the one worth fuzzing).
 */
export function resolve(doc: OpenApiDoc, schema: Schema): Schema {
  let s = schema;
  for (let guard = 0; guard < 20; guard++) {
    if (s.$ref) {
      const name = s.$ref.replace('#/components/schemas/', '');
      const target = doc.components.schemas[name];
      if (!target) throw new Error(`unknown schema ${s.$ref}`);
      const { $ref: _ref, ...rest } = s;
      s = { ...target, ...rest };
      continue;
    }
    const alternatives = s.allOf ?? s.oneOf ?? s.anyOf;
    if (alternatives?.length && !s.properties && !s.type) {
      const resolved = alternatives.map((a) => resolve(doc, a));
      const chosen = s.allOf
        ? resolved.reduce<Schema>(
            (acc, r) => ({
              ...acc,
              ...r,
              properties: { ...acc.properties, ...r.properties },
              required: [...(acc.required ?? []), ...(r.required ?? [])],
            }),
            {},
          )
        : (resolved.find((r) => r.type === 'object' || r.properties) ?? resolved[0]);
      const { allOf: _a, oneOf: _o, anyOf: _n, ...rest } = s;
      s = { ...chosen, ...rest, description: s.description ?? chosen.description };
      continue;
    }
    return s;
  }
  throw new Error('schema nesting too deep (a $ref cycle?)');
}

/** What kind of value a leaf field holds. `opaque` is a field documented only as `type: object` without properties. */
export type LeafKind = 'string' | 'number' | 'boolean' | 'opaque';

export interface Leaf {
  path: PathSegment[];
  name: string;
  kind: LeafKind;
  schema: Schema;
  required: boolean;
}

export interface Container {
  path: PathSegment[];
  name: string;
  kind: 'object' | 'array';
  schema: Schema;
}

const isObjectSchema = (s: Schema) => (s.type === 'object' || !!s.properties) && !!s.properties;

/** Every leaf field of a body schema (array items as `[0]`), optional ones included. */
export function leavesOf(doc: OpenApiDoc, schema: Schema, path: PathSegment[] = [], required = true): Leaf[] {
  const s = resolve(doc, schema);
  if (isObjectSchema(s)) {
    return Object.entries(s.properties ?? {}).flatMap(([key, child]) =>
      leavesOf(doc, child, [...path, key], required && (s.required ?? []).includes(key)),
    );
  }
  if (s.type === 'array' && s.items) return leavesOf(doc, s.items, [...path, 0], required);
  if (path.length === 0) return [];
  const kind: LeafKind =
    s.type === 'string'
      ? 'string'
      : s.type === 'number' || s.type === 'integer'
        ? 'number'
        : s.type === 'boolean'
          ? 'boolean'
          : 'opaque';
  return [{ path, name: fieldName(path), kind, schema: s, required }];
}

/** Every object and array field of a body schema (not the body itself). */
export function containersOf(doc: OpenApiDoc, schema: Schema, path: PathSegment[] = []): Container[] {
  const s = resolve(doc, schema);
  const here: Container[] =
    path.length && (isObjectSchema(s) || s.type === 'array')
      ? [{ path, name: fieldName(path), kind: s.type === 'array' ? 'array' : 'object', schema: s }]
      : [];
  if (isObjectSchema(s)) {
    return [...here, ...Object.entries(s.properties ?? {}).flatMap(([key, child]) => containersOf(doc, child, [...path, key]))];
  }
  if (s.type === 'array' && s.items) return [...here, ...containersOf(doc, s.items, [...path, 0])];
  return here;
}

/** A plausible value for a schema: its example, first enum value, default, or one built from its type and format. */
export function validValue(doc: OpenApiDoc, schema: Schema): unknown {
  const s = resolve(doc, schema);
  if (isObjectSchema(s)) return validBody(doc, s);
  if (s.type === 'array') return s.items ? [validValue(doc, s.items)] : [];
  if (s.enum?.length) return s.enum[0];
  if (s.example !== undefined) return s.example;
  if (s.default !== undefined) return s.default;
  switch (s.type) {
    case 'string':
      if (s.format === 'uuid') return randomUUID();
      if (s.format === 'date-time' || /ISO.?8601|date/i.test(s.description ?? '')) return '2031-06-30T16:00:00Z';
      return 'x'.repeat(Math.max(1, s.minLength ?? 8));
    case 'number':
    case 'integer':
      return s.minimum ?? 1;
    case 'boolean':
      return true;
    default:
      return null;
  }
}

/** A body with every required field of an object schema (recursively), from `validValue`. */
export function validBody(doc: OpenApiDoc, schema: Schema): Record<string, unknown> {
  const s = resolve(doc, schema);
  const out: Record<string, unknown> = {};
  for (const key of s.required ?? []) {
    const child = s.properties?.[key];
    if (child) out[key] = validValue(doc, child);
  }
  return out;
}

/**
 * A deep copy of `body` with the field at `path` set to `value`. Missing objects and array items on
 * the way are filled with valid values from the schema, so an optional field (or the first item of
 * an absent optional array) can be mutated too.
 */
export function withField(
  doc: OpenApiDoc,
  schema: Schema,
  body: Record<string, unknown>,
  path: PathSegment[],
  value: unknown,
): Record<string, unknown> {
  const copy = structuredClone(body);
  let node: Record<string | number, unknown> = copy;
  let s = resolve(doc, schema);
  for (let i = 0; i < path.length; i++) {
    const seg = path[i];
    const childSchema = resolve(doc, typeof seg === 'number' ? (s.items ?? {}) : (s.properties?.[seg] ?? {}));
    if (i === path.length - 1) {
      node[seg] = value;
      break;
    }
    let next = node[seg];
    if (next === null || typeof next !== 'object') {
      next = childSchema.type === 'array' ? [] : validBody(doc, childSchema);
      node[seg] = next;
    }
    if (Array.isArray(next) && typeof path[i + 1] === 'number' && next.length <= (path[i + 1] as number)) {
      next.push(validValue(doc, childSchema.items ?? {}));
    }
    node = next as Record<string | number, unknown>;
    s = childSchema;
  }
  return copy;
}

/** The value at `path` in `body`, or undefined. */
export function valueAt(body: unknown, path: PathSegment[]): unknown {
  let node = body;
  for (const seg of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[seg];
  }
  return node;
}
