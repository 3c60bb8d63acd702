/**
 * Compiling a record: the releases of one ocid merged into `compiledRelease`, following the OCDS
 * 1.1 merge routine for the shapes this feed emits (pure):
 *
 * - releases are applied oldest first (by `date`; ties keep the order of the log);
 * - an object merges field by field, recursively; a later value replaces an earlier one;
 *   a `null` removes the field;
 * - an array of objects that all have an `id` merges by identifier: an entry with a known `id` is
 *   merged into the earlier entry of that `id`, a new `id` is appended (OCDS "identifier merge");
 * - any other array (strings such as `tag`, `roles`, `submissionMethod`) is replaced whole;
 * - the compiled release's `id` is `<ocid>-<date of the latest release>`, its `date` that date and
 *   its `tag` `["compiled"]`.
 */
import { Release } from './ocds';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

function isIdentifiedList(v: unknown): v is JsonObject[] {
  return (
    Array.isArray(v) && v.length > 0 && v.every((e) => isObject(e) && (typeof e.id === 'string' || typeof e.id === 'number'))
  );
}

function mergeValue(prev: Json | undefined, next: Json): Json | undefined {
  if (next === null) return undefined;
  if (isObject(next)) return mergeObject(isObject(prev) ? prev : {}, next);
  if (Array.isArray(next)) {
    if (isIdentifiedList(next) && (prev === undefined || isIdentifiedList(prev))) {
      const out: JsonObject[] = prev ? prev.map((e) => ({ ...e })) : [];
      for (const entry of next) {
        const at = out.findIndex((e) => String(e.id) === String(entry.id));
        if (at >= 0) out[at] = mergeObject(out[at], entry);
        else out.push(mergeObject({}, entry));
      }
      return out;
    }
    return next.map((e) => (isObject(e) ? mergeObject({}, e) : e));
  }
  return next;
}

function mergeObject(prev: JsonObject, next: JsonObject): JsonObject {
  const out: JsonObject = { ...prev };
  for (const [key, value] of Object.entries(next)) {
    if (value === undefined) continue;
    const merged = mergeValue(prev[key], value);
    if (merged === undefined) delete out[key];
    else out[key] = merged;
  }
  return out;
}

/** Releases of one ocid, oldest first by date (stable: ties keep the given order). */
export function sortReleases(releases: Release[]): Release[] {
  return releases
    .map((r, i) => ({ r, i }))
    .sort((a, b) => (a.r.date < b.r.date ? -1 : a.r.date > b.r.date ? 1 : a.i - b.i))
    .map((x) => x.r);
}

export function compileRelease(releases: Release[]): Release {
  if (!releases.length) throw new Error('a record needs at least one release');
  const ocid = releases[0].ocid;
  if (releases.some((r) => r.ocid !== ocid)) throw new Error('releases of different ocids cannot be compiled together');
  const ordered = sortReleases(releases);
  let compiled: JsonObject = {};
  for (const release of ordered) {
    const { id: _id, date: _date, tag: _tag, ...rest } = release;
    compiled = mergeObject(compiled, rest as unknown as JsonObject);
  }
  const latest = ordered[ordered.length - 1].date;
  const { ocid: _ocid, ...fields } = compiled;
  return { ocid, id: `${ocid}-${latest}`, date: latest, tag: ['compiled'], ...(fields as object) } as Release;
}
