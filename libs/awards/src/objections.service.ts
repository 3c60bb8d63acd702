import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { AuthUser } from '@app/common/auth';
import { conflict, notFound } from '@app/common/domain-error';
import { lockOwnedChallenge } from './challenge-lock';
import { ObjectionDto, ResolveObjectionDto } from './dto/award.dto';
import { ObjectionView, ResolutionView } from './dto/views';
import { OPEN_MILESTONE_STATUSES } from './project-milestone.entity';
import type { ObjectionStatus } from './project-objection.entity';
import type { ProjectStatus } from './project.entity';
import { activateIfDue } from './publicity';
import { fen, iso, query } from './sql';

interface ObjectionRow {
  id: string;
  project_id: string;
  status: ObjectionStatus;
  reason: string;
  resolution_comment: string | null;
  created_at: Date;
  resolved_at: Date | null;
}

const projectNotFound = (id: string) => notFound('projects.not_found', `No project ${id}.`);

export const objectionView = (o: ObjectionRow): ObjectionView => ({
  id: o.id,
  projectId: o.project_id,
  status: o.status,
  reason: o.reason,
  resolutionComment: o.resolution_comment,
  createdAt: iso(o.created_at) as string,
  resolvedAt: iso(o.resolved_at),
});

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
      const [p] = await query<{ challenge_id: string; status: ProjectStatus; in_period: boolean; publicity_ends_at: Date }>(
        em,
        `SELECT challenge_id, status, publicity_ends_at, now() < publicity_ends_at AS in_period FROM projects WHERE id = $1 FOR SHARE`,
        [projectId],
      );
      if (!p) throw projectNotFound(projectId);
      if (p.status !== 'publicity' || !p.in_period) {
        throw conflict('awards.publicity_over', 'Objections are lodged only during the publicity period of an award.', {
          status: p.status,
          publicityEndsAt: p.publicity_ends_at.toISOString(),
        });
      }
      const [o] = await query<ObjectionRow>(
        em,
        `INSERT INTO project_objections (project_id, challenge_id, raised_by, reason) VALUES ($1, $2, $3, $4)
         RETURNING id, project_id, status, reason, resolution_comment, created_at, resolved_at`,
        [projectId, p.challenge_id, user.id, dto.reason.trim()],
      );
      await this.recordLodged(em, p.challenge_id, projectId, o.id, user);
      return objectionView(o);
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
      after: { projectId, organizationId: user.organizationId ?? null },
      public: false,
    });
  }

  async resolve(projectId: string, objectionId: string, dto: ResolveObjectionDto, user: AuthUser): Promise<ResolutionView> {
    return this.dataSource.transaction(async (em) => {
      const [ref] = await query<{ challenge_id: string }>(em, `SELECT challenge_id FROM projects WHERE id = $1`, [projectId]);
      if (!ref) throw projectNotFound(projectId);
      // Lock order: the challenge, then the project, then the objection.
      const c = await lockOwnedChallenge(em, ref.challenge_id, user);
      const [p] = await query<{ status: ProjectStatus; granted_fen: string; paid_fen: string; bid_id: string }>(
        em,
        `SELECT status, granted_fen, paid_fen, bid_id FROM projects WHERE id = $1 FOR UPDATE`,
        [projectId],
      );
      const [o] = await query<ObjectionRow>(
        em,
        `SELECT id, project_id, status, reason, resolution_comment, created_at, resolved_at
           FROM project_objections WHERE id = $1 AND project_id = $2 FOR UPDATE`,
        [objectionId, projectId],
      );
      if (!o) throw notFound('awards.objection_not_found', `No objection ${objectionId} on this project.`);
      if (o.status !== 'open')
        throw conflict('awards.objection_resolved', `The objection is already ${o.status}.`, { status: o.status });

      const comment = dto.comment.trim();
      const [resolved] = await query<ObjectionRow>(
        em,
        `UPDATE project_objections SET status = $2, resolved_by = $3, resolution_comment = $4, resolved_at = now() WHERE id = $1
         RETURNING id, project_id, status, reason, resolution_comment, created_at, resolved_at`,
        [objectionId, dto.decision, user.id, comment],
      );
      let awardedFen = fen(c.awarded_fen);
      let awardedCount = c.awarded_count;
      let projectStatus = p.status;
      let returnedFen = 0;
      if (dto.decision === 'upheld') {
        if (p.status !== 'publicity') {
          throw conflict('awards.not_revocable', `The project is ${p.status}; only an award in publicity can be revoked.`, {
            status: p.status,
          });
        }
        returnedFen = fen(p.granted_fen) - fen(p.paid_fen);
        await em.query(
          `UPDATE projects SET status = 'terminated', ended_at = now(), end_reason = $2, updated_at = now() WHERE id = $1`,
          [projectId, `award revoked: objection ${objectionId} upheld`],
        );
        await em.query(
          `UPDATE project_milestones SET status = 'cancelled', updated_at = now() WHERE project_id = $1 AND status = ANY($2::text[])`,
          [projectId, [...OPEN_MILESTONE_STATUSES]],
        );
        const [after] = await query<{ awarded_fen: string; awarded_count: number }>(
          em,
          `UPDATE challenges SET awarded_fen = awarded_fen - $2, awarded_count = awarded_count - 1, updated_at = now()
            WHERE id = $1 RETURNING awarded_fen, awarded_count`,
          [c.id, returnedFen],
        );
        awardedFen = fen(after.awarded_fen);
        awardedCount = after.awarded_count;
        await em.query(`UPDATE bids SET status = 'rejected', decided_at = now(), updated_at = now() WHERE id = $1`, [p.bid_id]);
        // Other open objections to the same award are settled by this one.
        await em.query(
          `UPDATE project_objections SET status = 'upheld', resolved_by = $2, resolution_comment = $3, resolved_at = now()
            WHERE project_id = $1 AND status = 'open'`,
          [projectId, user.id, `Settled with objection ${objectionId}.`],
        );
        projectStatus = 'terminated';
      }
      await this.audit.record(em, {
        challengeId: c.id,
        actorId: user.id,
        action: `objection.${dto.decision}`,
        subjectType: 'project',
        subjectId: projectId,
        before: {
          objectionStatus: 'open',
          projectStatus: p.status,
          awardedFen: fen(c.awarded_fen),
          awardedCount: c.awarded_count,
        },
        after: {
          objectionId,
          objectionStatus: dto.decision,
          comment,
          projectStatus,
          ...(dto.decision === 'upheld' ? { bidId: p.bid_id, bidStatus: 'rejected', returnedFen, awardedFen, awardedCount } : {}),
        },
        public: true,
      });
      if (dto.decision === 'dismissed' && p.status === 'publicity') {
        const r = await activateIfDue(em, this.audit, projectId, user.id);
        if (r.kind === 'activated') projectStatus = 'active';
      }
      return {
        objection: objectionView(resolved),
        projectStatus,
        returnedFen,
        challengeAwardedFen: awardedFen,
        challengeAwardedCount: awardedCount,
      };
    });
  }

  /** The objections to a project: its challenge's agency and admins see all of them; anyone else only their own. */
  async list(projectId: string, user: AuthUser): Promise<{ items: ObjectionView[]; nextCursor: null }> {
    const [p] = await query<{ agency_id: string }>(
      this.dataSource.manager,
      `SELECT c.agency_id FROM projects p JOIN challenges c ON c.id = p.challenge_id WHERE p.id = $1`,
      [projectId],
    );
    if (!p) throw projectNotFound(projectId);
    const all = user.role === 'admin' || (user.role === 'agency' && p.agency_id === user.id);
    const rows = await query<ObjectionRow>(
      this.dataSource.manager,
      `SELECT id, project_id, status, reason, resolution_comment, created_at, resolved_at FROM project_objections
        WHERE project_id = $1 AND ($2 OR raised_by = $3) ORDER BY created_at, id`,
      [projectId, all, user.id],
    );
    return { items: rows.map(objectionView), nextCursor: null };
  }
}
