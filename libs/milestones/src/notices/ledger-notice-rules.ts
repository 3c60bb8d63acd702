/**
 * Which notices a ledger entry gives, to whom, saying what — one pure table (no Nest, no I/O).
 *
 * Every decision a user must act on or should know of is already an audited entry; the notices
 * job (notices.service.ts) reads entries after its cursor, loads the facts each rule asks for
 * (`needs`: the owners' read functions, see notice-facts.ts) and writes what `noticesForEntry`
 * returns, once per (entry, kind, recipient). A new action is one line in `LEDGER_NOTICE_RULES`.
 *
 * Sealed content never enters a notice: a bid's receipt goes to its own organisation only, with
 * the receipt hash and revision the bidder already holds, never amounts or proposals.
 */
import type { NotificationKind } from '../notifications/notification-wording';

/** A ledger entry as the notices job reads it. */
export interface LedgerEntryForNotices {
  id: string;
  chain: string;
  seq: number;
  challengeId: string | null;
  action: string;
  subjectId: string;
  after: Record<string, unknown> | null;
}

export interface ChallengeFacts {
  id: string;
  title: string;
  /** The officers of the agency organisation that owns the challenge (and its creator), active users. */
  officerIds: string[];
}

export interface ProjectFacts {
  id: string;
  title: string;
  organizationId: string;
  programManagerId: string | null;
  /** The award (granted), fen; absent where the loader does not read it. */
  grantedFen?: number;
}

export interface MilestoneFacts {
  id: string;
  title: string;
  project: ProjectFacts;
}

/** What the rules may read besides the entry; the job loads only what a rule `needs`. */
export interface NoticeFacts {
  challenge?: ChallengeFacts;
  /** The question of the entry's subject: who asked it. */
  asker?: { userId: string; organizationId: string | null };
  /** Organisations with a live (not withdrawn) bid on the challenge. */
  liveBidOrganizationIds?: string[];
  /** The organisation of the bid that is the entry's subject. */
  bidOrganizationId?: string;
  /** The project that is the entry's subject. */
  project?: ProjectFacts;
  /** The milestone that is the entry's subject, with its project. */
  milestone?: MilestoneFacts;
  /** Who lodged the objection `after.objectionId` (a project's or a gate's, by the action). */
  objectionAuthorId?: string;
  /** The projects of a horse race (every team in it), by id. */
  raceProjects?: ProjectFacts[];
  /** The consortium of the bid that is the entry's subject. */
  consortium?: ConsortiumFacts;
}

export type FactNeed = keyof NoticeFacts;

/** A consortium bid (the entry's subject) as its consent notices see it; never the bid's content. */
export interface ConsortiumFacts {
  /** Not withdrawn: a withdrawn bid asks nobody anything. */
  live: boolean;
  leadOrganizationId: string;
  leadOrganizationName: string;
  /** The challenge's bid deadline, ISO-8601. */
  bidDeadline: string;
  /** The members as the bid names them now, each with its share and its answer (null: not asked). */
  members: { organizationId: string; organizationName: string; sharePercent: number | null; state: string | null }[];
}

export type NoticeRecipient = { userId: string } | { organizationId: string };

export interface PlannedNotice {
  kind: NotificationKind;
  to: NoticeRecipient;
  params: Record<string, unknown>;
  projectId: string | null;
}

type Notice = Omit<PlannedNotice, 'kind'>;

interface LedgerNoticeRule {
  kind: NotificationKind;
  needs: readonly FactNeed[];
  notices: (e: LedgerEntryForNotices, f: NoticeFacts) => Notice[];
}

// ---- readers of an entry's `after` (written by other libraries; read defensively) -----------

const field = (e: LedgerEntryForNotices, key: string): unknown => e.after?.[key];
const text = (e: LedgerEntryForNotices, key: string): string => {
  const v = field(e, key);
  return typeof v === 'string' ? v : '';
};
const ids = (e: LedgerEntryForNotices, key: string): string[] => {
  const v = field(e, key);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
};
const num = (e: LedgerEntryForNotices, key: string): number | null => {
  const v = field(e, key);
  return typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
};

const toUsers = (userIds: readonly (string | null | undefined)[]): NoticeRecipient[] =>
  userIds.filter((u): u is string => !!u).map((userId) => ({ userId }));

const aboutChallenge = (e: LedgerEntryForNotices, f: NoticeFacts) => ({
  challengeId: e.challengeId ?? '',
  challengeTitle: f.challenge?.title ?? '',
});

const each = (to: NoticeRecipient[], params: Record<string, unknown>, projectId: string | null = null): Notice[] =>
  to.map((r) => ({ to: r, params, projectId }));

// ---- the rules -------------------------------------------------------------------------------

const questionAsked: LedgerNoticeRule = {
  kind: 'question.asked',
  needs: ['challenge'],
  // The asker stays anonymous: the agency learns that a question waits, not who asked it.
  notices: (e, f) => each(toUsers(f.challenge?.officerIds ?? []), { ...aboutChallenge(e, f), questionId: e.subjectId }),
};

const questionAnswered: LedgerNoticeRule = {
  kind: 'question.answered',
  needs: ['challenge', 'asker', 'liveBidOrganizationIds'],
  notices: (e, f) => {
    const orgs = f.liveBidOrganizationIds ?? [];
    // An asker whose organisation bids reads the organisation's notice; one notice is enough.
    const askerSeesOrg = f.asker?.organizationId ? orgs.includes(f.asker.organizationId) : false;
    const to: NoticeRecipient[] = [
      ...(f.asker && !askerSeesOrg ? toUsers([f.asker.userId]) : []),
      ...orgs.map((organizationId) => ({ organizationId })),
    ];
    return each(to, { ...aboutChallenge(e, f), questionId: e.subjectId });
  },
};

const reviewersAssigned: LedgerNoticeRule = {
  kind: 'review.assigned',
  needs: ['challenge'],
  notices: (e, f) => each(toUsers(ids(e, 'reviewerIds')), aboutChallenge(e, f)),
};

const milestoneSubmitted: LedgerNoticeRule = {
  kind: 'milestone.awaiting_review',
  needs: ['challenge', 'milestone'],
  notices: (e, f) => {
    const m = f.milestone;
    if (!m) return [];
    // No program manager yet: the challenge's officers review.
    const to = m.project.programManagerId ? [m.project.programManagerId] : (f.challenge?.officerIds ?? []);
    const params = {
      milestoneId: m.id,
      milestoneTitle: m.title,
      projectId: m.project.id,
      projectTitle: m.project.title,
      submissionId: text(e, 'submissionId'),
    };
    return each(toUsers(to), params, m.project.id);
  },
};

const bidReceived: LedgerNoticeRule = {
  kind: 'bid.received',
  needs: ['challenge', 'bidOrganizationId'],
  notices: (e, f) =>
    f.bidOrganizationId
      ? each([{ organizationId: f.bidOrganizationId }], {
          ...aboutChallenge(e, f),
          bidId: e.subjectId,
          receiptHash: text(e, 'receiptHash'),
          revision: num(e, 'revision'),
          submittedAt: text(e, 'submittedAt'),
        })
      : [],
};

const awardGranted: LedgerNoticeRule = {
  kind: 'award.granted',
  needs: ['challenge', 'project'],
  notices: (e, f) =>
    f.project
      ? each(
          [{ organizationId: f.project.organizationId }],
          { ...aboutChallenge(e, f), projectId: f.project.id, projectTitle: f.project.title, amountFen: num(e, 'amountFen') },
          f.project.id,
        )
      : [],
};

/** Project objections (公示期) and gate objections: `stage` is set for the latter. */
const objectionParams = (e: LedgerEntryForNotices, f: NoticeFacts) => ({
  ...aboutChallenge(e, f),
  projectId: e.subjectId,
  projectTitle: f.project?.title ?? '',
  objectionId: text(e, 'objectionId'),
  stage: num(e, 'stage'),
});

const objectionLodged: LedgerNoticeRule = {
  kind: 'objection.lodged',
  needs: ['challenge', 'project'],
  notices: (e, f) => each(toUsers(f.challenge?.officerIds ?? []), objectionParams(e, f), e.subjectId),
};

const objectionDecided: LedgerNoticeRule = {
  kind: 'objection.decided',
  needs: ['challenge', 'project', 'objectionAuthorId'],
  notices: (e, f) =>
    each(
      toUsers([f.objectionAuthorId]),
      { ...objectionParams(e, f), decision: text(e, 'objectionStatus'), comment: text(e, 'comment') },
      e.subjectId,
    ),
};

/** The awarded team's organisation and its program manager, about its own award. */
const awardedTeam = (p: ProjectFacts, withPm: boolean): NoticeRecipient[] => [
  { organizationId: p.organizationId },
  ...(withPm ? toUsers([p.programManagerId]) : []),
];

const aboutAward = (e: LedgerEntryForNotices, f: NoticeFacts, p: ProjectFacts) => ({
  ...aboutChallenge(e, f),
  projectId: p.id,
  projectTitle: p.title,
  amountFen: p.grantedFen ?? null,
});

/** A notice to the awarded team (and its program manager with `withPm`) about its own award, with `extra` of the entry. */
const toAwardedTeam = (
  kind: NotificationKind,
  withPm: boolean,
  extra: (e: LedgerEntryForNotices) => Record<string, unknown> = () => ({}),
): LedgerNoticeRule => ({
  kind,
  needs: ['challenge', 'project'],
  notices: (e, f) =>
    f.project ? each(awardedTeam(f.project, withPm), { ...aboutAward(e, f, f.project), ...extra(e) }, f.project.id) : [],
});

/** The team hears that its award is held by an objection (never who lodged it, nor why). */
const awardObjected = toAwardedTeam('award.objected', false);

/** The objection to the team's award was dismissed: the award stands (the agency's public comment). */
const awardObjectionDismissed = toAwardedTeam('award.objection_dismissed', false, (e) => ({ comment: text(e, 'comment') }));

/** The objection was upheld: the award is revoked, the grant returns to the challenge. */
const awardRevoked = toAwardedTeam('award.revoked', true, (e) => ({ comment: text(e, 'comment') }));

/** Publicity ended with no objection holding it: the award is final and the project starts. */
const awardFinal = toAwardedTeam('award.final', true, (e) => ({ activatedAt: text(e, 'activatedAt') }));

/** Each team in the race hears its own outcome; the result itself is public (the entry is). */
const gateResult: LedgerNoticeRule = {
  kind: 'gate.result',
  needs: ['challenge', 'raceProjects'],
  notices: (e, f) => {
    const advancing = new Set(ids(e, 'advancing'));
    const inRace = new Set([...advancing, ...ids(e, 'eliminated')]);
    return (f.raceProjects ?? [])
      .filter((p) => inRace.has(p.id))
      .map((p) => ({
        to: { organizationId: p.organizationId },
        params: {
          ...aboutChallenge(e, f),
          projectId: p.id,
          projectTitle: p.title,
          stage: num(e, 'stage'),
          stageName: text(e, 'stageName'),
          advanced: advancing.has(p.id),
          final: e.action === 'gate.finalised',
        },
        projectId: p.id,
      }));
  },
};

/**
 * Each member a version of the bid asks (`consentsAsked`: organisation ids only) is told who asks,
 * for which challenge, its own share and until when it may answer — nothing else of the bid. A
 * member the bid no longer names (a later version left it out) hears nothing.
 */
const consentRequested: LedgerNoticeRule = {
  kind: 'consent.requested',
  needs: ['challenge', 'consortium'],
  notices: (e, f) => {
    const c = f.consortium;
    if (!c?.live) return [];
    const asked = new Set(ids(e, 'consentsAsked'));
    return c.members
      .filter((m) => asked.has(m.organizationId))
      .map((m) => ({
        to: { organizationId: m.organizationId },
        params: {
          ...aboutChallenge(e, f),
          bidId: e.subjectId,
          leadOrganizationName: c.leadOrganizationName,
          sharePercent: m.sharePercent,
          bidDeadline: c.bidDeadline,
        },
        projectId: null,
      }));
  },
};

/** The lead hears a member's answer, by the member's name; of a decline only that a reason was given (the ledger holds no more). */
const consentAnswered = (kind: 'consent.accepted' | 'consent.declined'): LedgerNoticeRule => ({
  kind,
  needs: ['challenge', 'consortium'],
  notices: (e, f) => {
    const c = f.consortium;
    const member = c?.members.find((m) => m.organizationId === text(e, 'organizationId'));
    if (!c?.live || !member) return [];
    return each([{ organizationId: c.leadOrganizationId }], {
      ...aboutChallenge(e, f),
      bidId: e.subjectId,
      memberOrganizationName: member.organizationName,
      bidDeadline: c.bidDeadline,
      ...(kind === 'consent.declined' ? { reasonGiven: field(e, 'reasonGiven') === true } : {}),
    });
  },
});

/** Ledger action → the rules whose notices it gives. Actions not listed give none. */
export const LEDGER_NOTICE_RULES: Readonly<Record<string, readonly LedgerNoticeRule[]>> = {
  'question.asked': [questionAsked],
  'question.answered': [questionAnswered],
  'review.reviewers_assigned': [reviewersAssigned],
  'milestone.submitted': [milestoneSubmitted],
  'bid.submitted': [bidReceived, consentRequested],
  'bid.replaced': [bidReceived, consentRequested],
  'bid.consent_accepted': [consentAnswered('consent.accepted')],
  'bid.consent_declined': [consentAnswered('consent.declined')],
  'award.granted': [awardGranted],
  'objection.lodged': [objectionLodged, awardObjected],
  'objection.upheld': [objectionDecided, awardRevoked],
  'objection.dismissed': [objectionDecided, awardObjectionDismissed],
  'project.publicity_ended': [awardFinal],
  'gate_objection.lodged': [objectionLodged],
  'gate_objection.upheld': [objectionDecided],
  'gate_objection.dismissed': [objectionDecided],
  'gate.decided': [gateResult],
  'gate.finalised': [gateResult],
};

export function needsOf(action: string): readonly FactNeed[] {
  return [...new Set((LEDGER_NOTICE_RULES[action] ?? []).flatMap((r) => r.needs))];
}

export const recipientKey = (to: NoticeRecipient): string => ('userId' in to ? to.userId : to.organizationId);

/** The entry's notices, at most one per (kind, recipient). */
export function noticesForEntry(e: LedgerEntryForNotices, f: NoticeFacts): PlannedNotice[] {
  const seen = new Set<string>();
  const out: PlannedNotice[] = [];
  for (const rule of LEDGER_NOTICE_RULES[e.action] ?? []) {
    for (const n of rule.notices(e, f)) {
      const key = `${rule.kind}|${recipientKey(n.to)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ kind: rule.kind, ...n });
    }
  }
  return out;
}
