import fc from 'fast-check';
import { AuthUser, Role } from '@app/common/auth';
import { BidDocumentFacts, accessToBid, accessToBidDocuments, seesAllBids } from './sealing';

const user = (role: Role, id = 'u', organizationId: string | null = 'org'): AuthUser => ({
  id,
  email: 'x@example.test',
  displayName: 'x',
  role,
  organizationId,
});

const facts = (over: Partial<BidDocumentFacts> = {}): BidDocumentFacts => ({
  participant: false,
  unsealed: false,
  agencyOrganizationId: 'agency-org',
  assignedReviewer: false,
  conflicted: false,
  ...over,
});

describe('accessToBidDocuments', () => {
  it('the bidder and its consortium (team users) always; nobody else before the deadline', () => {
    for (const unsealed of [false, true]) {
      expect(accessToBidDocuments(user(Role.Team), facts({ participant: true, unsealed }))).toBe('allowed');
    }
    for (const u of [
      user(Role.Agency, 'agency', 'agency-org'),
      user(Role.Reviewer),
      user(Role.Admin),
      user(Role.Team),
      undefined,
    ]) {
      expect(accessToBidDocuments(u, facts({ assignedReviewer: true }))).toBe('hidden');
    }
  });

  it('after the deadline: the challenge’s agency and its unconflicted assigned reviewers', () => {
    const open = facts({ unsealed: true });
    expect(accessToBidDocuments(user(Role.Agency, 'agency', 'agency-org'), open)).toBe('allowed');
    expect(accessToBidDocuments(user(Role.Agency, 'another-officer', 'agency-org'), open)).toBe('allowed');
    expect(accessToBidDocuments(user(Role.Agency, 'other-agency', 'other-agency-org'), open)).toBe('hidden');
    expect(accessToBidDocuments(user(Role.Agency, 'agency', null), open)).toBe('hidden');
    expect(accessToBidDocuments(user(Role.Reviewer), { ...open, assignedReviewer: true })).toBe('allowed');
    expect(accessToBidDocuments(user(Role.Reviewer), { ...open, assignedReviewer: true, conflicted: true })).toBe('hidden');
    expect(accessToBidDocuments(user(Role.Reviewer), open)).toBe('hidden');
    expect(accessToBidDocuments(user(Role.Admin), open)).toBe('hidden');
    expect(accessToBidDocuments(user(Role.ProgramManager), open)).toBe('hidden');
  });

  it('never public; anonymous never; a non-team user is never allowed as a participant', () => {
    const roles = Object.values(Role) as Role[];
    fc.assert(
      fc.property(
        fc.option(fc.constantFrom(...roles), { nil: undefined }),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        (role, participant, unsealed, assignedReviewer, conflicted) => {
          const u = role === undefined ? undefined : user(role, 'someone');
          const got = accessToBidDocuments(u, facts({ participant, unsealed, assignedReviewer, conflicted }));
          expect(['allowed', 'hidden']).toContain(got);
          if (!u) expect(got).toBe('hidden');
          if (got === 'allowed' && !unsealed) expect(u?.role === Role.Team && participant).toBe(true);
          if (u?.role === Role.Admin) expect(got).toBe('hidden');
        },
      ),
    );
  });
});

describe('auditors (监督)', () => {
  const auditor = user(Role.Auditor, 'auditor', null);

  it('read every bid, list and file after the deadline, and nothing before it — whatever else is true', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), (unsealed, assignedReviewer, conflicted) => {
        const seal = { unsealed, agencyOrganizationId: 'agency-org', assignedReviewer };
        expect(accessToBid(auditor, { organizationId: 'org' }, seal, conflicted)).toBe(unsealed ? 'auditor' : 'none');
        expect(seesAllBids(auditor, seal)).toBe(unsealed ? 'all' : 'own');
        expect(accessToBidDocuments(auditor, facts({ unsealed, assignedReviewer, conflicted }))).toBe(
          unsealed ? 'allowed' : 'hidden',
        );
      }),
    );
  });
});
