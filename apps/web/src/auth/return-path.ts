/**
 * Where to go back to after signing in or registering (`?next=`). Only a path of this site is
 * followed: it starts with a single `/`, so `//evil.example` (protocol-relative), `/\evil.example`
 * (which browsers read as `//`), `https://…`, `javascript:…` and anything with a control character
 * or whitespace are refused — no open redirect.
 */
export function safeReturnPath(next: string | null | undefined): string | null {
  if (!next || next[0] !== '/') return null;
  if (next[1] === '/' || next[1] === '\\') return null;
  // Browsers drop tabs and newlines from URLs (`/\t/evil.example` becomes `//evil.example`) and read `\` as `/`.
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\s\\]/.test(next)) return null;
  // Resolved against any origin it must stay on that origin (a last check against parser quirks).
  try {
    const base = 'http://same.invalid';
    const url = new URL(next, base);
    if (url.origin !== base) return null;
  } catch {
    return null;
  }
  return next;
}

/** A link to a page that sends the person back to `path` afterwards (`/sign-in`, `/register`). */
export function withReturnPath(page: '/sign-in' | '/register', path: string | null | undefined): string {
  const safe = safeReturnPath(path);
  return safe ? `${page}?next=${encodeURIComponent(safe)}` : page;
}
