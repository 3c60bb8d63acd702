import fc from 'fast-check';
import { findUnsafeValue, jsonNestingExceeds, unsafeTextReason } from './safe-text';

describe('unsafeTextReason', () => {
  it('finds a NUL and lone surrogates, and passes real text (CJK, emoji)', () => {
    expect(unsafeTextReason('a\u0000b')).toBe('nul_character');
    expect(unsafeTextReason('x\ud800')).toBe('lone_surrogate');
    expect(unsafeTextReason('\udfffx')).toBe('lone_surrogate');
    expect(unsafeTextReason('深圳 量子 🚀 naïve')).toBeNull();
  });
});

describe('findUnsafeValue', () => {
  it('names the field by the path validation errors use', () => {
    expect(findUnsafeValue({ admin: { email: 'a\ud800@x.cn' } })).toEqual({ field: 'admin.email', reason: 'lone_surrogate' });
    expect(findUnsafeValue({ milestones: [{ title: 'ok' }, { title: 'a\u0000' }] })).toEqual({
      field: 'milestones[1].title',
      reason: 'nul_character',
    });
    expect(findUnsafeValue('\u0000', 'id')).toEqual({ field: 'id', reason: 'nul_character' });
    expect(findUnsafeValue({ amountFen: JSON.parse('1e999') })).toEqual({ field: 'amountFen', reason: 'not_finite' });
    expect(findUnsafeValue({ amountFen: 2 ** 63 })).toBeNull(); // finite: the validators judge its range
  });

  it('checks keys too (an unknown key is reported at its parent)', () => {
    expect(findUnsafeValue({ eligibility: { ['k\u0000']: 1 } })).toEqual({ field: 'eligibility', reason: 'nul_character' });
  });

  it('property: any well-formed text without NUL passes; adding a NUL anywhere is found at that field', () => {
    const clean = fc.string({ unit: 'grapheme' }).filter((s) => !s.includes('\u0000'));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'c'), clean, { minKeys: 1 }), fc.nat(), (record, at) => {
        expect(findUnsafeValue(record)).toBeNull();
        const keys = Object.keys(record);
        const key = keys[at % keys.length];
        const value = record[key];
        const poisoned = { ...record, [key]: value.slice(0, at % (value.length + 1)) + '\u0000' };
        expect(findUnsafeValue(poisoned)).toEqual({ field: key, reason: 'nul_character' });
      }),
    );
  });
});

describe('jsonNestingExceeds', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(jsonNestingExceeds('[[[1]]]', 3)).toBe(false);
    expect(jsonNestingExceeds('[[[[1]]]]', 3)).toBe(true);
    expect(jsonNestingExceeds('{"a":"[[[[[[[[[[","b":{"c":[]}}', 3)).toBe(false);
    expect(jsonNestingExceeds('{"a":"\\"[[[[[[[[","b":1}', 2)).toBe(false);
  });

  it('refuses 5,000 levels before anything recursive sees them', () => {
    expect(jsonNestingExceeds('{"a":'.repeat(5000) + '1' + '}'.repeat(5000))).toBe(true);
  });

  it('property: agrees with the depth of the parsed value', () => {
    const depthOf = (v: unknown): number =>
      v && typeof v === 'object' ? 1 + Math.max(0, ...Object.values(v as object).map(depthOf)) : 0;
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.integer({ min: 0, max: 10 }), (value, max) => {
        expect(jsonNestingExceeds(JSON.stringify(value), max)).toBe(depthOf(value) > max);
      }),
    );
  });
});
