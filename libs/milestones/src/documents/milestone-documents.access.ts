import { Injectable, OnModuleInit } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProjectsService } from '@app/awards';
import { AuthUser } from '@app/common/auth';
import { DomainError } from '@app/common/domain-error';
import { DocumentAccess, DocumentAccessRegistry } from '@app/documents';
import { readChangeRequestProjectId } from '../repositories/milestone-change-requests.repository';
import { readSubmissionProjectId } from '../repositories/milestone-submissions.repository';

/** The subject types and roles of this library's documents. */
export const SUBMISSION_DOCUMENTS = { subjectType: 'milestone_submission', role: 'evidence' } as const;
export const CHANGE_REQUEST_DOCUMENTS = { subjectType: 'milestone_change_request', role: 'attachment' } as const;

/**
 * Registers, at start-up, who may read a submission's evidence and a change request's files: as
 * the submission or request itself — whoever may see its project (the team, lead or consortium
 * member; its program manager; its challenge's agency; admins). Anyone else, signed in or not, may
 * not know they exist ('hidden'); never 'public' (what is published of a project is its result).
 */
@Injectable()
export class MilestoneDocumentsAccess implements OnModuleInit {
  constructor(
    private readonly registry: DocumentAccessRegistry,
    private readonly projects: ProjectsService,
  ) {}

  onModuleInit(): void {
    this.registry.register(SUBMISSION_DOCUMENTS.subjectType, async (doc, user, em) =>
      this.asProject(await readSubmissionProjectId(em, doc.subjectId), user, em),
    );
    this.registry.register(CHANGE_REQUEST_DOCUMENTS.subjectType, async (doc, user, em) =>
      this.asProject(await readChangeRequestProjectId(em, doc.subjectId), user, em),
    );
  }

  private async asProject(projectId: string | undefined, user: AuthUser | undefined, em: EntityManager): Promise<DocumentAccess> {
    if (!projectId || !user) return 'hidden';
    try {
      await this.projects.access(projectId, user, em);
      return 'allowed';
    } catch (err) {
      // ProjectsService.access answers 404 to whoever may not see the project: so are its files.
      if (err instanceof DomainError && err.kind === 'not_found') return 'hidden';
      throw err;
    }
  }
}
