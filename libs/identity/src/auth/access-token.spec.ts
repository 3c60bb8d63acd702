import { claimsOf } from './access-token';

const good = { sub: '3f2b8c1e-6a0d-4c7e-9b1a-2d5e8f4a7c90', role: 'team', org: null, iat: 1_700_000_000, exp: 1_700_003_600 };

describe('claimsOf', () => {
  it('takes the claims of a token we issue', () => {
    expect(claimsOf(good)).toEqual(good);
  });

  it.each([
    ['no exp', { ...good, exp: undefined }],
    ['no iat', { ...good, iat: undefined }],
    ['a string exp', { ...good, exp: '1700003600' }],
    ['a non-UUID sub', { ...good, sub: 'admin' }],
    ['no sub', { ...good, sub: undefined }],
    ['a number', 42],
    ['null', null],
  ])('refuses %s', (_what, payload) => {
    expect(claimsOf(payload)).toBeNull();
  });
});
