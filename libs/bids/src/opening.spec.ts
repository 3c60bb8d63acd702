import { AuthUser, Role } from '@app/common/auth';
import { OpeningRecord, openingFor } from './opening';

const user = (role: Role, id: string, organizationId: string | null = null): AuthUser => ({
  id,
  email: 'x@example.test',
  displayName: 'x',
  role,
  organizationId,
});

const entry = (bidId: string, organizationId: string) => ({
  bidId,
  organizationId,
  organizationName: organizationId,
  submittedAt: '2030-01-01T00:00:00.000Z',
  receiptHash: 'h',
  documents: [{ name: 'a.pdf', size: 1, sha256: 's', role: 'application' }],
});

const record: OpeningRecord = {
  openedAt: '2030-01-02T00:00:00.000Z',
  bidCount: 2,
  entries: [entry('b1', 'A'), entry('b2', 'B')],
};
const closed = { agencyOrganizationId: 'agency-org', status: 'closed' };
const awarded = { agencyOrganizationId: 'agency-org', status: 'awarded' };

describe('openingFor', () => {
  it('the challenge’s agency (any of its officers) sees the whole record', () => {
    expect(openingFor(record, user(Role.Agency, 'agency', 'agency-org'), closed)).toEqual(record);
    expect(openingFor(record, user(Role.Agency, 'another-officer', 'agency-org'), closed)).toEqual(record);
  });

  it('an auditor sees the whole record', () => {
    expect(openingFor(record, user(Role.Auditor, 'auditor'), closed)).toEqual(record);
  });

  it('a bidding team sees its own entry and the count', () => {
    expect(openingFor(record, user(Role.Team, 't', 'B'), closed)).toEqual({
      ...record,
      entries: [entry('b2', 'B')],
      notOpened: [],
    });
  });

  it('a consortium member sees the consortium’s entry; records written before members were listed show the lead only', () => {
    const consortium = { ...entry('b3', 'L'), memberOrganizationIds: ['M1', 'M2'] };
    const withConsortium: OpeningRecord = { ...record, bidCount: 3, entries: [...record.entries, consortium] };
    for (const org of ['L', 'M1', 'M2'])
      expect(openingFor(withConsortium, user(Role.Team, 't', org), closed)).toEqual({
        ...withConsortium,
        entries: [consortium],
        notOpened: [],
      });
    expect(openingFor(withConsortium, user(Role.Team, 't', 'M3'), closed)).toBeUndefined();
  });

  it('anyone else: nothing before the results, the count once awarded or completed', () => {
    const others = [
      undefined,
      user(Role.Team, 't', 'C'),
      user(Role.Agency, 'other-agency', 'other-agency-org'),
      user(Role.Agency, 'agency'), // an agency user of no agency organisation
      user(Role.Admin, 'admin'),
      user(Role.Reviewer, 'r', 'A'), // a reviewer is not a team of the organisation
    ];
    for (const u of others) {
      expect(openingFor(record, u, closed)).toBeUndefined();
      for (const status of ['awarded', 'completed']) {
        expect(openingFor(record, u, { ...awarded, status })).toEqual({ ...record, entries: [], notOpened: [] });
      }
    }
  });

  it('a bid not opened (consortium consent missing) is shown like an entry: to the agency, and to its own lead and members only', () => {
    const notOpened = {
      bidId: 'b4',
      organizationId: 'N',
      organizationName: 'N',
      memberOrganizationIds: ['NM'],
      submittedAt: '2030-01-01T00:00:00.000Z',
      receiptHash: 'h',
      reason: 'consortium_consent_missing' as const,
      missingOrganizationIds: ['NM'],
    };
    const withNotOpened: OpeningRecord = { ...record, notOpened: [notOpened] };
    expect(openingFor(withNotOpened, user(Role.Agency, 'agency', 'agency-org'), closed)).toEqual(withNotOpened);
    for (const org of ['N', 'NM'])
      expect(openingFor(withNotOpened, user(Role.Team, 't', org), closed)).toEqual({
        ...record,
        entries: [],
        notOpened: [notOpened],
      });
    expect(openingFor(withNotOpened, user(Role.Team, 't', 'A'), closed)?.notOpened).toEqual([]);
    expect(openingFor(withNotOpened, undefined, awarded)).toEqual({ ...record, entries: [], notOpened: [] });
  });
});
