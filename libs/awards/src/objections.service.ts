import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { rejectBid } from '@app/bids';
import { LockedChallenge, lockOwnedChallenge, returnAwardToChallenge } from '@app/challenges';
import { AuthUser, Role, actsForAgency } from '@app/common/auth';
import { conflict, notFound } from '@app/common/domain-error';
import { fen, iso } from '@app/database';
import { attachDocuments, readDocumentsOfSubjects, readSubjectDocuments } from '@app/documents';
import { ProjectDocumentView, documentIdsOf, projectDocumentView } from './documents/project-documents';
import { OBJECTION_DOCUMENTS } from './documents/objection-documents.access';
import { ObjectionDto, ResolveObjectionDto } from './dto/award.dto';
import { ObjectionView, ResolutionView } from './dto/views';
import type { ProjectStatus } from './project.entity';
import { activateIfDue } from './publicity';
import { cancelOpenMilestones } from './repositories/project-milestones.repository';
import {
  ObjectionRow,
  insertObjection,
  listObjections,
  lockObjection,
  resolveObjection,
  upholdOpenObjections,
} from './repositories/project-objections.repository';
import {
  lockProjectForRevocation,
  readProjectAgencyOrganizationId,
  readProjectChallengeId,
  shareLockProjectForObjection,
  terminateProject,
} from './repositories/projects.repository';

const projectNotFound = (id: string) => notFound('projects.not_found', `No project ${id}.`);

export const objectionView = (o: ObjectionRow, documents: ProjectDocumentView[]): ObjectionView => ({
  id: o.id,
  projectId: o.project_id,
  status: o.status,
  reason: o.reason,
  resolutionComment: o.resolution_comment,
  createdAt: iso(o.created_at) as string,
  resolvedAt: iso(o.resolved_at),
  documents,
});

/** An objection's documents, as its view lists them (read in the caller's transaction). */
const documentsOfObjection = async (em: EntityManager, objectionId: string): Promise<ProjectDocumentView[]> =>
  (await readSubjectDocuments(em, OBJECTION_DOCUMENTS.subjectType, objectionId)).map(projectDocumentView);

type RevocableProject = Awaited<ReturnType<typeof lockProjectForRevocation>>;

/** What a revocation gave back, and the challenge's counters after it. */
interface Revocation {
  returnedFen: number;
  awardedFen: number;
  awardedCount: number;
}

/**
 * Objections (异议) during the publicity period (公示期). Anyone signed in lodges one while the
 * project is in publicity (by the database's clock); an open objection holds the project in
 * publicity past its end. The owning agency resolves it:
 * - upheld: the award is revoked — project → terminated, its undecided milestones cancelled, the
 *   bid → rejected, and, under the challenge row lock, the challenge's counters give back the
 *   money not paid (granted − paid; nothing is paid during publicity) and the slot. A challenge
 *   still `closed` can award the slot again; one already `awarded` stays awarded (its other bids
 *   were rejected when awarding finished).
 * - dismissed: the project proceeds (and becomes active at once if its publicity is over and no
 *   other objection is open).
 * Every step is audited in its transaction.
 */
@Injectable()
export class ObjectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async lodge(projectId: string, dto: ObjectionDto, user: AuthUser): Promise<ObjectionView> {
    return this.dataSource.transaction(async (em) => {
      // FOR SHARE: ordered against the publicity-end job, which takes the row FOR UPDATE.
      const p = await shareLockProjectForObjection(em, projectId);
      if (!p) throw projectNotFound(projectId);
      if (p.status !== 'publicity' || !p.in_period) {
        throw conflict('awards.publicity_over', 'Objections are lodged only during the publicity period of an award.', {
          status: p.status,
          publicityEndsAt: p.publicity_ends_at.toISOString(),
        });
      }
      const o = await insertObjection(em, {
        projectId,
        challengeId: p.challenge_id,
        raisedBy: user.id,
        reason: dto.reason.trim(),
      });
      // Attached in this transaction: the objection stands with its documents or not at all.
      await attachDocuments(em, { ...OBJECTION_DOCUMENTS, documentIds: documentIdsOf(dto.documents), subjectId: o.id, by: user });
      const documents = await documentsOfObjection(em, o.id);
      await this.recordLodged(em, p.challenge_id, projectId, o.id, documents, user);
      return objectionView(o, documents);
    });
  }

  /**
   * Two ledger entries. Public: that an objection holds this award, naming no one — an objector
   * is exposed to the team it objects to, and the actor of a public entry is visible to everyone
   * (and hashed, so it could never be taken back). Private, on the same chain: who lodged it and
   * for which organisation, so the ledger still says who acted.
   */
  private async recordLodged(
    em: EntityManager,
    challengeId: string,
    projectId: string,
    objectionId: string,
    documents: ProjectDocumentView[],
    user: AuthUser,
  ): Promise<void> {
    await this.audit.record(em, {
      challengeId,
      actorId: null,
      action: 'objection.lodged',
      subjectType: 'project',
      subjectId: projectId,
      after: { objectionId, status: 'open' },
      public: true,
    });
    await this.audit.record(em, {
      challengeId,
      actorId: user.id,
      action: 'objection.author',
      subjectType: 'objection',
      subjectId: objectionId,
      after: {
        projectId,
        organizationId: user.organizationId ?? null,
        // The files' hashes, so the ledger fixes what was lodged (only when there are any: older entries stay as they were).
        ...(documents.length ? { documents: documents.map((d) => ({ id: d.id, sha256: d.sha256 })) } : {}),
      },
      public: false,
    });
  }

  async resolve(projectId: string, objectionId: string, dto: ResolveObjectionDto, user: AuthUser): Promise<ResolutionView> {
    return this.dataSource.transaction(async (em) => {
      const challengeId = await readProjectChallengeId(em, projectId);
      if (!challengeId) throw projectNotFound(projectId);
      // Lock order: the challenge, then the project, then the objection.
      const c = await lockOwnedChallenge(em, challengeId, user);
      const p = await lockProjectForRevocation(em, projectId);
      const o = await lockObjection(em, objectionId, projectId);
      if (!o) throw notFound('awards.objection_not_found', `No objection ${objectionId} on this project.`);
      if (o.status !== 'open')
        throw conflict('awards.objection_resolved', `The objection is already ${o.status}.`, { status: o.status });

      const comment = dto.comment.trim();
      const resolved = await resolveObjection(em, objectionId, { decision: dto.decision, resolvedBy: user.id, comment });
      const revocation =
        dto.decision === 'upheld'
          ? await this.revoke(em, c, projectId, objectionId, p, user)
          : { returnedFen: 0, awardedFen: fen(c.awarded_fen), awardedCount: c.awarded_count };
      await this.recordResolved(em, c, projectId, objectionId, p, dto, comment, revocation, user);
      let projectStatus: ProjectStatus = dto.decision === 'upheld' ? 'terminated' : p.status;
      if (dto.decision === 'dismissed' && p.status === 'publicity') {
        const r = await activateIfDue(em, this.audit, projectId, user.id);
        if (r.kind === 'activated') projectStatus = 'active';
      }
      return {
        objection: objectionView(resolved, await documentsOfObjection(em, objectionId)),
        projectStatus,
        returnedFen: revocation.returnedFen,
        challengeAwardedFen: revocation.awardedFen,
        challengeAwardedCount: revocation.awardedCount,
      };
    });
  }

  /**
   * The award revoked (only during publicity): project terminated, its undecided milestones
   * cancelled, the money not paid and the slot given back to the challenge, the bid rejected, and
   * every other open objection to it settled by this one.
   */
  private async revoke(
    em: EntityManager,
    c: LockedChallenge,
    projectId: string,
    objectionId: string,
    p: RevocableProject,
    user: AuthUser,
  ): Promise<Revocation> {
    if (p.status !== 'publicity') {
      throw conflict('awards.not_revocable', `The project is ${p.status}; only an award in publicity can be revoked.`, {
        status: p.status,
      });
    }
    const returnedFen = fen(p.granted_fen) - fen(p.paid_fen);
    await terminateProject(em, projectId, `award revoked: objection ${objectionId} upheld`);
    await cancelOpenMilestones(em, [projectId]);
    const after = await returnAwardToChallenge(em, c.id, returnedFen);
    await rejectBid(em, p.bid_id);
    await upholdOpenObjections(em, projectId, user.id, `Settled with objection ${objectionId}.`);
    return { returnedFen, awardedFen: fen(after.awarded_fen), awardedCount: after.awarded_count };
  }

  private async recordResolved(
    em: EntityManager,
    c: LockedChallenge,
    projectId: string,
    objectionId: string,
    p: RevocableProject,
    dto: ResolveObjectionDto,
    comment: string,
    r: Revocation,
    user: AuthUser,
  ): Promise<void> {
    const upheld = dto.decision === 'upheld';
    await this.audit.record(em, {
      challengeId: c.id,
      actorId: user.id,
      action: `objection.${dto.decision}`,
      subjectType: 'project',
      subjectId: projectId,
      before: { objectionStatus: 'open', projectStatus: p.status, awardedFen: fen(c.awarded_fen), awardedCount: c.awarded_count },
      after: {
        objectionId,
        objectionStatus: dto.decision,
        comment,
        projectStatus: upheld ? 'terminated' : p.status,
        ...(upheld
          ? {
              bidId: p.bid_id,
              bidStatus: 'rejected',
              returnedFen: r.returnedFen,
              awardedFen: r.awardedFen,
              awardedCount: r.awardedCount,
            }
          : {}),
      },
      public: true,
    });
  }

  /** The objections to a project: its challenge's agency and admins see all of them; anyone else only their own. */
  async list(projectId: string, user: AuthUser): Promise<{ items: ObjectionView[]; nextCursor: null }> {
    const em = this.dataSource.manager;
    const agencyOrganizationId = await readProjectAgencyOrganizationId(em, projectId);
    if (agencyOrganizationId === undefined) throw projectNotFound(projectId);
    const all = user.role === Role.Admin || actsForAgency(user, agencyOrganizationId);
    const rows = await listObjections(em, projectId, all, user.id);
    const documents = await readDocumentsOfSubjects(
      em,
      OBJECTION_DOCUMENTS.subjectType,
      rows.map((o) => o.id),
    );
    return {
      items: rows.map((o) => objectionView(o, (documents.get(o.id) ?? []).map(projectDocumentView))),
      nextCursor: null,
    };
  }
}
