import fc from 'fast-check';
import { Role } from '@app/common/auth';
import { objectionDocumentAccess } from './objection-document-rule';

const O = { raisedBy: 'u-objector', agencyOrganizationId: 'org-agency', documentOrganizationId: 'org-objector' };

describe('objectionDocumentAccess', () => {
  it.each([
    ['the objector', 'allowed', { id: 'u-objector', role: Role.Team, organizationId: 'org-objector' }],
    ['a colleague of the objector', 'allowed', { id: 'u-colleague', role: Role.Team, organizationId: 'org-objector' }],
    ['the challenge’s agency', 'allowed', { id: 'u-agency', role: Role.Agency, organizationId: 'org-agency' }],
    ['another officer of that agency', 'allowed', { id: 'u-agency-2', role: Role.Agency, organizationId: 'org-agency' }],
    ['an admin', 'allowed', { id: 'u-admin', role: Role.Admin, organizationId: null }],
    ['the team objected to', 'hidden', { id: 'u-team', role: Role.Team, organizationId: 'org-project' }],
    ['another agency', 'hidden', { id: 'u-other-agency', role: Role.Agency, organizationId: 'org-other-agency' }],
    ['an agency user of no agency', 'hidden', { id: 'u-agency', role: Role.Agency, organizationId: null }],
    ['a program manager', 'hidden', { id: 'u-pm', role: Role.ProgramManager, organizationId: null }],
  ] as const)('%s → %s', (_who, expected, user) => {
    expect(objectionDocumentAccess(O, user)).toBe(expected);
  });

  it('anonymous readers never see them', () => {
    expect(objectionDocumentAccess(O, undefined)).toBe('hidden');
  });

  it('an objector without an organisation: only they (and the deciders) read it, never those without one', () => {
    const lone = { ...O, documentOrganizationId: null };
    expect(objectionDocumentAccess(lone, { id: 'u-objector', role: Role.Reviewer, organizationId: null })).toBe('allowed');
    expect(objectionDocumentAccess(lone, { id: 'u-else', role: Role.Reviewer, organizationId: null })).toBe('hidden');
  });

  it('is never public, and allows a non-admin outside the agency only from the objector’s side', () => {
    const roles = [Role.Team, Role.Agency, Role.ProgramManager, Role.Reviewer, Role.Admin];
    fc.assert(
      fc.property(
        fc.constantFrom('u-objector', 'u-agency', 'u-x'),
        fc.constantFrom(...roles),
        fc.constantFrom('org-objector', 'org-project', 'org-agency', null),
        (id, role, organizationId) => {
          const answer = objectionDocumentAccess(O, { id, role, organizationId });
          expect(['allowed', 'hidden']).toContain(answer);
          const objectorSide = id === 'u-objector' || organizationId === 'org-objector';
          const decider = role === Role.Admin || (role === Role.Agency && organizationId === 'org-agency');
          expect(answer === 'allowed').toBe(objectorSide || decider);
        },
      ),
    );
  });
});
