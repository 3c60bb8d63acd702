import { Injectable, OnModuleInit } from '@nestjs/common';
import { DocumentAccessRegistry } from '@app/documents';
import { readObjectionParties } from '../repositories/project-objections.repository';
import { objectionDocumentAccess } from './objection-document-rule';

/** The subject type and role of an objection's documents. */
export const OBJECTION_DOCUMENTS = { subjectType: 'project_objection', role: 'attachment' } as const;

/** Registers, at start-up, who may read an objection's documents (objection-document-rule.ts). */
@Injectable()
export class ObjectionDocumentsAccess implements OnModuleInit {
  constructor(private readonly registry: DocumentAccessRegistry) {}

  onModuleInit(): void {
    this.registry.register(OBJECTION_DOCUMENTS.subjectType, async (doc, user, em) => {
      const o = await readObjectionParties(em, doc.subjectId);
      if (!o) return 'hidden';
      return objectionDocumentAccess(
        { raisedBy: o.raised_by, agencyOrganizationId: o.agency_organization_id, documentOrganizationId: doc.organizationId },
        user,
      );
    });
  }
}
