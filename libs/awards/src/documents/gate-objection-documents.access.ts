import { Injectable, OnModuleInit } from '@nestjs/common';
import { DocumentAccessRegistry } from '@app/documents';
import { readGateObjectionParties } from '../repositories/gate-objections.repository';
import { objectionDocumentAccess } from './objection-document-rule';

/** The subject type and role of a gate objection's documents. */
export const GATE_OBJECTION_DOCUMENTS = { subjectType: 'gate_objection', role: 'attachment' } as const;

/** Registers, at start-up, who may read a gate objection's documents: the same rule as an award objection's. */
@Injectable()
export class GateObjectionDocumentsAccess implements OnModuleInit {
  constructor(private readonly registry: DocumentAccessRegistry) {}

  onModuleInit(): void {
    this.registry.register(GATE_OBJECTION_DOCUMENTS.subjectType, async (doc, user, em) => {
      const o = await readGateObjectionParties(em, doc.subjectId);
      if (!o) return 'hidden';
      return objectionDocumentAccess(
        { raisedBy: o.raised_by, agencyOrganizationId: o.agency_organization_id, documentOrganizationId: doc.organizationId },
        user,
      );
    });
  }
}
