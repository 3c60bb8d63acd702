import fc from 'fast-check';
import { Role } from '@app/common/auth';
import { organizationRoleMismatch } from './membership-rules';
import { AGENCY_KIND, ORGANIZATION_KINDS } from './organization.entity';

describe('organizationRoleMismatch', () => {
  it('agency users only in agencies, team users only in applicants, anyone else anywhere', () => {
    fc.assert(
      fc.property(fc.constantFrom(...Object.values(Role)), fc.constantFrom(...ORGANIZATION_KINDS), (role, kind) => {
        const refused = organizationRoleMismatch(role, kind) !== undefined;
        const expected = (role === Role.Agency && kind !== AGENCY_KIND) || (role === Role.Team && kind === AGENCY_KIND);
        expect(refused).toBe(expected);
      }),
    );
  });

  it('says what was expected', () => {
    expect(organizationRoleMismatch(Role.Agency, 'enterprise')).toMatch(/agency organisation.*not enterprise/);
    expect(organizationRoleMismatch(Role.Team, 'agency')).toMatch(/applicant/);
  });
});
