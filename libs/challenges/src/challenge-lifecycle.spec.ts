import fc from 'fast-check';
import { DomainError } from '@app/common/domain-error';
import {
  CHALLENGE_ACTIONS,
  CHALLENGE_STATUSES,
  ChallengeAction,
  ChallengeStatus,
  TERMINAL_STATUSES,
  TRANSITIONS,
  assertAction,
  canApply,
  isTerminal,
  nextStatus,
  successors,
} from './challenge-lifecycle';

/** The table the issue states, written out independently of the code. */
const ALLOWED: Record<ChallengeStatus, ChallengeStatus[]> = {
  draft: ['draft', 'published', 'cancelled'],
  published: ['published', 'closed', 'cancelled'],
  closed: ['awarded', 'cancelled'],
  awarded: ['completed'],
  completed: [],
  cancelled: [],
};

describe('challenge lifecycle', () => {
  it.each([
    ['draft', 'publish', 'published'],
    ['published', 'close', 'closed'],
    ['closed', 'award', 'awarded'],
    ['awarded', 'complete', 'completed'],
    ['draft', 'cancel', 'cancelled'],
    ['published', 'cancel', 'cancelled'],
    ['closed', 'cancel', 'cancelled'],
    ['draft', 'edit', 'draft'],
    ['published', 'extend_deadline', 'published'],
    ['published', 'ask', 'published'],
    ['published', 'answer', 'published'],
  ] as [ChallengeStatus, ChallengeAction, ChallengeStatus][])('%s --%s--> %s', (from, action, to) => {
    expect(nextStatus(from, action)).toBe(to);
  });

  it.each([
    ['published', 'edit'],
    ['published', 'publish'],
    ['closed', 'extend_deadline'],
    ['draft', 'close'],
    ['draft', 'extend_deadline'],
    ['draft', 'ask'],
    ['closed', 'ask'],
    ['awarded', 'cancel'],
    ['completed', 'cancel'],
    ['cancelled', 'publish'],
    ['cancelled', 'cancel'],
    ['published', 'award'],
  ] as [ChallengeStatus, ChallengeAction][])('refuses %s --%s--> with a 409 naming the state', (from, action) => {
    try {
      nextStatus(from, action);
      throw new Error('expected a conflict');
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ kind: 'conflict', code: 'challenges.wrong_state', details: { status: from, action } });
    }
  });

  it('says who may act: only the system closes; only teams ask; the owning agency does the rest', () => {
    expect(() => assertAction('owning_agency', 'published', 'close')).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    expect(() => assertAction('system', 'published', 'publish')).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    expect(() => assertAction('owning_agency', 'published', 'ask')).toThrow(expect.objectContaining({ kind: 'forbidden' }));
    expect(assertAction('team', 'published', 'ask')).toBe('published');
    expect(assertAction('system', 'published', 'close')).toBe('closed');
    expect(assertAction('owning_agency', 'draft', 'publish')).toBe('published');
  });

  it('matches the stated transition table exactly', () => {
    for (const status of CHALLENGE_STATUSES) expect(successors(status).sort()).toEqual([...ALLOWED[status]].sort());
  });

  it('has completed and cancelled as its only terminal states', () => {
    const terminal = CHALLENGE_STATUSES.filter((s) => successors(s).length === 0);
    expect(terminal.sort()).toEqual([...TERMINAL_STATUSES].sort());
  });

  describe('properties', () => {
    const action = fc.constantFrom(...CHALLENGE_ACTIONS);

    it('random sequences of actions only ever follow the table, and terminal states stay terminal', () => {
      fc.assert(
        fc.property(fc.array(action, { maxLength: 60 }), (actions) => {
          let status: ChallengeStatus = 'draft';
          for (const a of actions) {
            const before: ChallengeStatus = status;
            let after: ChallengeStatus = before;
            try {
              after = nextStatus(before, a);
            } catch (err) {
              expect(err).toMatchObject({ kind: 'conflict' });
              expect(canApply(before, a)).toBe(false);
            }
            expect(CHALLENGE_STATUSES).toContain(after);
            expect(after === before || ALLOWED[before].includes(after)).toBe(true);
            if (isTerminal(before)) expect(after).toBe(before);
            status = after;
          }
        }),
        { numRuns: 2000 },
      );
    });

    it('never goes back to draft once published, and never leaves a terminal state', () => {
      fc.assert(
        fc.property(fc.constantFrom(...CHALLENGE_STATUSES), action, (status, a) => {
          if (!canApply(status, a)) return;
          const to = nextStatus(status, a);
          if (status !== 'draft') expect(to).not.toBe('draft');
          if (isTerminal(status)) throw new Error(`terminal ${status} accepted ${a}`);
          expect(TRANSITIONS[a].from).toContain(status);
        }),
      );
    });
  });
});
