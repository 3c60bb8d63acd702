import fc from 'fast-check';
import { ALL_ROLES, Role } from '@app/common/auth';
import { refusesWrite } from './read-only-roles';

describe('refusesWrite', () => {
  it('lets an auditor read and refuses every other method', () => {
    expect(refusesWrite(Role.Auditor, 'GET')).toBe(false);
    expect(refusesWrite(Role.Auditor, 'head')).toBe(false);
    for (const method of ['POST', 'PUT', 'PATCH', 'DELETE', 'post']) expect(refusesWrite(Role.Auditor, method)).toBe(true);
  });

  it('never refuses a role that may write, whatever the method', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ALL_ROLES.filter((r) => r !== Role.Auditor)),
        fc.string(),
        (role, method) => !refusesWrite(role, method),
      ),
    );
  });

  it('refuses an auditor any method that is not GET, HEAD or OPTIONS (fails closed on unknown methods)', () => {
    fc.assert(
      fc.property(fc.string(), (method) => {
        fc.pre(!['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()));
        return refusesWrite(Role.Auditor, method);
      }),
    );
  });
});
