import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import { canSeeChallenge, challengeNotFound, lockOwnedChallenge, readChallengeLocked } from '@app/challenges';
import { AuthUser, Role, actsForAgency } from '@app/common/auth';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { conflict, forbidden, notFound } from '@app/common/domain-error';
import { iso } from '@app/database';
import { attachDocuments, readDocumentsOfSubjects, readSubjectDocuments } from '@app/documents';
import { JobName, JobScheduler, jobIds } from '@app/jobs';
import { GATE_OBJECTION_DOCUMENTS } from './documents/gate-objection-documents.access';
import { ProjectDocumentView, documentIdsOf, projectDocumentView } from './documents/project-documents';
import { GateObjectionDto, ResolveGateObjectionDto } from './dto/award.dto';
import { GateObjectionView, GateResolutionView, GateView } from './dto/views';
import { finaliseGateIfDue } from './gate-finalise';
import { Refusal, lodgeRefusal, upholdSelection } from './gate-publicity-rules';
import { TIE_RULE } from './gate-rules';
import { gateResult } from './gates.service';
import {
  GateObjectionRow,
  countOpenGateObjections,
  insertGateObjection,
  listGateObjections,
  lockGateObjection,
  resolveGateObjection,
} from './repositories/gate-objections.repository';
import { LockedGateRow, lockGate, readStageGate, updateGateSelection } from './repositories/stage-gates.repository';

const gateNotRun = (stage: number) => notFound('awards.gate_not_run', `The gate of stage ${stage} has not run.`);
const refused = (r: Refusal) => (r.status === 403 ? forbidden(r.code, r.message) : conflict(r.code, r.message));

const viewOf = (o: GateObjectionRow, documents: ProjectDocumentView[]): GateObjectionView => ({
  id: o.id,
  gateId: o.gate_id,
  projectId: o.project_id,
  status: o.status,
  reason: o.reason,
  resolutionComment: o.resolution_comment,
  createdAt: iso(o.created_at) as string,
  resolvedAt: iso(o.resolved_at),
  documents,
});

const documentsOf = async (em: EntityManager, objectionId: string) =>
  (await readSubjectDocuments(em, GATE_OBJECTION_DOCUMENTS.subjectType, objectionId)).map(projectDocumentView);

/**
 * Objections (异议) to a stage gate's result during its publicity period (libs/awards/README.md):
 * the lead organisation of a project the gate would stop lodges one (one open per project and
 * gate); the challenge's agency resolves it — upheld: the project advances (with `stopInstead`
 * stopped in its place when every slot is taken, and the period moved so that project may object
 * in turn); dismissed: the result stands. The last resolution after the period's end makes the
 * gate final at once. Every step is audited in its transaction.
 */
@Injectable()
export class GateObjectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly scheduler: JobScheduler,
  ) {}

  async lodge(challengeId: string, stage: number, dto: GateObjectionDto, user: AuthUser): Promise<GateObjectionView> {
    return this.dataSource.transaction(async (em) => {
      const c = await readChallengeLocked(em, challengeId, 'none');
      if (!c || !canSeeChallenge(c, user)) throw challengeNotFound(challengeId);
      // FOR SHARE: ordered against finalisation, which takes the gate FOR UPDATE.
      const g = await lockGate(em, { challengeId, stage }, 'share');
      if (!g) throw gateNotRun(stage);
      const lead = g.evidence.find((e) => e.projectId === dto.projectId)?.organizationId;
      const refusal = lodgeRefusal({
        finalised: g.finalised_at !== null,
        inPeriod: g.in_period,
        eliminated: g.eliminated,
        projectId: dto.projectId,
        actsForLead: user.role === Role.Team && lead !== undefined && user.organizationId === lead,
        hasOpenObjection: (await countOpenGateObjections(em, g.id, dto.projectId)) > 0,
      });
      if (refusal) throw refused(refusal);
      const o = await insertGateObjection(em, {
        gateId: g.id,
        projectId: dto.projectId,
        challengeId,
        raisedBy: user.id,
        reason: dto.reason.trim(),
      });
      await attachDocuments(em, {
        ...GATE_OBJECTION_DOCUMENTS,
        documentIds: documentIdsOf(dto.documents),
        subjectId: o.id,
        by: user,
      });
      const documents = await documentsOf(em, o.id);
      await this.audit.record(em, {
        challengeId,
        actorId: user.id,
        action: 'gate_objection.lodged',
        subjectType: 'project',
        subjectId: dto.projectId,
        after: {
          gateId: g.id,
          stage,
          objectionId: o.id,
          organizationId: user.organizationId ?? null,
          ...(documents.length ? { documents: documents.map((d) => ({ id: d.id, sha256: d.sha256 })) } : {}),
        },
        // The stopped team objects to its own stop: no third party to shield, but its reason stays off the public feed.
        public: false,
      });
      return viewOf(o, documents);
    });
  }

  async resolve(
    challengeId: string,
    stage: number,
    objectionId: string,
    dto: ResolveGateObjectionDto,
    user: AuthUser,
  ): Promise<GateResolutionView> {
    const out = await this.dataSource.transaction(async (em) => {
      // Lock order: the challenge, then the gate, then the objection (finalisation: the gate, then the projects).
      const c = await lockOwnedChallenge(em, challengeId, user);
      const g = await lockGate(em, { challengeId, stage }, 'update');
      if (!g) throw gateNotRun(stage);
      const o = await lockGateObjection(em, objectionId, g.id);
      if (!o) throw notFound('awards.objection_not_found', `No objection ${objectionId} to this gate.`);
      if (o.status !== 'open')
        throw conflict('awards.objection_resolved', `The objection is already ${o.status}.`, { status: o.status });
      const def = c.stages[stage - 1];
      const change = dto.decision === 'upheld' ? await this.uphold(em, g, o.project_id, dto, def?.advancingSlots ?? 0) : null;
      const resolved = await resolveGateObjection(em, objectionId, {
        decision: dto.decision,
        resolvedBy: user.id,
        comment: dto.comment.trim(),
      });
      await this.recordResolved(em, g, o, dto, change, user);
      await finaliseGateIfDue(em, this.audit, g.id, user.id);
      const row = await readStageGate(em, challengeId, stage);
      const gate: GateView = {
        challengeId,
        stage,
        stageName: def?.name ?? '',
        advancingSlots: def?.advancingSlots ?? 0,
        tieRule: TIE_RULE,
        ...(await gateResult(em, row!)),
      };
      return { objection: viewOf(resolved, await documentsOf(em, objectionId)), gate };
    });
    if (out.gate.phase !== 'final') await this.wake(out.gate);
    return out;
  }

  /** The selection after upholding (refused with 409 when the slot rule would break), written to the gate. */
  private async uphold(em: EntityManager, g: LockedGateRow, projectId: string, dto: ResolveGateObjectionDto, slots: number) {
    const out = upholdSelection(
      { advancingSlots: slots, ranking: g.evidence, advancing: g.advancing, eliminated: g.eliminated },
      projectId,
      dto.stopInstead ?? null,
    );
    if (!out.ok) throw refused(out.refusal);
    const reopenMs = out.newlyStopped.length ? this.config.publicityPeriodMs : null;
    const publicityEndsAt = await updateGateSelection(em, g.id, {
      advancing: out.advancing,
      eliminated: out.eliminated,
      reopenMs,
    });
    return { ...out, publicityEndsAt };
  }

  private async recordResolved(
    em: EntityManager,
    g: LockedGateRow,
    o: GateObjectionRow,
    dto: ResolveGateObjectionDto,
    change: { advancing: string[]; eliminated: string[]; newlyStopped: string[]; publicityEndsAt: Date } | null,
    user: AuthUser,
  ): Promise<void> {
    await this.audit.record(em, {
      challengeId: g.challenge_id,
      actorId: user.id,
      action: `gate_objection.${dto.decision}`,
      subjectType: 'project',
      subjectId: o.project_id,
      before: { objectionStatus: 'open', advancing: g.advancing, eliminated: g.eliminated },
      after: {
        gateId: g.id,
        stage: g.stage,
        objectionId: o.id,
        objectionStatus: dto.decision,
        comment: dto.comment.trim(),
        ...(change
          ? {
              advancing: change.advancing,
              eliminated: change.eliminated,
              newlyStopped: change.newlyStopped,
              publicityEndsAt: change.publicityEndsAt.toISOString(),
            }
          : {}),
      },
      public: true,
    });
  }

  /** A gate still not final after a resolution: its end-of-period job (again), in case the period moved. */
  private async wake(gate: GateView): Promise<void> {
    const gateId = gate.id as string;
    await this.scheduler.trySchedule(
      JobName.GatePublicityEnd,
      { gateId },
      { jobId: jobIds.gatePublicityEnd(gateId), runAt: new Date(gate.publicityEndsAt as string) },
    );
  }

  /** The gate's objections: all for its agency and admins; a team sees those about its organisation's projects. */
  async list(challengeId: string, stage: number, user: AuthUser): Promise<{ items: GateObjectionView[]; nextCursor: null }> {
    const em = this.dataSource.manager;
    const c = await readChallengeLocked(em, challengeId, 'none');
    if (!c || !canSeeChallenge(c, user)) throw challengeNotFound(challengeId);
    const row = await readStageGate(em, challengeId, stage);
    if (!row) throw gateNotRun(stage);
    const all = user.role === Role.Admin || actsForAgency(user, c.agency_organization_id);
    const scope = all ? 'all' : user.role === Role.Team && user.organizationId ? [user.organizationId] : [];
    const rows = scope === 'all' || scope.length ? await listGateObjections(em, row.id, scope) : [];
    const docs = await readDocumentsOfSubjects(
      em,
      GATE_OBJECTION_DOCUMENTS.subjectType,
      rows.map((o) => o.id),
    );
    return { items: rows.map((o) => viewOf(o, (docs.get(o.id) ?? []).map(projectDocumentView))), nextCursor: null };
  }
}
