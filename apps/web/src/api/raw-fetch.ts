/**
 * For the few requests made outside the typed client (uploads with progress, file downloads): the
 * session's token as a header, a failed answer as the same ApiError the client throws, and saving
 * what arrived as a file.
 */
import { bearerToken } from './client';
import { ApiError, isProblem } from './problem';
import { readerLanguage } from './reader-language';

/** The session's token, and the reader's language so a problem comes back worded in it. */
export function authHeaders(): Record<string, string> {
  const token = bearerToken();
  return { 'accept-language': readerLanguage(), ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

/** A failed answer as an ApiError: its problem+json when it has one, else its status. */
export async function failure(response: Response): Promise<ApiError> {
  try {
    const body: unknown = await response.json();
    if (isProblem(body)) return new ApiError(body);
  } catch {
    // not JSON
  }
  return new ApiError({ status: response.status, title: response.statusText });
}

/** Saves a blob under `name` through a temporary object URL (a plain link cannot carry the token). */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // Revoked after the click has been handled (revoking at once may cancel the save in some browsers).
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
