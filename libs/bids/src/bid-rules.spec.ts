import { BidInput, ChallengeFacts, OrgFacts, bidShapeErrors, consortiumErrors } from './bid-rules';

const NOW = new Date('2030-01-01T00:00:00Z');
const challenge: ChallengeFacts = {
  objectives: [{ metric: '算力' }, { metric: '能效' }],
  eligibility: { orgKinds: ['enterprise', 'university'], consortiumAllowed: true, maxMembers: 3 },
  projectEndsAt: new Date('2031-01-01T00:00:00Z'),
};
const bid = (over: Partial<BidInput> = {}): BidInput => ({
  totalInvestmentFen: 2_000,
  requestedFundingFen: 1_000,
  proposal: {
    text: 't',
    approach: [
      { metric: '算力', plan: 'a' },
      { metric: ' 能效 ', plan: 'b' },
    ],
  },
  consortium: [],
  milestones: [
    { title: 'm1', dueAt: new Date('2030-06-01T00:00:00Z'), deliverable: 'd', trancheFen: 400 },
    { title: 'm2', dueAt: new Date('2031-01-01T00:00:00Z'), deliverable: 'd', trancheFen: 600 },
  ],
  ...over,
});
const lead: OrgFacts = { id: 'L', kind: 'enterprise', creditCode: 'LEAD00000000000000' };
const member: OrgFacts = { id: 'M', kind: 'university', creditCode: 'MEMBER000000000000' };
const institute: OrgFacts = { id: 'I', kind: 'institute', creditCode: 'INSTITUTE000000000' };
const registered = new Map([lead, member, institute].map((o) => [o.creditCode, o]));

describe('bidShapeErrors', () => {
  it('accepts a bid whose tranches add up and whose milestones end by the project end', () => {
    expect(bidShapeErrors(bid(), challenge, NOW)).toEqual([]);
  });

  it('reports every problem with its field, without repeating the contents', () => {
    const errors = bidShapeErrors(
      bid({
        requestedFundingFen: 3_000,
        proposal: { text: 'secret', approach: [{ metric: '体积', plan: 'secret' }] },
        milestones: [{ title: 'secret', dueAt: new Date('2029-01-01T00:00:00Z'), deliverable: 'secret', trancheFen: 1 }],
      }),
      challenge,
      NOW,
    );
    expect(errors.map((e) => e.field)).toEqual([
      'requestedFundingFen',
      'milestones[0].dueAt',
      'milestones',
      'proposal.approach[0].metric',
      'proposal.approach',
      'proposal.approach',
    ]);
    expect(JSON.stringify(errors)).not.toContain('secret');
  });

  it('a text-only proposal has no approach to check', () => {
    expect(bidShapeErrors(bid({ proposal: { text: 't', approach: null } }), challenge, NOW)).toEqual([]);
  });
});

describe('consortiumErrors', () => {
  const entry = (o: OrgFacts, role: 'lead' | 'member', sharePercent: number) => ({
    creditCode: o.creditCode,
    role,
    sharePercent,
  });

  it('accepts a lead and registered, eligible members whose shares add up to 100', () => {
    expect(consortiumErrors([entry(lead, 'lead', 60), entry(member, 'member', 40)], challenge, lead, registered)).toEqual([]);
    expect(consortiumErrors([], challenge, lead, registered)).toEqual([]);
  });

  it('refuses consortia where the challenge does not allow them', () => {
    const closed = { ...challenge, eligibility: { ...challenge.eligibility, consortiumAllowed: false, maxMembers: 1 } };
    expect(consortiumErrors([entry(lead, 'lead', 60), entry(member, 'member', 40)], closed, lead, registered)).toEqual([
      { field: 'consortium', message: 'is not allowed: this challenge does not accept consortia' },
    ]);
  });

  it('names size, shares, lead, kind and registration problems', () => {
    const unknown = { creditCode: 'UNKNOWN00000000000', role: 'member' as const, sharePercent: 10 };
    const errors = consortiumErrors(
      [entry(member, 'lead', 30), entry(institute, 'member', 30), unknown, entry(member, 'member', 10)],
      challenge,
      lead,
      registered,
    );
    expect(errors).toEqual([
      { field: 'consortium', message: 'has 4 organisations, lead included; this challenge allows at most 3' },
      { field: 'consortium', message: 'shares must add up to 100 percent (they add up to 80)' },
      { field: 'consortium[0].role', message: 'must be member: the lead is the bidding organisation' },
      {
        field: 'consortium[1].creditCode',
        message: 'is an organisation of kind institute, which this challenge does not admit (enterprise, university)',
      },
      { field: 'consortium[2].creditCode', message: 'is not a registered organisation (members must register first)' },
      { field: 'consortium[3].creditCode', message: 'appears twice in the consortium' },
      { field: 'consortium', message: 'must list the bidding organisation (the lead) with its share' },
    ]);
  });
});
