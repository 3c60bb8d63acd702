import { EntityManager } from 'typeorm';
import { REQUIRABLE_BID_DOCUMENT_ROLES, type RequirableBidDocumentRole, missingBidDocumentRoles } from '@app/challenges';
import { AuthUser } from '@app/common/auth';
import { invalid } from '@app/common/domain-error';
import { SubjectDocument, attachDocuments, readDocumentsOfSubjects } from '@app/documents';
import { BidDocumentView } from './dto/views';
import type { ReceiptDocument } from './receipt';
import { BidDocumentEntry, readBidDocumentSets } from './repositories/bid-documents.repository';

/** The documents library's subject type for a bid's files (its access rule: bid-document-access.ts). */
export const BID_SUBJECT = 'bid';

/** A document as a bid write lists it. */
export interface RequestedBidDocument {
  documentId: string;
  role: string;
}

/** 400 `bids.documents_missing` naming the field and the roles the challenge requires that the bid leaves out. */
export function assertRequiredDocuments(required: readonly string[], requested: readonly RequestedBidDocument[]): void {
  const requirable = required.filter((r): r is RequirableBidDocumentRole =>
    (REQUIRABLE_BID_DOCUMENT_ROLES as readonly string[]).includes(r),
  );
  const missing = missingBidDocumentRoles(
    requirable,
    requested.map((d) => d.role),
  );
  if (!missing.length) return;
  throw invalid(
    'bids.documents_missing',
    `documents must include a document of each role the challenge requires; missing: ${missing.join(', ')}.`,
    [{ field: 'documents', message: `missing required roles: ${missing.join(', ')}` }],
    { missingRoles: missing },
  );
}

/**
 * Attaches the listed documents to the bid, inside its write transaction (one call per role; the
 * documents library refuses an unknown document, one uploaded outside the organisation, or one
 * attached elsewhere or with another role), and answers them as stored, in the listed order.
 */
export async function attachBidDocuments(
  em: EntityManager,
  bidId: string,
  requested: readonly RequestedBidDocument[],
  user: AuthUser,
): Promise<BidDocumentView[]> {
  if (!requested.length) return [];
  for (const role of [...new Set(requested.map((d) => d.role))]) {
    const documentIds = requested.filter((d) => d.role === role).map((d) => d.documentId);
    await attachDocuments(em, { documentIds, subjectType: BID_SUBJECT, subjectId: bidId, role, by: user });
  }
  const attached = (await readDocumentsOfSubjects(em, BID_SUBJECT, [bidId])).get(bidId) ?? [];
  const byId = new Map(attached.map((d) => [d.id, d]));
  return requested.map((d) => viewOfDocument(byId.get(d.documentId) as SubjectDocument, d.role));
}

/** The rows of `bid_documents` for a write. */
export function setEntries(requested: readonly RequestedBidDocument[]): BidDocumentEntry[] {
  return requested.map((d, position) => ({ document_id: d.documentId, role: d.role, position }));
}

/** What the receipt covers of each document. */
export function receiptDocuments(documents: readonly BidDocumentView[]): ReceiptDocument[] {
  return documents.map((d) => ({ role: d.role, sha256: d.sha256, size: d.size, name: d.name }));
}

/** The current documents of each bid, in order (two statements, whatever the count). */
export async function documentsOfBids(em: EntityManager, bidIds: string[]): Promise<Map<string, BidDocumentView[]>> {
  const out = new Map<string, BidDocumentView[]>(bidIds.map((id) => [id, []]));
  const sets = await readBidDocumentSets(em, bidIds);
  if (!sets.length) return out;
  const attached = await readDocumentsOfSubjects(em, BID_SUBJECT, [...new Set(sets.map((s) => s.bid_id))]);
  for (const s of sets) {
    const doc = attached.get(s.bid_id)?.find((d) => d.id === s.document_id);
    if (doc) out.get(s.bid_id)?.push(viewOfDocument(doc, s.role));
  }
  return out;
}

function viewOfDocument(d: SubjectDocument, role: string): BidDocumentView {
  return { id: d.id, role, name: d.name, mediaType: d.mediaType, size: d.size, sha256: d.sha256 };
}
