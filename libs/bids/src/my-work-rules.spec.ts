import { DomainError } from '@app/common/domain-error';
import { encodeCursor } from '@app/common/http';
import { decodeBidKey, encodeBidKey, pageOf, participationRole } from './my-work-rules';

const ID = '0b4e7c1e-2f7a-4c55-9a8e-3f1d2c3b4a59';

describe('my bids cursor', () => {
  it('round-trips a key', () => {
    const key = { at: '2026-11-25T15:04:55.123456Z', id: ID };
    expect(decodeBidKey(encodeBidKey(key))).toEqual(key);
  });

  it.each([
    ['not base64 json', 'nope'],
    ['wrong arity', encodeCursor(['2026-11-25T15:04:55.123456Z'])],
    ['millisecond time', encodeCursor(['2026-11-25T15:04:55.123Z', ID])],
    ['not a time', encodeCursor(['yesterday', ID])],
    ['not a uuid', encodeCursor(['2026-11-25T15:04:55.123456Z', "x' OR 1=1"])],
    ['numbers', encodeCursor([1, 2])],
  ])('refuses %s with a 400 naming cursor', (_label, cursor) => {
    try {
      decodeBidKey(cursor);
      throw new Error('expected a DomainError');
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ code: 'invalid_cursor' });
    }
  });
});

describe('participationRole', () => {
  it('lead when the bid is the organisation’s own, member otherwise', () => {
    expect(participationRole('a', 'a')).toBe('lead');
    expect(participationRole('a', 'b')).toBe('member');
  });
});

describe('pageOf', () => {
  const key = (n: number) => ({ at: `2026-11-25T15:04:55.00000${n}Z`, id: ID });
  it('no next cursor when the rows fit', () => {
    expect(pageOf([1, 2], 2, key)).toEqual({ items: [1, 2], nextCursor: null });
    expect(pageOf([], 2, key)).toEqual({ items: [], nextCursor: null });
  });
  it('the next cursor is the key of the last row shown', () => {
    const page = pageOf([1, 2, 3], 2, key);
    expect(page.items).toEqual([1, 2]);
    expect(decodeBidKey(page.nextCursor as string)).toEqual(key(2));
  });
});
