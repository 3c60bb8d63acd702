import fc from 'fast-check';
import { preferredLanguage } from './language';

describe('preferredLanguage', () => {
  it.each([
    [undefined, 'zh'],
    ['', 'zh'],
    ['*', 'zh'],
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['fr-FR,fr;q=0.9,en;q=0.5', 'en'],
    ['zh;q=0.5,en;q=0.5', 'zh'],
    ['en;q=0', 'zh'],
    ['en;q=abc', 'zh'],
    [['de', 'en;q=0.3'], 'en'],
  ])('%j → %s', (header, expected) => {
    expect(preferredLanguage(header as string | string[] | undefined)).toBe(expected);
  });

  it('answers zh or en for any header at all', () => {
    fc.assert(fc.property(fc.string(), (header) => expect(['zh', 'en']).toContain(preferredLanguage(header))));
  });
});
