import fc from 'fast-check';
import { Role } from '@app/common/auth';
import type { UserRecord } from '../repositories/users.repository';
import { UserStamp, UserStateMemo } from './user-state-memo';

const user = (id: string): UserRecord =>
  ({ id, email: `${id}@x.test`, displayName: id, role: Role.Reviewer, organizationId: null, active: true }) as UserRecord;

describe('user state memo', () => {
  it('answers only for the stamp it was read under, and only while younger than the max age', () => {
    const stamp = fc.record({ epoch: fc.constantFrom('e1', 'e2'), version: fc.constantFrom(null, '1', '2') });
    fc.assert(
      fc.property(stamp, stamp, fc.nat(200), (stored, asked, age) => {
        const memo = new UserStateMemo(100);
        memo.set('u', user('u'), stored, 1_000);
        const same = stored.epoch === asked.epoch && stored.version === asked.version;
        expect(memo.get('u', asked, 1_000 + age) !== null).toBe(same && age < 100);
      }),
    );
  });

  it('forgets a user on request, and the oldest entry first when full', () => {
    const s: UserStamp = { epoch: 'e', version: null };
    const memo = new UserStateMemo(1_000, 3);
    for (const id of ['a', 'b', 'c']) memo.set(id, user(id), s, 0);
    memo.get('a', s, 0);
    memo.set('a', user('a'), s, 0); // re-read: a becomes the newest
    memo.set('d', user('d'), s, 0);
    expect(memo.get('b', s, 0)).toBeNull();
    expect(memo.get('a', s, 0)?.id).toBe('a');
    memo.forget('a');
    expect(memo.get('a', s, 0)).toBeNull();
    expect(memo.count).toBe(2);
  });
});
