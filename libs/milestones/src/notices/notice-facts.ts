import { EntityManager } from 'typeorm';
import {
  ProjectForNotices,
  challengeProjectsForNotices,
  milestoneForNotices,
  objectionAuthorForNotices,
  projectForNotices,
} from '@app/awards';
import { fen } from '@app/database';
import { bidOrganizationForNotices, consortiumForNotices, liveBidOrganizationsForNotices } from '@app/bids';
import { challengeForNotices, questionAskerForNotices } from '@app/challenges';
import { agencyOfficerIds } from '@app/identity';
import { FactNeed, LedgerEntryForNotices, NoticeFacts, ProjectFacts, needsOf } from './ledger-notice-rules';

/**
 * Loads the facts the entry's rule needs, through the owners' read functions. By convention the
 * entry's subject is the question, bid, project or milestone a fact is about; a missing row
 * leaves the fact out (the rule then gives fewer notices, never a wrong one).
 */
export async function loadNoticeFacts(em: EntityManager, e: LedgerEntryForNotices): Promise<NoticeFacts> {
  const facts: NoticeFacts = {};
  // Every subject the rules read is a row id; anything else (a hand-written entry) has no facts.
  if (!UUID.test(e.subjectId)) return facts;
  for (const need of needsOf(e.action)) await LOADERS[need](em, e, facts);
  return facts;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const projectFacts = (p: ProjectForNotices): ProjectFacts => ({
  id: p.id,
  title: p.title,
  organizationId: p.organization_id,
  programManagerId: p.program_manager_id,
  grantedFen: fen(p.granted_fen),
});

const objectionId = (e: LedgerEntryForNotices): string | null => {
  const id = e.after?.objectionId;
  return typeof id === 'string' && UUID.test(id) ? id : null;
};

type Loader = (em: EntityManager, e: LedgerEntryForNotices, f: NoticeFacts) => Promise<void>;

const LOADERS: Record<FactNeed, Loader> = {
  challenge: async (em, e, f) => {
    const c = e.challengeId ? await challengeForNotices(em, e.challengeId) : undefined;
    if (c) f.challenge = { id: c.id, title: c.title, officerIds: await agencyOfficerIds(em, c.agency_organization_id) };
  },
  asker: async (em, e, f) => {
    const q = await questionAskerForNotices(em, e.subjectId);
    if (q) f.asker = { userId: q.asker_id, organizationId: q.asker_organization_id };
  },
  liveBidOrganizationIds: async (em, e, f) => {
    if (e.challengeId) f.liveBidOrganizationIds = await liveBidOrganizationsForNotices(em, e.challengeId);
  },
  bidOrganizationId: async (em, e, f) => {
    f.bidOrganizationId = await bidOrganizationForNotices(em, e.subjectId);
  },
  project: async (em, e, f) => {
    const p = await projectForNotices(em, e.subjectId);
    if (p) f.project = projectFacts(p);
  },
  milestone: async (em, e, f) => {
    const m = await milestoneForNotices(em, e.subjectId);
    const p = m && (await projectForNotices(em, m.project_id));
    if (m && p) f.milestone = { id: m.id, title: m.title, project: projectFacts(p) };
  },
  objectionAuthorId: async (em, e, f) => {
    const id = objectionId(e);
    if (id) f.objectionAuthorId = await objectionAuthorForNotices(em, id, e.action.startsWith('gate_objection.'));
  },
  raceProjects: async (em, e, f) => {
    if (e.challengeId) f.raceProjects = (await challengeProjectsForNotices(em, e.challengeId)).map(projectFacts);
  },
  consortium: async (em, e, f) => {
    const c = await consortiumForNotices(em, e.subjectId);
    if (c) {
      f.consortium = {
        live: c.bid_status !== 'withdrawn',
        leadOrganizationId: c.lead_organization_id,
        leadOrganizationName: c.lead_organization_name,
        bidDeadline: new Date(c.bid_deadline).toISOString(),
        members: c.members,
      };
    }
  },
};
