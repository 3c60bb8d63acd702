import { EntityManager } from 'typeorm';
import { AuthUser } from '@app/common/auth';
import { conflict, invalid } from '@app/common/domain-error';
import { SubjectDocument, attachDocuments, readSubjectDocuments } from '@app/documents';
import { CHALLENGE_SUBJECT_TYPE } from './challenge-document-access';
import { CHALLENGE_DOCUMENT_ROLES } from './document-roles';
import { ChallengeDocumentDto, MAX_CHALLENGE_DOCUMENTS } from './dto/create-challenge.dto';
import type { UpdateChallengeDto } from './dto/update-challenge.dto';

/**
 * A challenge's own documents (notice, technical annexes) are documents attached to the subject
 * `challenge`. An attached document never changes and never comes off (libs/documents), so a
 * draft's set only grows: a body's `documents` are added to those already attached (attaching one
 * again with the same role is a no-op); to drop one, the agency creates the challenge anew (and
 * cancels the old draft). Once published the set is frozen: the call bidders read is the call.
 */

/** Whether a create or update body touches what is frozen at publication (documents, required bid documents). */
export const touchesDocuments = (dto: UpdateChallengeDto): boolean =>
  dto.documents !== undefined || dto.requiredBidDocuments !== undefined;

export const documentsFrozen = (status: string) =>
  conflict(
    'challenges.documents_frozen',
    `The documents of a challenge that is ${status} cannot change; they were frozen when it was published.`,
    { status },
  );

/**
 * Attaches the body's documents to the challenge in the caller's transaction (any refusal —
 * unknown, someone else's, attached elsewhere — rolls the write back) and answers the whole set.
 */
export async function attachChallengeDocuments(
  em: EntityManager,
  challengeId: string,
  documents: readonly ChallengeDocumentDto[] | undefined,
  user: AuthUser,
): Promise<SubjectDocument[]> {
  const list = documents ?? [];
  const ids = list.map((d) => d.documentId.toLowerCase());
  const repeated = ids.findIndex((id, i) => ids.indexOf(id) !== i);
  if (repeated >= 0) {
    throw invalid('challenges.invalid', `documents[${repeated}] repeats a document`, [
      { field: `documents[${repeated}].documentId`, message: 'repeats a document' },
    ]);
  }
  for (const role of CHALLENGE_DOCUMENT_ROLES) {
    const documentIds = list.filter((d) => d.role === role).map((d) => d.documentId);
    await attachDocuments(em, { documentIds, subjectType: CHALLENGE_SUBJECT_TYPE, subjectId: challengeId, role, by: user });
  }
  const all = await readSubjectDocuments(em, CHALLENGE_SUBJECT_TYPE, challengeId);
  if (all.length > MAX_CHALLENGE_DOCUMENTS) {
    throw invalid('challenges.too_many_documents', `A challenge carries at most ${MAX_CHALLENGE_DOCUMENTS} documents.`, [
      { field: 'documents', message: `at most ${MAX_CHALLENGE_DOCUMENTS} documents in all` },
    ]);
  }
  return all;
}

/** What the ledger keeps of a set of documents: enough to tell later that a file is the one attached. */
export const documentsForAudit = (docs: readonly SubjectDocument[]) =>
  docs.map((d) => ({ id: d.id, role: d.role, name: d.name, sha256: d.sha256, size: d.size }));
