import { EntityManager } from 'typeorm';
import { AuthUser } from '@app/common/auth';
import { DomainError, conflict, forbidden } from '@app/common/domain-error';
import { documentNotFound } from './http/document-errors';
import { documentsOfSubject, lockAttachCandidates, markAttached } from './repositories/documents.repository';

export interface AttachRequest {
  documentIds: string[];
  /** What the documents belong to, e.g. `bid`, `challenge`, `milestone_submission` (a type with a registered access rule). */
  subjectType: string;
  subjectId: string;
  /** Why they are attached, e.g. `application`, `budget`, `technical_annex`. */
  role: string;
  /** Who attaches: each document must have been uploaded by this user or by a member of its organisation. */
  by: Pick<AuthUser, 'id' | 'organizationId'>;
}

const NAME = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * Attaches uploaded documents to a subject, inside the caller's transaction (so the documents are
 * attached if and only if the bid, the submission … is written). From then on a document is
 * immutable and out of the orphan job's reach. Refuses (and the caller's transaction must then
 * roll back) a document that is unknown (404 `documents.not_found`), not uploaded by the caller or
 * its organisation (403 `documents.not_uploader`), or already attached to something else (409
 * `documents.already_attached`). Attaching again to the same subject with the same role is a no-op.
 */
export async function attachDocuments(em: EntityManager, req: AttachRequest): Promise<void> {
  const ids = [...new Set(req.documentIds)];
  if (!NAME.test(req.subjectType) || !NAME.test(req.role))
    throw new Error(`attachDocuments: subject type and role must be snake_case names (got "${req.subjectType}", "${req.role}")`);
  if (!ids.length) return;
  const rows = await lockAttachCandidates(em, ids);
  const found = new Map(rows.map((r) => [r.id, r]));
  for (const id of ids) {
    const row = found.get(id);
    if (!row) throw documentNotFound(id);
    const mine = row.uploaded_by === req.by.id || (row.organization_id !== null && row.organization_id === req.by.organizationId);
    if (!mine) throw notUploader(id);
    if (
      row.subject_type !== null &&
      !(row.subject_type === req.subjectType && row.subject_id === req.subjectId && row.role === req.role)
    )
      throw alreadyAttached(id);
  }
  await markAttached(em, ids, { type: req.subjectType, id: req.subjectId, role: req.role });
}

const notUploader = (id: string): DomainError =>
  forbidden('documents.not_uploader', `Document ${id} was uploaded by someone outside your organisation; upload it yourself.`);

const alreadyAttached = (id: string): DomainError =>
  conflict('documents.already_attached', `Document ${id} is already attached elsewhere; an attached document cannot move.`, {
    documentId: id,
  });

/** A subject's document, as a receipt covers it and a list shows it. */
export interface SubjectDocument {
  id: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  role: string;
  attachedAt: string;
}

/** The documents attached to a subject, in the order attached (read in the caller's transaction). */
export async function readSubjectDocuments(
  em: EntityManager,
  subjectType: string,
  subjectId: string,
): Promise<SubjectDocument[]> {
  return (await readDocumentsOfSubjects(em, subjectType, [subjectId])).get(subjectId) ?? [];
}

/** The same for many subjects of one type at once (a challenge's bids for its opening record). */
export async function readDocumentsOfSubjects(
  em: EntityManager,
  subjectType: string,
  subjectIds: string[],
): Promise<Map<string, SubjectDocument[]>> {
  const out = new Map<string, SubjectDocument[]>();
  if (!subjectIds.length) return out;
  for (const r of await documentsOfSubject(em, subjectType, subjectIds)) {
    const list = out.get(r.subject_id) ?? [];
    list.push({
      id: r.id,
      name: r.name,
      mediaType: r.media_type,
      size: Number(r.size),
      sha256: r.sha256.trim(),
      role: r.role as string,
      attachedAt: (r.attached_at as Date).toISOString(),
    });
    out.set(r.subject_id, list);
  }
  return out;
}
