import fc from 'fast-check';
import { Role } from '@app/common/auth';
import { LedgerReader, isSealedAction, ledgerReaderOf, mayReadEntry } from './ledger-access';

const challenge = '6f1d8f5e-3c1b-4d2a-9e7f-0a1b2c3d4e5f';
const readers: LedgerReader[] = ['auditor', 'agency', 'public'];
const entryArb = fc.record({
  public: fc.boolean(),
  action: fc.oneof(fc.constantFrom('bid.submitted', 'bid.withdrawn', 'review.reviewers_assigned', 'user.created'), fc.string()),
  challengeId: fc.constantFrom(challenge, null),
});
const factsArb = fc.option(fc.record({ unsealed: fc.boolean(), owned: fc.boolean() }), { nil: null });

describe('ledger access', () => {
  it('maps roles to readers, failing closed', () => {
    expect(ledgerReaderOf({ role: Role.Auditor })).toBe('auditor');
    expect(ledgerReaderOf({ role: Role.Agency })).toBe('agency');
    for (const role of [Role.Admin, Role.Team, Role.Reviewer, Role.ProgramManager])
      expect(ledgerReaderOf({ role })).toBe('public');
    expect(ledgerReaderOf(undefined)).toBe('public');
  });

  it('shows every public entry to every reader', () => {
    fc.assert(
      fc.property(fc.constantFrom(...readers), entryArb, factsArb, (reader, entry, facts) =>
        mayReadEntry(reader, { ...entry, public: true }, facts),
      ),
    );
  });

  it('never shows a sealed, non-public entry before the deadline — auditors included', () => {
    fc.assert(
      fc.property(fc.constantFrom(...readers), fc.boolean(), (reader, owned) => {
        const entry = { public: false, action: 'bid.submitted', challengeId: challenge };
        return !mayReadEntry(reader, entry, { unsealed: false, owned });
      }),
    );
  });

  it('shows auditors every entry once unsealed, and unsealed-kind entries at any time', () => {
    fc.assert(fc.property(entryArb, (entry) => mayReadEntry('auditor', entry, { unsealed: true, owned: false })));
    expect(mayReadEntry('auditor', { public: false, action: 'user.created', challengeId: null }, null)).toBe(true);
    expect(mayReadEntry('auditor', { public: false, action: 'review.criteria_set', challengeId: challenge }, null)).toBe(true);
  });

  it('shows an agency non-public entries only of its own challenges after the deadline', () => {
    fc.assert(
      fc.property(entryArb, factsArb, (entry, facts) => {
        const seen = mayReadEntry('agency', { ...entry, public: false }, facts);
        return seen === (entry.challengeId !== null && facts !== null && facts.unsealed && facts.owned);
      }),
    );
  });

  it('shows the public nothing that is not public', () => {
    fc.assert(fc.property(entryArb, factsArb, (entry, facts) => !mayReadEntry('public', { ...entry, public: false }, facts)));
  });

  it('seals bid actions only', () => {
    expect(isSealedAction('bid.submitted')).toBe(true);
    expect(isSealedAction('bids.opening')).toBe(false);
    expect(isSealedAction('review.panel_closed')).toBe(false);
  });
});
