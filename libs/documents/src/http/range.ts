import { rangeNotSatisfiable } from './document-errors';

export interface ByteRange {
  /** Inclusive. */
  start: number;
  end: number;
}

export interface RangeRequest {
  range?: string;
  ifRange?: string;
}

const SINGLE = /^bytes=(\d*)-(\d*)$/;

/**
 * The one range to serve (RFC 9110 §14): null for the whole file — no Range header, a syntax we do
 * not serve (several ranges, another unit: a server may ignore Range), or an If-Range that does not
 * name this file's ETag. A well-formed range outside the file is a 416.
 */
export function chooseRange(request: RangeRequest, size: number, etag: string): ByteRange | null {
  const header = request.range?.trim();
  if (!header) return null;
  if (request.ifRange !== undefined && request.ifRange.trim() !== etag) return null;
  const m = SINGLE.exec(header.replace(/\s+/g, ''));
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) throw rangeNotSatisfiable(size);
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= size) throw rangeNotSatisfiable(size);
  return { start, end };
}

/**
 * `attachment` with an ASCII fallback `filename` and the exact name as RFC 5987/8187 `filename*`
 * (UTF-8, percent-encoded), so Chinese names survive in every current browser.
 */
export function contentDisposition(name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
