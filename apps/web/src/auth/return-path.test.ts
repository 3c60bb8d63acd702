import { describe, expect, it } from 'vitest';
import { safeReturnPath, withReturnPath } from './return-path';

describe('the return path after signing in or registering', () => {
  it('follows a path of this site, with its query and hash', () => {
    expect(safeReturnPath('/challenges/abc/bid')).toBe('/challenges/abc/bid');
    expect(safeReturnPath('/projects?page=2#m1')).toBe('/projects?page=2#m1');
    expect(safeReturnPath('/')).toBe('/');
  });

  it.each([
    null,
    undefined,
    '',
    '//evil.example/x',
    '///evil.example',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example/',
    'HTTPS://evil.example/',
    'javascript:alert(1)',
    ' /x',
    '/\t/evil.example',
    '/\n/evil.example',
    '/x y',
    'challenges/abc',
    '?next=/x',
  ])('refuses %j (another site, a scheme, or not an absolute path)', (next) => {
    expect(safeReturnPath(next)).toBeNull();
  });

  it('links to sign-in or registration with the path encoded, or without one when it is unsafe', () => {
    expect(withReturnPath('/sign-in', '/challenges/abc/bid')).toBe('/sign-in?next=%2Fchallenges%2Fabc%2Fbid');
    expect(withReturnPath('/register', '/projects?page=2')).toBe('/register?next=%2Fprojects%3Fpage%3D2');
    expect(withReturnPath('/register', '//evil.example')).toBe('/register');
    expect(withReturnPath('/sign-in', null)).toBe('/sign-in');
  });
});
