import { Role } from '@app/common/auth';
import { maySeeStaffDirectory, nameFilterOf, staffRolesOf } from './staff-rules';

describe('staff directory rules', () => {
  it('only agencies and admins may list staff', () => {
    expect(maySeeStaffDirectory({ role: Role.Agency })).toBe(true);
    expect(maySeeStaffDirectory({ role: Role.Admin })).toBe(true);
    for (const role of [Role.Team, Role.Reviewer, Role.ProgramManager]) expect(maySeeStaffDirectory({ role })).toBe(false);
  });
  it('lists the role asked for, or both', () => {
    expect(staffRolesOf(Role.Reviewer)).toEqual(['reviewer']);
    expect(staffRolesOf(Role.ProgramManager)).toEqual(['program_manager']);
    expect(staffRolesOf()).toEqual(['reviewer', 'program_manager']);
  });
  it('a blank name filter is no filter', () => {
    expect(nameFilterOf(undefined)).toBeNull();
    expect(nameFilterOf('   ')).toBeNull();
    expect(nameFilterOf(' 张 ')).toBe('张');
  });
});
