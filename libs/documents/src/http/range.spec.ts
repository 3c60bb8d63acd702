import { DocumentHttpError } from './document-errors';
import { chooseRange, contentDisposition } from './range';

const ETAG = '"sha256-abc"';

describe('chooseRange', () => {
  it.each([
    [undefined, null],
    ['bytes=0-9', { start: 0, end: 9 }],
    ['bytes=10-', { start: 10, end: 99 }],
    ['bytes=-10', { start: 90, end: 99 }],
    ['bytes=-1000', { start: 0, end: 99 }],
    ['bytes=50-5000', { start: 50, end: 99 }],
    ['bytes=0-1,5-9', null],
    ['items=0-9', null],
    ['bytes=9-3', null],
  ])('%s', (range, expected) => {
    expect(chooseRange({ range }, 100, ETAG)).toEqual(expected);
  });

  it('416 for a range outside the file', () => {
    for (const range of ['bytes=100-', 'bytes=-0', 'bytes=200-300'])
      expect(() => chooseRange({ range }, 100, ETAG)).toThrow(DocumentHttpError);
    expect(() => chooseRange({ range: 'bytes=0-0' }, 0, ETAG)).toThrow(DocumentHttpError);
  });

  it('serves the whole file when If-Range names another version', () => {
    expect(chooseRange({ range: 'bytes=0-9', ifRange: '"other"' }, 100, ETAG)).toBeNull();
    expect(chooseRange({ range: 'bytes=0-9', ifRange: ETAG }, 100, ETAG)).toEqual({ start: 0, end: 9 });
  });
});

describe('contentDisposition', () => {
  it('carries the exact name as RFC 5987 filename* and an ASCII fallback', () => {
    expect(contentDisposition('申报书 (终稿).pdf')).toBe(
      `attachment; filename="___ (__).pdf"; filename*=UTF-8''%E7%94%B3%E6%8A%A5%E4%B9%A6%20%28%E7%BB%88%E7%A8%BF%29.pdf`,
    );
    expect(contentDisposition('a"b\\c.pdf')).toBe(`attachment; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
  });
});
