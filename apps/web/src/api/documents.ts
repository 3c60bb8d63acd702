/**
 * Documents (libs/documents): upload with progress, download with the session's token, and the
 * shapes the challenge, bid, opening and milestone views carry.
 *
 * The types below are declared here, structurally equal to the API's, until the generated
 * schema.d.ts has them; then each becomes an alias of `Schemas[...]`. Every read of `documents`
 * is defensive (`?? []`): a server without them yet still renders.
 */
import { useQuery } from '@tanstack/react-query';
import { type Challenge } from './client';
import { ApiError, isProblem, type Problem } from './problem';
import { authHeaders, failure, saveBlob } from './raw-fetch';
import type { BidView } from './bids';

/** 201 of POST /documents. */
export interface DocumentMeta {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  createdAt: string;
}

/** A document as a challenge, bid or submission lists it. */
export interface AttachedDocument {
  id: string;
  role: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}

export const CHALLENGE_DOCUMENT_ROLES = ['notice', 'technical_annex'] as const;
export type ChallengeDocumentRole = (typeof CHALLENGE_DOCUMENT_ROLES)[number];
export const REQUIRABLE_BID_DOCUMENT_ROLES = ['application', 'commitment', 'qualification', 'budget'] as const;
export type RequirableBidDocumentRole = (typeof REQUIRABLE_BID_DOCUMENT_ROLES)[number];
export const BID_DOCUMENT_ROLES = [...REQUIRABLE_BID_DOCUMENT_ROLES, 'other'] as const;
export type BidDocumentRole = (typeof BID_DOCUMENT_ROLES)[number];
export type DocumentRole = ChallengeDocumentRole | BidDocumentRole;

/** How a body names a document it attaches. */
export interface DocumentRef<R extends string = string> {
  documentId: string;
  role: R;
}

/** A document uploaded in a form, not yet attached: the reference sent, and what the list shows. */
export interface UploadedDocument extends AttachedDocument {
  documentId: string;
}

export const uploadedOf = (meta: DocumentMeta, role: string): UploadedDocument => ({
  documentId: meta.id,
  id: meta.id,
  role,
  name: meta.name,
  mediaType: meta.mediaType,
  size: meta.size,
  sha256: meta.sha256,
});

export type ChallengeWithDocuments = Challenge & { requiredBidDocuments?: string[]; documents?: AttachedDocument[] };
export type BidWithDocuments = BidView & { documents?: AttachedDocument[] };

/** The documents of any view that may carry them (none when the server does not send them yet). */
export function documentsOf(view: object | null | undefined): AttachedDocument[] {
  const docs = (view as { documents?: AttachedDocument[] } | null | undefined)?.documents;
  return Array.isArray(docs) ? docs : [];
}

/** The roles a challenge requires of every bid, in its order (unknown roles dropped). */
export function requiredRolesOf(challenge: object): RequirableBidDocumentRole[] {
  const roles = (challenge as { requiredBidDocuments?: unknown }).requiredBidDocuments;
  if (!Array.isArray(roles)) return [];
  return REQUIRABLE_BID_DOCUMENT_ROLES.filter((r) => roles.includes(r));
}

/** The required roles that none of these documents has (the same rule as the server's missingBidDocumentRoles). */
export function missingRoles(required: readonly RequirableBidDocumentRole[], docs: readonly { role: string }[]) {
  const present = new Set(docs.map((d) => d.role));
  return required.filter((r) => !present.has(r));
}

/** GET /challenges/:id/opening: the opening record (开标记录). */
export interface OpeningRecord {
  challengeId: string;
  openedAt: string;
  bidCount: number;
  entries: OpeningEntry[];
}
export interface OpeningEntry {
  bidId: string;
  organizationId: string;
  organizationName: string;
  submittedAt: string;
  receiptHash: string;
  documents: { name: string; size: number; sha256: string; role: string }[];
}

/** The largest file the API takes by default (DOCUMENT_MAX_BYTES); the server still decides. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;
export const ACCEPTED_EXTENSIONS = ['.pdf', '.ofd', '.docx', '.xlsx', '.pptx', '.png', '.jpg', '.jpeg'] as const;

const MEDIA_TYPE_LABELS: Record<string, string> = {
  'application/pdf': 'PDF',
  'application/ofd': 'OFD',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'XLSX',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PPTX',
  'image/png': 'PNG',
  'image/jpeg': 'JPEG',
};
export const ACCEPTED_LABELS = Object.values(MEDIA_TYPE_LABELS);
export const mediaTypeLabel = (mediaType: string): string => MEDIA_TYPE_LABELS[mediaType] ?? mediaType;

export function hasAcceptedExtension(name: string): boolean {
  const lower = name.toLowerCase();
  return ACCEPTED_EXTENSIONS.some((ext) => lower.endsWith(ext));
}

const origin = () => globalThis.location?.origin ?? 'http://localhost';

/** A failed XHR's answer as a problem (a body that is not problem+json still carries the status). */
function problemOfXhr(xhr: XMLHttpRequest): Problem {
  try {
    const body: unknown = JSON.parse(xhr.responseText);
    if (isProblem(body)) return body;
  } catch {
    // not JSON: fall through
  }
  return { status: xhr.status, title: xhr.statusText };
}

/**
 * POST /documents with XMLHttpRequest, not fetch: only XHR reports upload progress. Resolves with
 * the document's metadata; rejects with an ApiError (status 0 when the network failed or it was aborted).
 */
export function uploadDocument(
  file: File,
  options: { onProgress?: (fraction: number) => void; signal?: AbortSignal } = {},
): Promise<DocumentMeta> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `${origin()}/api/v1/documents`);
    for (const [k, v] of Object.entries(authHeaders())) xhr.setRequestHeader(k, v);
    xhr.setRequestHeader('accept', 'application/json, application/problem+json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) options.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status === 201 || xhr.status === 200) {
        options.onProgress?.(1);
        resolve(JSON.parse(xhr.responseText) as DocumentMeta);
      } else reject(new ApiError(problemOfXhr(xhr)));
    };
    xhr.onerror = () => reject(new ApiError({ status: 0, title: 'network' }));
    xhr.onabort = () => reject(new ApiError({ status: 0, title: 'aborted', code: 'documents.aborted' }));
    options.signal?.addEventListener('abort', () => xhr.abort());
    const form = new FormData();
    // The size first: the server refuses an oversized file before it is sent, and stores a file of
    // known size in one piece.
    form.append('size', String(file.size));
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

/**
 * Downloads a document with the session's token (a plain link cannot carry it) and saves it under
 * its own name through a temporary object URL.
 */
export async function downloadDocument(id: string, name: string): Promise<void> {
  const response = await globalThis.fetch(`${origin()}/api/v1/documents/${encodeURIComponent(id)}/content`, {
    headers: authHeaders(),
  });
  if (!response.ok) throw await failure(response);
  saveBlob(await response.blob(), name);
}

/** The address of a document's content, for a plain link where no token is needed (public documents). */
export const contentUrl = (id: string) => `/api/v1/documents/${encodeURIComponent(id)}/content`;

/** GET /challenges/:id/opening (404 before the deadline: the caller enables it only after). */
export function useOpening(challengeId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['opening', challengeId],
    enabled,
    retry: false,
    queryFn: async ({ signal }): Promise<OpeningRecord> => {
      const response = await globalThis.fetch(`${origin()}/api/v1/challenges/${encodeURIComponent(challengeId)}/opening`, {
        headers: { ...authHeaders(), accept: 'application/json' },
        signal,
      });
      if (!response.ok) throw await failure(response);
      return (await response.json()) as OpeningRecord;
    },
  });
}
