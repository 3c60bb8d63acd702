import fc from 'fast-check';
import { LedgerEntryForNotices, NoticeFacts, noticesForEntry } from './ledger-notice-rules';
import { KeyedNotice, noticeKey, planNoticeBatch } from './notice-batch';

const facts: NoticeFacts = {
  challenge: { id: 'c', title: 't', officerIds: ['o1', 'o2'] },
  bidOrganizationId: 'org-b',
  liveBidOrganizationIds: ['org-b', 'org-c'],
  asker: { userId: 'u', organizationId: null },
};
const ACTIONS = ['question.asked', 'question.answered', 'bid.submitted', 'review.scored', 'bid.withdrawn'];

const chain = fc.array(fc.constantFrom(...ACTIONS), { minLength: 0, maxLength: 30 }).map((actions) =>
  actions.map((action, i): LedgerEntryForNotices => ({
    id: `e${i + 1}`,
    chain: 'c',
    seq: i + 1,
    challengeId: 'c',
    action,
    subjectId: `s${i + 1}`,
    after: { receiptHash: 'h' },
  })),
);

/** A worker's step: read `size` entries after the cursor it saw (maybe stale), and commit or crash. */
const steps = fc.array(fc.record({ size: fc.integer({ min: 1, max: 8 }), stale: fc.nat(3), crash: fc.boolean() }), {
  maxLength: 60,
});

describe('a chain caught up in batches, with stale reads, crashes and repeats', () => {
  it('writes each (entry, kind, recipient) exactly once, and the cursor ends at the last entry', () => {
    fc.assert(
      fc.property(chain, steps, (entries, plan) => {
        const store = new Map<string, KeyedNotice>(); // the table, its unique key
        let cursor = 0; // the committed cursor
        const history = [0];
        const run = (size: number, seenCursor: number, crash: boolean) => {
          const read = entries.filter((e) => e.seq > seenCursor).slice(0, size);
          const batch = planNoticeBatch(
            seenCursor,
            read.map((entry) => ({ entry, facts })),
          );
          if (crash) return; // the transaction rolls back: nothing of it stays
          for (const n of batch.notices) if (!store.has(noticeKey(n))) store.set(noticeKey(n), n); // ON CONFLICT DO NOTHING
          cursor = Math.max(cursor, batch.cursor); // UPDATE … WHERE seq < new seq
          history.push(cursor);
        };
        for (const s of plan) run(s.size, history[Math.max(0, history.length - 1 - s.stale)], s.crash);
        while (cursor < entries.length) run(8, cursor, false); // the repeats go on until caught up
        const expected = entries.flatMap((e) => noticesForEntry(e, facts).map((n) => noticeKey({ ...n, entryId: e.id })));
        expect(new Set(expected).size).toBe(expected.length);
        expect([...store.keys()].sort()).toEqual([...expected].sort());
        expect(cursor).toBe(entries.length);
        for (let i = 1; i < history.length; i++) expect(history[i]).toBeGreaterThanOrEqual(history[i - 1]);
      }),
    );
  });

  it('a read wholly behind the cursor plans nothing and leaves the cursor', () => {
    fc.assert(
      fc.property(chain, fc.nat(40), (entries, cursor) => {
        const behind = entries.filter((e) => e.seq <= cursor).map((entry) => ({ entry, facts }));
        expect(planNoticeBatch(cursor, behind)).toEqual({ notices: [], cursor });
      }),
    );
  });
});
