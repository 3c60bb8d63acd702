import fc from 'fast-check';
import {
  CONSENT_MISSING,
  CONSENT_STATES,
  ConsentState,
  answerChanges,
  answerRefusal,
  consortiumConsent,
  openingVerdict,
  planConsents,
} from './consortium-consent-rules';

const org = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f');
const state = fc.constantFrom<ConsentState>(...CONSENT_STATES);
const share = fc.integer({ min: 1, max: 99 });
const stored = fc.uniqueArray(fc.record({ organizationId: org, sharePercent: share, state }), {
  selector: (c) => c.organizationId,
});
const members = fc.uniqueArray(fc.record({ organizationId: org, sharePercent: share }), { selector: (m) => m.organizationId });

describe('planConsents', () => {
  it('asks, keeps or removes each organisation exactly once', () => {
    fc.assert(
      fc.property(stored, members, (before, after) => {
        const plan = planConsents(before, after);
        const asked = plan.ask.map((m) => m.organizationId);
        expect([...asked, ...plan.keep].sort()).toEqual(after.map((m) => m.organizationId).sort());
        const named = new Set(after.map((m) => m.organizationId));
        expect(plan.remove.sort()).toEqual(
          before
            .filter((c) => !named.has(c.organizationId))
            .map((c) => c.organizationId)
            .sort(),
        );
      }),
    );
  });

  it('keeps an answer only for unchanged terms that were not declined; asks with the new terms', () => {
    fc.assert(
      fc.property(stored, members, (before, after) => {
        const plan = planConsents(before, after);
        for (const id of plan.keep) {
          const old = before.find((c) => c.organizationId === id);
          const now = after.find((m) => m.organizationId === id);
          expect(old && now && old.sharePercent === now.sharePercent && old.state !== 'declined').toBe(true);
        }
        for (const m of plan.ask) expect(after).toContainEqual(m);
      }),
    );
  });

  it('the same version again changes nothing for members who did not decline', () => {
    fc.assert(
      fc.property(stored, (before) => {
        const plan = planConsents(before, before);
        expect(plan.remove).toEqual([]);
        expect(plan.ask.map((m) => m.organizationId)).toEqual(
          before.filter((c) => c.state === 'declined').map((c) => c.organizationId),
        );
      }),
    );
  });

  it('a changed share asks again even after an acceptance', () => {
    const plan = planConsents(
      [{ organizationId: 'a', sharePercent: 30, state: 'accepted' }],
      [{ organizationId: 'a', sharePercent: 40 }],
    );
    expect(plan).toEqual({ ask: [{ organizationId: 'a', sharePercent: 40 }], keep: [], remove: [] });
  });
});

describe('the consortium at the deadline', () => {
  const consents = fc.array(fc.record({ organizationId: org, state }));

  it('a bid is opened exactly when every member accepted; the missing ones are named', () => {
    fc.assert(
      fc.property(consents, (cs) => {
        const verdict = openingVerdict(cs);
        const allAccepted = cs.every((c) => c.state === 'accepted');
        expect(verdict.open).toBe(allAccepted);
        if (!verdict.open) {
          expect(verdict.reason).toBe(CONSENT_MISSING);
          expect(verdict.missingOrganizationIds).toEqual(cs.filter((c) => c.state !== 'accepted').map((c) => c.organizationId));
        }
      }),
    );
  });

  it('the one-word state agrees with the verdict, and a decline outranks a pending answer', () => {
    fc.assert(
      fc.property(consents, (cs) => {
        const word = consortiumConsent(cs.map((c) => c.state));
        expect(word === 'complete').toBe(openingVerdict(cs).open);
        expect(word === 'declined').toBe(cs.some((c) => c.state === 'declined'));
      }),
    );
  });
});

describe('answering', () => {
  it('is refused after the deadline, and on a bid no longer submitted', () => {
    fc.assert(
      fc.property(
        fc.boolean(),
        fc.constantFrom('submitted', 'withdrawn', 'shortlisted', 'awarded', 'rejected'),
        (open, status) => {
          const refusal = answerRefusal({ challengeOpen: open, bidStatus: status });
          if (!open) expect(refusal).toBe('bids.consent_closed');
          else expect(refusal).toBe(status === 'submitted' ? undefined : 'bids.consent_bid_not_submitted');
        },
      ),
    );
  });

  it('an answer equal to the current state is no decision', () => {
    fc.assert(
      fc.property(state, fc.constantFrom<'accepted' | 'declined'>('accepted', 'declined'), (current, answer) => {
        expect(answerChanges(current, answer)).toBe(current !== answer);
      }),
    );
  });
});
