import fc from 'fast-check';
import {
  LEDGER_NOTICE_RULES,
  LedgerEntryForNotices,
  NoticeFacts,
  PlannedNotice,
  noticesForEntry,
  recipientKey,
} from './ledger-notice-rules';

const uuid = fc.uuid();
const entry = (action: string, after: Record<string, unknown> | null = null, subjectId = 'S'): LedgerEntryForNotices => ({
  id: 'E',
  chain: 'C',
  seq: 1,
  challengeId: 'C',
  action,
  subjectId,
  after,
});
const challenge = { id: 'C', title: '固态电池', officerIds: ['officer-1', 'officer-2'] };
const project = (id: string, organizationId: string, programManagerId: string | null = null) => ({
  id,
  title: `project ${id}`,
  organizationId,
  programManagerId,
});

describe('ledger notice rules (examples)', () => {
  it('a question: every officer of the agency, without the asker', () => {
    const n = noticesForEntry(entry('question.asked', { question: 'q?' }, 'Q'), { challenge });
    expect(n.map((x) => x.to)).toEqual([{ userId: 'officer-1' }, { userId: 'officer-2' }]);
    expect(n[0]).toMatchObject({ kind: 'question.asked', params: { challengeTitle: '固态电池', questionId: 'Q' } });
    expect(JSON.stringify(n)).not.toContain('asker');
  });

  it('an answer: the asker, and each organisation with a live bid (an asker whose organisation bids hears it once)', () => {
    const facts: NoticeFacts = {
      challenge,
      asker: { userId: 'u1', organizationId: 'org-1' },
      liveBidOrganizationIds: ['org-1', 'org-2'],
    };
    expect(noticesForEntry(entry('question.answered', null, 'Q'), facts).map((x) => x.to)).toEqual([
      { organizationId: 'org-1' },
      { organizationId: 'org-2' },
    ]);
    const outside = { ...facts, asker: { userId: 'u9', organizationId: 'org-9' } };
    expect(noticesForEntry(entry('question.answered', null, 'Q'), outside).map(recipientKeyOf)).toEqual(['u9', 'org-1', 'org-2']);
  });

  it('a bid receipt goes to the bidder only, with the receipt hash and nothing of the bid', () => {
    const after = {
      status: 'submitted',
      organizationId: 'org-1',
      receiptHash: 'abc',
      submittedAt: 'T',
      revision: 1,
      amountFen: 5,
    };
    const [n, ...rest] = noticesForEntry(entry('bid.submitted', after, 'B'), { challenge, bidOrganizationId: 'org-1' });
    expect(rest).toEqual([]);
    expect(n).toEqual({
      kind: 'bid.received',
      to: { organizationId: 'org-1' },
      projectId: null,
      params: { challengeId: 'C', challengeTitle: '固态电池', bidId: 'B', receiptHash: 'abc', revision: 1, submittedAt: 'T' },
    });
  });

  it('a milestone awaiting review: its project’s program manager, else the officers', () => {
    const milestone = { id: 'M', title: '样机', project: project('P', 'org-1', 'pm-1') };
    expect(noticesForEntry(entry('milestone.submitted', { submissionId: 'S1' }, 'M'), { challenge, milestone })).toEqual([
      expect.objectContaining({ kind: 'milestone.awaiting_review', to: { userId: 'pm-1' }, projectId: 'P' }),
    ]);
    const noPm = { ...milestone, project: project('P', 'org-1') };
    expect(noticesForEntry(entry('milestone.submitted', null, 'M'), { challenge, milestone: noPm }).map(recipientKeyOf)).toEqual(
      challenge.officerIds,
    );
  });

  it('a gate: each team in the race hears its own outcome; teams out of the race hear nothing', () => {
    const raceProjects = [project('P1', 'org-1'), project('P2', 'org-2'), project('P3', 'org-3')];
    const n = noticesForEntry(entry('gate.decided', { stage: 1, advancing: ['P1'], eliminated: ['P2'] }), {
      challenge,
      raceProjects,
    });
    expect(n.map((x) => [recipientKeyOf(x), x.params.advanced, x.params.final])).toEqual([
      ['org-1', true, false],
      ['org-2', false, false],
    ]);
  });

  it('an objection decided: its author; an action without a rule: nobody', () => {
    const n = noticesForEntry(entry('objection.upheld', { objectionId: 'O', objectionStatus: 'upheld', comment: 'ok' }, 'P'), {
      challenge,
      objectionAuthorId: 'author',
      project: project('P', 'org-1'),
    });
    expect(n).toEqual([
      expect.objectContaining({ kind: 'objection.decided', to: { userId: 'author' } }),
      expect.objectContaining({ kind: 'award.revoked', to: { organizationId: 'org-1' } }),
    ]);
    expect(noticesForEntry(entry('review.scored'), { challenge })).toEqual([]);
  });

  it('the awarded team hears of an objection to its award (not who lodged it), its dismissal, a revocation and the award final', () => {
    const p = { ...project('P', 'org-1', 'pm-1'), grantedFen: 1_000_000 };
    const lodged = noticesForEntry(entry('objection.lodged', { objectionId: 'O', status: 'open' }, 'P'), {
      challenge,
      project: p,
    });
    expect(lodged.map((x) => [x.kind, recipientKeyOf(x)])).toEqual([
      ['objection.lodged', 'officer-1'],
      ['objection.lodged', 'officer-2'],
      ['award.objected', 'org-1'],
    ]);
    expect(lodged[2]).toEqual({
      kind: 'award.objected',
      to: { organizationId: 'org-1' },
      projectId: 'P',
      params: { challengeId: 'C', challengeTitle: '固态电池', projectId: 'P', projectTitle: 'project P', amountFen: 1_000_000 },
    });
    const dismissed = noticesForEntry(entry('objection.dismissed', { objectionId: 'O', comment: '理由不足' }, 'P'), {
      challenge,
      project: p,
      objectionAuthorId: 'author',
    });
    expect(dismissed.map((x) => [x.kind, recipientKeyOf(x)])).toEqual([
      ['objection.decided', 'author'],
      ['award.objection_dismissed', 'org-1'],
    ]);
    const upheld = noticesForEntry(entry('objection.upheld', { objectionId: 'O', comment: '资质不符' }, 'P'), {
      challenge,
      project: p,
    });
    expect(upheld.map((x) => [x.kind, recipientKeyOf(x), x.params.comment])).toEqual([
      ['award.revoked', 'org-1', '资质不符'],
      ['award.revoked', 'pm-1', '资质不符'],
    ]);
    const ended = noticesForEntry(entry('project.publicity_ended', { status: 'active', activatedAt: 'T' }, 'P'), {
      challenge,
      project: p,
    });
    expect(ended.map((x) => [x.kind, recipientKeyOf(x), x.params.activatedAt, x.params.amountFen])).toEqual([
      ['award.final', 'org-1', 'T', 1_000_000],
      ['award.final', 'pm-1', 'T', 1_000_000],
    ]);
    // A gate objection is the stopped team's own: only the officers hear of it.
    const gate = noticesForEntry(entry('gate_objection.lodged', { objectionId: 'O', stage: 1 }, 'P'), { challenge, project: p });
    expect(gate.map((x) => x.kind)).toEqual(['objection.lodged', 'objection.lodged']);
  });
});

function recipientKeyOf(n: PlannedNotice): string {
  return recipientKey(n.to);
}

const facts: fc.Arbitrary<NoticeFacts> = fc.record(
  {
    challenge: fc.record({ id: uuid, title: fc.string(), officerIds: fc.array(uuid, { maxLength: 4 }) }),
    asker: fc.record({ userId: uuid, organizationId: fc.option(uuid, { nil: null }) }),
    liveBidOrganizationIds: fc.array(uuid, { maxLength: 4 }),
    bidOrganizationId: uuid,
    project: fc.record({ id: uuid, title: fc.string(), organizationId: uuid, programManagerId: fc.option(uuid, { nil: null }) }),
    objectionAuthorId: uuid,
    raceProjects: fc.array(
      fc.record({ id: uuid, title: fc.string(), organizationId: uuid, programManagerId: fc.constant(null) }),
      { maxLength: 4 },
    ),
    consortium: fc.record({
      live: fc.boolean(),
      leadOrganizationId: uuid,
      leadOrganizationName: fc.string(),
      bidDeadline: fc.constant('2030-01-31T16:00:00.000Z'),
      members: fc.array(
        fc.record({
          organizationId: uuid,
          organizationName: fc.string(),
          sharePercent: fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }),
          state: fc.constantFrom(null, 'pending', 'accepted', 'declined'),
        }),
        { maxLength: 4 },
      ),
    }),
  },
  { requiredKeys: [] },
);

const anyEntry: fc.Arbitrary<LedgerEntryForNotices> = fc.record({
  id: uuid,
  chain: fc.string(),
  seq: fc.nat(),
  challengeId: fc.option(uuid, { nil: null }),
  action: fc.constantFrom(...Object.keys(LEDGER_NOTICE_RULES), 'review.scored', 'bid.withdrawn'),
  subjectId: uuid,
  after: fc.option(
    fc.dictionary(
      fc.constantFrom(
        'advancing',
        'eliminated',
        'reviewerIds',
        'receiptHash',
        'amountFen',
        'stage',
        'consentsAsked',
        'organizationId',
      ),
      fc.anything(),
    ),
    {
      nil: null,
    },
  ),
});

describe('consortium consent notices', () => {
  const consortium = (state: string | null = 'pending', live = true) => ({
    live,
    leadOrganizationId: 'lead',
    leadOrganizationName: '牵头公司',
    bidDeadline: '2030-01-31T16:00:00.000Z',
    members: [
      { organizationId: 'm1', organizationName: '成员甲', sharePercent: 30, state },
      { organizationId: 'm2', organizationName: '成员乙', sharePercent: 20, state: 'accepted' },
    ],
  });

  it('each member a version asks hears who asks, its share and the deadline — not a member asked before, nor the bid', () => {
    const after = { receiptHash: 'h', revision: 2, submittedAt: 'T', consentsAsked: ['m1'] };
    const n = noticesForEntry(entry('bid.replaced', after, 'B'), {
      challenge,
      bidOrganizationId: 'lead',
      consortium: consortium(),
    });
    expect(n.map((x) => [x.kind, recipientKeyOf(x)])).toEqual([
      ['bid.received', 'lead'],
      ['consent.requested', 'm1'],
    ]);
    expect(n[1].params).toEqual({
      challengeId: 'C',
      challengeTitle: '固态电池',
      bidId: 'B',
      leadOrganizationName: '牵头公司',
      sharePercent: 30,
      bidDeadline: '2030-01-31T16:00:00.000Z',
    });
    // A member the bid no longer names, or a withdrawn bid: nobody is asked.
    const gone = noticesForEntry(entry('bid.submitted', { consentsAsked: ['m9'] }, 'B'), { challenge, consortium: consortium() });
    expect(gone.filter((x) => x.kind === 'consent.requested')).toEqual([]);
    const withdrawn = { challenge, consortium: consortium('pending', false) };
    expect(noticesForEntry(entry('bid.submitted', after, 'B'), withdrawn).filter((x) => x.kind === 'consent.requested')).toEqual(
      [],
    );
  });

  it('the lead hears each answer by the member’s name; of a decline only that a reason was given', () => {
    const accepted = noticesForEntry(entry('bid.consent_accepted', { organizationId: 'm1', consent: 'accepted' }, 'B'), {
      challenge,
      consortium: consortium('accepted'),
    });
    expect(accepted).toEqual([
      {
        kind: 'consent.accepted',
        to: { organizationId: 'lead' },
        projectId: null,
        params: {
          challengeId: 'C',
          challengeTitle: '固态电池',
          bidId: 'B',
          memberOrganizationName: '成员甲',
          bidDeadline: '2030-01-31T16:00:00.000Z',
        },
      },
    ]);
    const after = { organizationId: 'm1', consent: 'declined', reasonGiven: true };
    const [declined, ...rest] = noticesForEntry(entry('bid.consent_declined', after, 'B'), {
      challenge,
      consortium: consortium('declined'),
    });
    expect(rest).toEqual([]);
    expect(declined).toMatchObject({ kind: 'consent.declined', to: { organizationId: 'lead' } });
    expect(declined.params).toMatchObject({ memberOrganizationName: '成员甲', reasonGiven: true });
    const silent = noticesForEntry(entry('bid.consent_declined', { organizationId: 'm1', consent: 'declined' }, 'B'), {
      challenge,
      consortium: consortium('declined'),
    });
    expect(silent[0].params.reasonGiven).toBe(false);
  });
});

describe('ledger notice rules (properties)', () => {
  it('at most one notice per (kind, recipient) of an entry, of its rules’ kinds, deterministic', () => {
    fc.assert(
      fc.property(anyEntry, facts, (e, f) => {
        const n = noticesForEntry(e, f);
        expect(new Set(n.map((x) => `${x.kind}|${recipientKeyOf(x)}`)).size).toBe(n.length);
        const kinds = (LEDGER_NOTICE_RULES[e.action] ?? []).map((r) => r.kind);
        for (const x of n) expect(kinds).toContain(x.kind);
        expect(noticesForEntry(e, f)).toEqual(n);
      }),
    );
  });

  it('a bid entry reaches only the bid’s organisation and the members it asks, and carries no amount or proposal', () => {
    const asked = fc.option(fc.array(uuid, { maxLength: 4 }), { nil: undefined });
    fc.assert(
      fc.property(anyEntry, facts, fc.constantFrom('bid.submitted', 'bid.replaced'), asked, (e, f, action, consentsAsked) => {
        const after = consentsAsked ? { ...e.after, consentsAsked } : e.after;
        const n = noticesForEntry({ ...e, action, after }, f);
        for (const x of n) {
          if (x.kind === 'consent.requested') {
            expect(consentsAsked ?? []).toContain(recipientKeyOf(x));
            expect(f.consortium?.live).toBe(true);
            expect(Object.keys(x.params).sort()).toEqual(
              ['bidDeadline', 'bidId', 'challengeId', 'challengeTitle', 'leadOrganizationName', 'sharePercent'].sort(),
            );
            continue;
          }
          expect(x.to).toEqual({ organizationId: f.bidOrganizationId });
          expect(Object.keys(x.params).sort()).toEqual(
            ['bidId', 'challengeId', 'challengeTitle', 'receiptHash', 'revision', 'submittedAt'].sort(),
          );
        }
      }),
    );
  });

  it('an answer to a consent request reaches only the lead’s organisation, never with a reason’s text', () => {
    fc.assert(
      fc.property(
        anyEntry,
        facts,
        fc.constantFrom('bid.consent_accepted', 'bid.consent_declined'),
        fc.string().map((x) => `REASON-CANARY-${x}`),
        (e, f, action, reason) => {
          const n = noticesForEntry({ ...e, action, after: { ...e.after, reason } }, f);
          for (const x of n) {
            expect(x.to).toEqual({ organizationId: f.consortium?.leadOrganizationId });
            expect(JSON.stringify(x.params)).not.toContain('REASON-CANARY');
          }
        },
      ),
    );
  });
});
