import fc from 'fast-check';
import { joinSql, rawSql, sql } from './sql-fragment';

describe('sql fragments', () => {
  it('numbers parameters in order, through nesting and joins', () => {
    const cte = sql`c AS (UPDATE challenges SET awarded_fen = awarded_fen + ${500} WHERE id = ${'c1'} RETURNING id)`;
    const bid = sql`b AS (UPDATE bids SET status = ${'awarded'} WHERE id = ${'b1'} RETURNING id)`;
    const statement = sql`WITH ${joinSql([cte, bid])} SELECT ${rawSql('1')} FROM c, b WHERE ${'x'} = ${'x'}`;
    expect(statement.text).toBe(
      'WITH c AS (UPDATE challenges SET awarded_fen = awarded_fen + $1 WHERE id = $2 RETURNING id), ' +
        'b AS (UPDATE bids SET status = $3 WHERE id = $4 RETURNING id) SELECT 1 FROM c, b WHERE $5 = $6',
    );
    expect(statement.values).toEqual([500, 'c1', 'awarded', 'b1', 'x', 'x']);
  });

  it('an empty join is empty text', () => {
    expect(sql`SELECT 1${joinSql([])}`.text).toBe('SELECT 1');
  });

  it('every value gets exactly one placeholder, numbered 1…n in order, however deep it sits', () => {
    const tree: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.array(tie('node'), { maxLength: 3 })),
    })).node;
    fc.assert(
      fc.property(tree, (t) => {
        const build = (n: unknown): ReturnType<typeof sql> => (Array.isArray(n) ? sql`(${joinSql(n.map(build))})` : sql`v=${n}`);
        const s = build(t);
        const placeholders = [...s.text.matchAll(/\$(\d+)/g)].map((m) => Number(m[1]));
        expect(placeholders).toEqual(s.values.map((_, i) => i + 1));
      }),
    );
  });
});
