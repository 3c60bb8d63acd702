import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PROBLEM_CODES, PROBLEM_WORDING, wordFieldError, wordProblem } from './problem-wording';
import { hasChineseFor } from './field-wording';

const ROOT = join(__dirname, '../../../../..');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'generated', 'web', 'dist'].includes(entry.name)) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) sourceFiles(path, out);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts')) out.push(path);
  }
  return out;
}

const SOURCES = [...sourceFiles(join(ROOT, 'libs')), ...sourceFiles(join(ROOT, 'apps'))].map((path) => ({
  path,
  text: readFileSync(path, 'utf8'),
}));

/** Every code thrown in libs/ and apps/: the helpers' first argument, `new DomainError(kind, 'code'`. */
const HELPER = /\b(?:invalid|forbidden|notFound|conflict|ruleViolation|tooManyRequests|unavailable)\(\s*'([a-z0-9_.]+)'/g;
const CONSTRUCTOR = /new (?:DomainError|DocumentHttpError)\(\s*'?[a-z_0-9]+'?\s*,\s*'([a-z0-9_.]+)'/g;
/** A refusal a pure rule returns for its service to throw (`{ status, code: 'awards.x', message }`). */
const RETURNED = /\bcode: '([a-z_]+\.[a-z0-9_.]+)'/g;
/** Codes the filter and the HTTP layer answer with by name (`code: 'x'`, `? 'x' :`). */
const FILTER_CODES = /\bproblemType\('([a-z0-9_.]+)'\)|CODE_OF_STATUS[^}]*/g;

function thrownCodes(): Map<string, string> {
  const codes = new Map<string, string>();
  for (const { path, text } of SOURCES) {
    for (const m of [...text.matchAll(HELPER), ...text.matchAll(CONSTRUCTOR), ...text.matchAll(RETURNED)]) codes.set(m[1], path);
    for (const m of text.matchAll(FILTER_CODES)) {
      if (m[1]) codes.set(m[1], path);
      else for (const c of m[0].matchAll(/: '([a-z_]+)'/g)) codes.set(c[1], path);
    }
  }
  // The policy engine names its violations `policy.<ViolationCode>`.
  const check = SOURCES.find((s) => s.path.endsWith('libs/policy/src/check.ts'))?.text ?? '';
  const union = /export type ViolationCode =([^;]+);/.exec(check)?.[1] ?? '';
  for (const c of union.matchAll(/'([a-z_]+)'/g)) codes.set(`policy.${c[1]}`, 'libs/policy/src/check.ts');
  return codes;
}

describe('the problem wording catalog', () => {
  it('words every code thrown anywhere in libs/ and apps/', () => {
    const thrown = thrownCodes();
    expect(thrown.size).toBeGreaterThan(140); // the scan finds the throw sites at all
    const missing = [...thrown].filter(([code]) => !PROBLEM_CODES.includes(code)).map(([code, path]) => `${code}  (${path})`);
    if (missing.length) throw new Error(`Codes thrown but missing from the problem wording catalog:\n  ${missing.join('\n  ')}`);
  });

  it('has a Chinese and an English wording for every code, each non-empty, Chinese without English words', () => {
    const bad: string[] = [];
    for (const code of PROBLEM_CODES) {
      const w = PROBLEM_WORDING[code];
      if (typeof w?.zh !== 'function' || typeof w?.en !== 'function') {
        bad.push(`${code}: no ${typeof w?.zh !== 'function' ? 'zh' : 'en'} wording`);
        continue;
      }
      const zh = wordProblem(code, {}, 'zh') ?? '';
      const en = wordProblem(code, {}, 'en') ?? '';
      if (!/[\u4e00-\u9fff]/.test(zh)) bad.push(`${code}: zh "${zh}" has no Chinese`);
      if (!/[A-Za-z]{3}/.test(en) || /[\u4e00-\u9fff]/.test(en)) bad.push(`${code}: en "${en}" is not English`);
    }
    expect(bad).toEqual([]);
  });

  it('says money from fen, instants in Beijing time and durations in the reader’s language', () => {
    const cap = { requestedFen: 3_000_000_001, capFen: 3_000_000_000 };
    expect(wordProblem('policy.cap_exceeded', cap, 'zh')).toBe('申请金额 ¥30,000,000.01 超出资助上限 ¥3,000万。');
    expect(wordProblem('policy.cap_exceeded', cap, 'en')).toContain('¥30,000,000.01');
    const deadline = { bidDeadline: '2026-12-11T14:49:53.671Z' };
    expect(wordProblem('bids.deadline_passed', deadline, 'zh')).toContain('2026年12月11日 22:49（北京时间）');
    expect(wordProblem('bids.deadline_passed', deadline, 'en')).toContain('11 Dec 2026, 22:49 (Beijing time)');
    expect(wordProblem('identity.login_locked', { retryAfter: 900 }, 'zh')).toContain('15 分钟');
    expect(wordProblem('identity.login_locked', { retryAfter: 900 }, 'en')).toContain('15 minutes');
  });

  it('prefers the policy engine’s own two-language explanation of a violation', () => {
    const violations = [{ code: 'cap_exceeded', message: { zh: '超出上限', en: 'over the cap' } }];
    expect(wordProblem('policy.cap_exceeded', { violations }, 'zh')).toBe('超出上限');
    expect(wordProblem('policy.cap_exceeded', { violations }, 'en')).toBe('over the cap');
  });

  it('is undefined for a code it lacks (the thrower’s English is kept)', () => {
    expect(wordProblem('nobody.knows', {}, 'zh')).toBeUndefined();
  });

  it('never throws on parameters of any shape', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PROBLEM_CODES),
        fc.dictionary(fc.string(), fc.anything()),
        fc.constantFrom('zh', 'en'),
        (code, params, lang) => {
          expect(typeof wordProblem(code, params, lang as 'zh' | 'en')).toBe('string');
        },
      ),
    );
  });
});

describe('field error wording', () => {
  it('words class-validator constraints from their arguments', () => {
    const error = {
      field: 'title',
      message: 'must be shorter than or equal to 200 characters',
      constraint: { name: 'maxLength', args: [200] },
    };
    expect(wordFieldError(error, 'zh')).toBe('不能超过 200 个字符');
    expect(wordFieldError(error, 'en')).toBe('must be shorter than or equal to 200 characters');
    expect(
      wordFieldError(
        { field: 'x', message: 'is not an allowed field', constraint: { name: 'whitelistValidation', args: [] } },
        'zh',
      ),
    ).toBe('不是允许的字段');
  });

  it('says the bid window in words and Beijing time', () => {
    const error = {
      field: 'bidDeadline',
      message: '…',
      constraint: { name: 'bidWindow', args: [7 * 86_400_000, '2026-12-11T14:49:53.671Z'] },
    };
    expect(wordFieldError(error, 'zh')).toBe('须在发布后至少 7 天（不早于 2026年12月11日 22:49（北京时间））');
    expect(wordFieldError(error, 'en')).toBe(
      'must be at least 7 days after publishing (not before 11 Dec 2026, 22:49 (Beijing time))',
    );
  });

  it('uses a thrower’s own two-language wording, and keeps an unknown message as it is', () => {
    expect(wordFieldError({ field: 'c', message: 'x', wording: { zh: '甲', en: 'a' } }, 'zh')).toBe('甲');
    expect(wordFieldError({ field: 'c', message: '密码太短' }, 'zh')).toBe('密码太短');
  });

  it('has Chinese for every message written out in a DTO or a rule', () => {
    const written = new Set<string>();
    for (const { text } of SOURCES) for (const m of text.matchAll(/message: '([^'\\]+)'/g)) written.add(m[1]);
    for (const { text } of SOURCES) for (const m of text.matchAll(/\berr\([^,]+, '([^'\\]+)'\)/g)) written.add(m[1]);
    expect(written.size).toBeGreaterThan(40);
    // Problem details written with `message:` are not field messages: they start with a capital.
    const missing = [...written].filter((m) => /^[a-z]/.test(m) && !hasChineseFor(m));
    expect(missing).toEqual([]);
  });
});
