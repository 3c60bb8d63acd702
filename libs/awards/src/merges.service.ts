import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '@app/audit';
import {
  LockedChallenge,
  canSeeChallenge,
  challengeNotFound,
  isChallengeOwner,
  lockOwnedChallenge,
  mergeAwardsInChallenge,
  readChallengeLocked,
} from '@app/challenges';
import { AuthUser, Role } from '@app/common/auth';
import { conflict, forbidden, invalid, notFound } from '@app/common/domain-error';
import { fen, fenOrNull, iso, runSql, sql } from '@app/database';
import { FundingPolicy } from '@app/funding-rules';
import { readCreditCodes } from '@app/identity';
import { stageIndexOf } from './award-rules';
import { MergeConsentDto, MergePage, MergeView, ProposeMergeDto } from './dto/merge.dto';
import { MergeGuards } from './merge-guards';
import { MergeTerms, assertMergeInForce, judgeMerge, mergedConsortium } from './merge-rules';
import type { MergeConsent } from './project-merge.entity';
import { cancelOpenMilestones, insertProjectMilestonesCte } from './repositories/project-milestones.repository';
import {
  MergeRow,
  MergingProjectRow,
  insertMerge,
  listMerges,
  lockMerge,
  markProjectsMerged,
  projectsInOpenMerges,
  readMergingProjects,
  startMergedProject,
  updateMerge,
} from './repositories/project-merges.repository';
import { insertProjectCte } from './repositories/projects.repository';
import { readGatesRunUpTo } from './repositories/stage-gates.repository';

const mergeNotFound = () => notFound('awards.merge_not_found', 'No such merge proposal that you may see.');

const viewOf = (m: MergeRow): MergeView => ({
  id: m.id,
  challengeId: m.challenge_id,
  stage: m.stage,
  status: m.status,
  projectIds: m.project_ids,
  consents: m.consents.map(({ projectId, organizationId, decision, comment, at }) => ({
    projectId,
    organizationId,
    decision,
    comment,
    at,
  })),
  leadOrganizationId: m.lead_organization_id,
  members: m.members.map((x) => ({ ...x, organizationName: m.member_names[x.organizationId] ?? '' })),
  title: m.title,
  totalInvestmentFen: fen(m.total_investment_fen),
  grantFen: fen(m.grant_fen),
  milestones: m.milestones,
  resultProjectId: m.result_project_id,
  createdAt: iso(m.created_at) as string,
  decidedAt: iso(m.decided_at),
});

/**
 * Merges at a horse-race gate (强强联合, libs/awards/README.md): the challenge's agency proposes
 * merging two or more projects that advanced at the last final gate into one consortium project;
 * each merged project's lead organisation accepts or declines; when all have accepted the merge is
 * carried out in the same transaction as the last consent, re-judged on the rows as they are then
 * (merge-rules.ts). Every step runs under the challenge row lock, then the merge row, then the
 * projects (the lock order of awards and gates).
 */
@Injectable()
export class MergesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly policy: FundingPolicy,
    private readonly guards: MergeGuards,
  ) {}

  propose(challengeId: string, dto: ProposeMergeDto, user: AuthUser): Promise<MergeView> {
    return this.dataSource.transaction(async (em) => {
      const c = await lockOwnedChallenge(em, challengeId, user);
      const projects = await readMergingProjects(em, challengeId, dto.projectIds, true);
      const busy = await projectsInOpenMerges(em, challengeId, dto.projectIds);
      if (busy.length)
        throw conflict('awards.merge_project_busy', 'A project is already in a proposal awaiting consent.', { projectIds: busy });
      const { stage, members, terms } = await judgeProposal(em, c, projects, dto);
      await this.assertMayMerge(em, c, terms, dto);
      const row = await insertMerge(em, {
        challengeId,
        stage,
        projectIds: projects.map((p) => p.id),
        consents: projects.map((p) => ({
          projectId: p.id,
          organizationId: p.organization_id,
          decision: 'pending',
          userId: null,
          comment: null,
          at: null,
        })),
        leadOrganizationId: dto.leadOrganizationId,
        members,
        title: dto.title.trim(),
        totalInvestmentFen: dto.totalInvestmentFen,
        grantFen: dto.grantFen,
        milestones: dto.milestones.map((m) => ({ ...m, dueAt: new Date(m.dueAt).toISOString() })),
        proposedBy: user.id,
      });
      await this.audit.record(em, {
        challengeId,
        actorId: user.id,
        action: 'project.merge_proposed',
        subjectType: 'project_merge',
        subjectId: row.id,
        before: null,
        after: { projectIds: row.project_ids, grantFen: dto.grantFen, leadOrganizationId: dto.leadOrganizationId },
        public: false,
      });
      return viewOf(row);
    });
  }

  /** The agency (and admins) see every proposal of the challenge; a team those asking its organisation's consent. */
  async list(challengeId: string, user: AuthUser): Promise<MergePage> {
    const em = this.dataSource.manager;
    const c = await readChallengeLocked(em, challengeId, 'none');
    if (!c || !canSeeChallenge(c, user)) throw challengeNotFound(challengeId);
    const all = isChallengeOwner(c, user) || user.role === Role.Admin;
    if (!all && user.role !== Role.Team)
      throw forbidden('awards.not_merge_lead', 'Only the agency and the merged projects’ leads see merges.');
    const rows = await listMerges(em, challengeId, all ? null : (user.organizationId ?? ''));
    return { items: rows.map(viewOf), nextCursor: null };
  }

  consent(challengeId: string, mergeId: string, dto: MergeConsentDto, user: AuthUser): Promise<MergeView> {
    return this.dataSource.transaction(async (em) => {
      const c = await readChallengeLocked(em, challengeId, 'FOR UPDATE');
      if (!c || !canSeeChallenge(c, user)) throw challengeNotFound(challengeId);
      const m = await lockMerge(em, challengeId, mergeId);
      if (!m) throw mergeNotFound();
      const mine = m.consents.filter((x) => x.organizationId === user.organizationId);
      if (!mine.length)
        throw forbidden('awards.not_merge_lead', 'Only the lead organisation of a merged project may answer the proposal.');
      if (m.status !== 'proposed') throw conflict('awards.merge_decided', `The proposal is ${m.status}.`, { status: m.status });
      if (mine.some((x) => x.decision !== 'pending'))
        throw conflict('awards.merge_consent_given', 'Your organisation has already answered this proposal.');
      const at = new Date().toISOString();
      const consents: MergeConsent[] = m.consents.map((x) =>
        x.organizationId === user.organizationId
          ? { ...x, decision: dto.accept ? 'accepted' : 'declined', userId: user.id, comment: dto.comment?.trim() || null, at }
          : x,
      );
      if (!dto.accept) return this.answer(em, m, consents, user, 'project.merge_declined', 'declined');
      if (consents.some((x) => x.decision !== 'accepted'))
        return this.answer(em, m, consents, user, 'project.merge_consented', 'proposed');
      return this.carryOut(em, c, m, consents, user);
    });
  }

  private async answer(
    em: EntityManager,
    m: MergeRow,
    consents: MergeConsent[],
    user: AuthUser,
    action: string,
    status: 'proposed' | 'declined',
  ): Promise<MergeView> {
    const row = await updateMerge(em, m.id, { consents, status, resultProjectId: null });
    await this.audit.record(em, {
      challengeId: m.challenge_id,
      actorId: user.id,
      action,
      subjectType: 'project_merge',
      subjectId: m.id,
      before: { status: m.status },
      after: {
        status,
        organizationId: user.organizationId,
        comment: consents.find((x) => x.userId === user.id)?.comment ?? null,
      },
      public: status === 'declined',
    });
    return viewOf(row);
  }

  /**
   * Beyond the rules on the rows: the merge date in force under the merged projects' version
   * (merge-rules.ts `assertMergeInForce`), and no merged project with a tranche being paid
   * (merge-guards.ts). Run on the proposal and again when the last lead accepts.
   */
  private async assertMayMerge(em: EntityManager, c: LockedChallenge, terms: MergeTerms, dto: ProposeMergeDto): Promise<void> {
    const version = await this.policy.version(em, terms.policyVersionId);
    assertMergeInForce(version, terms.ruleId, {
      at: c.db_now,
      grantFen: dto.grantFen,
      totalInvestmentFen: dto.totalInvestmentFen,
    });
    await this.guards.assertNoTrancheBeingPaid(em, dto.projectIds);
  }

  /** Every lead accepted: the merge, judged again on the rows now, in this transaction (one audited decision). */
  private async carryOut(
    em: EntityManager,
    c: LockedChallenge,
    m: MergeRow,
    consents: MergeConsent[],
    user: AuthUser,
  ): Promise<MergeView> {
    const projects = await readMergingProjects(em, c.id, m.project_ids, true);
    const dto = proposalOf(m);
    const { terms, stage } = await judgeProposal(em, c, projects, dto);
    await this.assertMayMerge(em, c, terms, dto);
    const lead = projects.find((p) => p.organization_id === m.lead_organization_id) as MergingProjectRow;
    const projectId = randomUUID();
    const cancelled = await cancelOpenMilestones(em, m.project_ids);
    await markProjectsMerged(em, m.project_ids, projectId, `merged into ${projectId} at the gate of stage ${stage}`);
    await insertMergedProject(em, c, { projectId, merge: m, lead, terms, awardedBy: user.id });
    await startMergedProject(em, projectId, stage, terms.paidFen);
    const counters = await mergeAwardsInChallenge(em, c.id, terms.releasedFen, projects.length);
    const row = await updateMerge(em, m.id, { consents, status: 'merged', resultProjectId: projectId });
    await this.audit.record(em, {
      challengeId: c.id,
      actorId: user.id,
      action: 'project.merged',
      subjectType: 'project',
      subjectId: projectId,
      before: {
        projectIds: m.project_ids,
        grantsFen: terms.grantsBeforeFen,
        awardedFen: fen(c.awarded_fen),
        awardedCount: c.awarded_count,
      },
      after: {
        mergeId: m.id,
        projectId,
        mergedProjectIds: m.project_ids,
        stage,
        leadOrganizationId: m.lead_organization_id,
        members: m.members.map((x) => x.organizationId),
        grantFen: terms.grantFen,
        paidFen: terms.paidFen,
        releasedFen: terms.releasedFen,
        tranchesFen: m.milestones.map((x) => x.trancheFen),
        cancelledMilestones: cancelled.map((x) => x.id),
        cancelledFen: cancelled.reduce((s, x) => s + fen(x.tranche_fen), 0),
        awardedFen: fen(counters.awarded_fen),
        awardedCount: counters.awarded_count,
      },
      public: true,
    });
    return viewOf(row);
  }
}

const proposalOf = (m: MergeRow): ProposeMergeDto => ({
  projectIds: m.project_ids,
  leadOrganizationId: m.lead_organization_id,
  members: m.members
    .filter((x) => x.role === 'member')
    .map(({ organizationId, sharePercent }) => ({ organizationId, sharePercent })),
  title: m.title,
  totalInvestmentFen: fen(m.total_investment_fen),
  grantFen: fen(m.grant_fen),
  milestones: m.milestones,
});

/** The stage of the challenge's last gate when every gate run is final; null otherwise (or before any gate). */
async function lastFinalStage(em: EntityManager, c: LockedChallenge): Promise<number | null> {
  const gates = await readGatesRunUpTo(em, c.id, c.stages.length);
  if (!gates.length || gates.some((g) => g.finalised_at === null)) return null;
  return Math.max(...gates.map((g) => g.stage));
}

/** The proposal against the locked rows: the merge rules, the consortium, due dates in the future. */
async function judgeProposal(em: EntityManager, c: LockedChallenge, projects: MergingProjectRow[], dto: ProposeMergeDto) {
  if (c.mechanism !== 'horse_race') throw conflict('awards.not_a_horse_race', 'Only a horse race has stage gates.');
  const late = dto.milestones.findIndex((x) => new Date(x.dueAt).getTime() <= c.db_now.getTime());
  if (late >= 0)
    throw invalid('awards.invalid_merge', `milestones[${late}].dueAt must be in the future`, [
      { field: `milestones[${late}].dueAt`, message: 'must be in the future' },
    ]);
  const unknown = dto.projectIds.filter((id) => !projects.some((p) => p.id === id));
  const finalStage = await lastFinalStage(em, c);
  const terms = judgeMerge({
    projects: [
      ...projects.map((p) => ({
        id: p.id,
        status: p.status,
        stageReached: p.stage_reached,
        grantedFen: fen(p.granted_fen),
        paidFen: fen(p.paid_fen),
        requestedFen: fen(p.requested_fen),
        policyVersionId: p.policy_version_id,
        ruleId: p.rule_id,
        ruleRateBp: p.rule_rate_bp,
        ruleCapFen: fenOrNull(p.rule_cap_fen),
      })),
      // An id not of this challenge is judged as a project that did not advance.
      ...unknown.map((id) => ({
        id,
        status: 'unknown',
        stageReached: -1,
        grantedFen: 0,
        paidFen: 0,
        requestedFen: 0,
        policyVersionId: '',
        ruleId: '',
        ruleRateBp: null,
        ruleCapFen: null,
      })),
    ],
    finalStage,
    grantFen: dto.grantFen,
    totalInvestmentFen: dto.totalInvestmentFen,
    maxAwardFen: fenOrNull(c.max_award_fen),
    tranchesFen: dto.milestones.map((x) => x.trancheFen),
  });
  const orgs = projects.flatMap((p) => [p.organization_id, ...p.consortium.map((x) => x.organizationId)]);
  const credit = await readCreditCodes(em, orgs);
  const consortium = mergedConsortium(
    projects.map((p) => ({ organizationId: p.organization_id, consortium: p.consortium })),
    dto.leadOrganizationId,
    dto.members,
    credit,
  );
  return { terms, stage: finalStage as number, members: consortium };
}

/** The merged project and its re-planned milestones in one statement (owner: awards). */
async function insertMergedProject(
  em: EntityManager,
  c: LockedChallenge,
  x: { projectId: string; merge: MergeRow; lead: MergingProjectRow; terms: MergeTerms; awardedBy: string },
): Promise<void> {
  const { merge: m, terms: t } = x;
  const project = insertProjectCte('p', {
    id: x.projectId,
    challengeId: c.id,
    bidId: x.lead.bid_id,
    organizationId: m.lead_organization_id,
    title: m.title,
    consortium: m.members,
    grantedFen: t.grantFen,
    requestedFen: t.requestedFen,
    totalInvestmentFen: fen(m.total_investment_fen),
    ruleId: t.ruleId,
    policyVersionId: t.policyVersionId,
    ruleRateBp: t.ruleRateBp,
    ruleCapFen: t.ruleCapFen,
    capFen: t.capFen,
    programManagerId: x.lead.program_manager_id,
    publicityEndsAt: c.db_now,
    awardedBy: x.awardedBy,
  });
  const milestones = insertProjectMilestonesCte(
    'm',
    'p',
    m.milestones.map((ms, seq) => {
      const dueAt = new Date(ms.dueAt);
      return {
        seq,
        title: ms.title,
        dueAt,
        deliverable: ms.deliverable,
        trancheFen: ms.trancheFen,
        stageIndex: stageIndexOf(dueAt, c.stages),
      };
    }),
  );
  await runSql(em, sql`WITH ${project}, ${milestones} SELECT (SELECT count(*) FROM m) AS n FROM p`);
}
