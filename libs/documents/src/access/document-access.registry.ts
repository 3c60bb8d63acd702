import { Injectable, Logger } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AuthUser } from '@app/common/auth';

/**
 * What a reader may do with a document:
 * - `public`: anyone, signed in or not (served with a cacheable `Cache-Control`);
 * - `allowed`: this reader;
 * - `forbidden`: this reader knows the subject exists but may not read its files yet (403);
 * - `hidden`: this reader may not know the document exists (404).
 */
export type DocumentAccess = 'public' | 'allowed' | 'forbidden' | 'hidden';

/** A document attached to a subject, as a resolver sees it. */
export interface AttachedDocumentRef {
  id: string;
  subjectType: string;
  subjectId: string;
  role: string;
  uploadedBy: string;
  organizationId: string | null;
}

/**
 * Answers, on every request, what `user` may do with a document attached to a subject of this
 * type — as for the subject itself (a bid's files as the bid, a challenge's annex as the
 * challenge). Runs in a read-only transaction of its own (`em`).
 */
export type DocumentAccessResolver = (
  document: AttachedDocumentRef,
  user: AuthUser | undefined,
  em: EntityManager,
) => Promise<DocumentAccess>;

/**
 * The libraries that attach documents (challenges, bids, milestones …) register here, at start-up
 * (`onModuleInit`), the rule for their subject type. A document attached to a type nobody
 * registered is hidden from everyone (and logged): failing closed.
 * An unattached document is readable by its uploader only.
 */
@Injectable()
export class DocumentAccessRegistry {
  private readonly logger = new Logger('DocumentAccess');
  private readonly resolvers = new Map<string, DocumentAccessResolver>();

  register(subjectType: string, resolver: DocumentAccessResolver): void {
    if (this.resolvers.has(subjectType)) throw new Error(`a document access rule for "${subjectType}" is already registered`);
    this.resolvers.set(subjectType, resolver);
  }

  registered(subjectType: string): boolean {
    return this.resolvers.has(subjectType);
  }

  async accessOf(
    doc: {
      id: string;
      uploadedBy: string;
      organizationId: string | null;
      subjectType: string | null;
      subjectId: string | null;
      role: string | null;
    },
    user: AuthUser | undefined,
    em: EntityManager,
  ): Promise<DocumentAccess> {
    if (doc.subjectType === null || doc.subjectId === null || doc.role === null)
      return user !== undefined && user.id === doc.uploadedBy ? 'allowed' : 'hidden';
    const resolver = this.resolvers.get(doc.subjectType);
    if (!resolver) {
      this.logger.error({ documentId: doc.id, subjectType: doc.subjectType }, 'no access rule for this subject type');
      return 'hidden';
    }
    return resolver({ ...doc, subjectType: doc.subjectType, subjectId: doc.subjectId, role: doc.role }, user, em);
  }
}
