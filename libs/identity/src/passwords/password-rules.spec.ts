import fc from 'fast-check';
import {
  PASSWORD_REASONS,
  StrengthEstimate,
  containsPersonal,
  mostlyWhitespace,
  passwordReasons,
  personalInputsOf,
  reasonOfEstimate,
} from './password-rules';

const strong = (): StrengthEstimate => ({ score: 4, sequence: [{ pattern: 'bruteforce', token: 'x' }] });
const weak = (...sequence: StrengthEstimate['sequence']): StrengthEstimate => ({ score: 1, sequence });
const person = { email: 'Li.Wei@Example.cn', displayName: '李伟', organizationName: '深圳量子科技有限公司' };

describe('password rules', () => {
  it('gives zxcvbn the email, its local part and both names as known words', () => {
    expect(personalInputsOf(person)).toEqual(['li.wei@example.cn', 'li.wei', '李伟', '深圳量子科技有限公司']);
    expect(personalInputsOf({ email: 'a@b.cn', displayName: '  ' })).toEqual(['a@b.cn', 'a']);
  });

  it('finds the email, or its local part, in the password', () => {
    expect(containsPersonal('li.wei@example.cn', person)).toBe(true);
    expect(containsPersonal('My-LI.WEI-secret-2024', person)).toBe(true);
    expect(containsPersonal('liwei-secret-2024', person)).toBe(false);
    // A two-letter local part is too common a pair of letters to forbid.
    expect(containsPersonal('a-lively-horse-battery', { email: 'li@example.cn' })).toBe(false);
    expect(containsPersonal('li@example.cn', { email: 'li@example.cn' })).toBe(true);
  });

  it('knows a password made mostly of blanks', () => {
    expect(mostlyWhitespace(' '.repeat(12))).toBe(true);
    expect(mostlyWhitespace(`\t\u3000 ab  \n  c   `)).toBe(true);
    expect(mostlyWhitespace('correct horse battery staple')).toBe(false);
  });

  it('names the pattern that covers most of a weak password', () => {
    expect(reasonOfEstimate(weak({ pattern: 'repeat', token: 'aaaaaaaaaaaa' }))).toBe('repeated');
    expect(reasonOfEstimate(weak({ pattern: 'sequence', token: 'abcdefghijkl' }))).toBe('sequence');
    expect(reasonOfEstimate(weak({ pattern: 'spatial', token: 'qwertyuiop' }))).toBe('sequence');
    expect(
      reasonOfEstimate(
        weak({ pattern: 'dictionary', token: 'password', dictionaryName: 'passwords' }, { pattern: 'dictionary', token: '1234' }),
      ),
    ).toBe('common');
    expect(reasonOfEstimate(weak({ pattern: 'dictionary', token: 'li.wei', dictionaryName: 'userInputs' }))).toBe(
      'contains_personal',
    );
    expect(reasonOfEstimate(weak({ pattern: 'date', token: '19870412' }, { pattern: 'bruteforce', token: 'x' }))).toBe(
      'too_guessable',
    );
    expect(reasonOfEstimate(weak())).toBe('too_guessable');
  });

  it('lists every reason, the basic ones first, and none for a good password', () => {
    expect(passwordReasons('correct horse battery', person, strong)).toEqual([]);
    expect(
      passwordReasons('li.wei', person, () => weak({ pattern: 'dictionary', token: 'li.wei', dictionaryName: 'userInputs' })),
    ).toEqual(['too_short', 'contains_personal']);
    expect(passwordReasons('  x     y     z  ', person, strong)).toEqual(['too_guessable']);
  });

  it('passes the personal words to the estimator', () => {
    const seen: string[][] = [];
    passwordReasons('correct horse battery', person, (_pw, inputs) => {
      seen.push(inputs);
      return strong();
    });
    expect(seen).toEqual([personalInputsOf(person)]);
  });

  it('refuses whatever scores below 3, and only gives reasons the web app knows', () => {
    const match = fc.record({
      pattern: fc.constantFrom('dictionary', 'repeat', 'sequence', 'spatial', 'regex', 'date', 'bruteforce', 'separator'),
      token: fc.string({ minLength: 1, maxLength: 20 }),
      dictionaryName: fc.option(fc.constantFrom('userInputs', 'passwords', 'commonWords-en'), { nil: undefined }),
    });
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(match, { maxLength: 5 }),
        (password, score, sequence) => {
          const reasons = passwordReasons(password, person, () => ({ score, sequence }));
          for (const reason of reasons) expect(PASSWORD_REASONS).toContain(reason);
          expect(new Set(reasons).size).toBe(reasons.length);
          if (score < 3 || [...password].length < 12) expect(reasons.length).toBeGreaterThan(0);
        },
      ),
    );
  });
});
