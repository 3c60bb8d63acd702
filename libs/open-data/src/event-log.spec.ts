import { DomainError } from '@app/common/domain-error';
import { encodeCursor } from '@app/common/http';
import { decodePosition, encodePosition } from './event-log';

describe('event-log cursor', () => {
  it('round-trips a position, full 64-bit xids included', () => {
    const p = { xid: '18446744073709551615', seq: '9007199254740993' };
    expect(decodePosition(encodePosition(p))).toEqual(p);
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['another list’s cursor', encodeCursor(['g', '2025-01-01T00:00:00Z', 'x'])],
    ['a non-decimal xid', encodeCursor(['e', '1; DROP TABLE x', '1'])],
    ['numbers instead of text', encodeCursor(['e', 1, 2])],
  ])('refuses %s with a 400 naming since', (_label, cursor) => {
    try {
      decodePosition(cursor);
      throw new Error('expected an error');
    } catch (err) {
      expect(err).toBeInstanceOf(DomainError);
      expect(err).toMatchObject({ kind: 'invalid', fieldErrors: [{ field: 'since' }] });
    }
  });
});
