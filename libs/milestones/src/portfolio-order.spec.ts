import fc from 'fast-check';
import { Orderable, PORTFOLIO_SORTS, compareKeys, isSortKey, pageOf, sortKey } from './portfolio-order';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const item = (n: number, over: Partial<Orderable> = {}): Orderable => ({
  id: id(n),
  title: `项目${n}`,
  health: 'on_track',
  grantedFen: 100,
  paidFen: 0,
  nextDueMs: null,
  ...over,
});

describe('portfolio order', () => {
  it('sorts by the next due date (none last), health first, money descending, title by collation; ties by id', () => {
    const a = item(1, { nextDueMs: 2000, health: 'late', paidFen: 5, title: '光子' });
    const b = item(2, { nextDueMs: 1000, health: 'at_risk', paidFen: 9, title: '类脑' });
    const c = item(3, { nextDueMs: null, health: 'late', paidFen: 5, title: '量子' });
    const ids = (sort: (typeof PORTFOLIO_SORTS)[number]) => pageOf([a, b, c], sort, 10).items.map((i) => i.id);
    expect(ids('next_due')).toEqual([b.id, a.id, c.id]);
    expect(ids('health')).toEqual([a.id, c.id, b.id]);
    expect(ids('paid')).toEqual([b.id, a.id, c.id]);
    expect(ids('title')).toEqual([...[a, b, c]].sort((x, y) => x.title.localeCompare(y.title, 'zh')).map((i) => i.id));
  });

  it('refuses a cursor of another sort or shape', () => {
    expect(isSortKey([1000, id(1)], 'next_due')).toBe(true);
    expect(isSortKey([1000, id(1)], 'health')).toBe(false);
    expect(isSortKey(['x', id(1)], 'paid')).toBe(false);
    expect(isSortKey([1.5, id(1)], 'paid')).toBe(false);
    expect(isSortKey([1000, 'not-an-id'], 'next_due')).toBe(false);
  });

  it('property: walking the pages gives every project once, in the order of one sorted list', () => {
    const arbItem = fc.record({
      n: fc.integer({ min: 0, max: 40 }),
      title: fc.constantFrom('甲', '乙', '丙', 'Alpha', 'beta'),
      health: fc.constantFrom('on_track', 'at_risk', 'late') as fc.Arbitrary<Orderable['health']>,
      grantedFen: fc.integer({ min: 0, max: 5 }),
      paidFen: fc.integer({ min: 0, max: 5 }),
      nextDueMs: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(arbItem, { selector: (i) => i.n, maxLength: 30 }),
        fc.constantFrom(...PORTFOLIO_SORTS),
        fc.integer({ min: 1, max: 7 }),
        (raw, sort, limit) => {
          const items = raw.map(({ n, ...rest }) => item(n, rest));
          const walked: string[] = [];
          let after: ReturnType<typeof pageOf>['nextKey'] = null;
          for (let guard = 0; guard < 100; guard++) {
            const page: ReturnType<typeof pageOf<Orderable>> = pageOf(items, sort, limit, after ?? undefined);
            walked.push(...page.items.map((i) => i.id));
            if (!page.nextKey) break;
            expect(page.items).toHaveLength(limit);
            after = page.nextKey;
          }
          const sorted = [...items].sort((x, y) => compareKeys(sortKey(x, sort), sortKey(y, sort))).map((i) => i.id);
          expect(walked).toEqual(sorted);
          expect(new Set(walked).size).toBe(items.length);
        },
      ),
    );
  });
});
