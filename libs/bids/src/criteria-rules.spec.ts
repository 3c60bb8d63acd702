import fc from 'fast-check';
import {
  BUILT_IN_CRITERION_NAMES,
  CRITERION_KEY,
  CriterionInput,
  criteriaNameProblems,
  criterionLabel,
  withKeys,
} from './criteria-rules';
import { DEFAULT_CRITERIA } from './ranking';

const keyArb = fc.constantFrom('technical', 'team', 'plan', 'c1', 'c2', 'c3', 'c5', 'impact', 'cost_x');
const inputArb: fc.Arbitrary<CriterionInput> = fc.record(
  {
    key: keyArb,
    name: fc.string({ maxLength: 8 }),
    description: fc.string({ maxLength: 8 }),
    weight: fc.integer({ min: 1, max: 100 }),
    minScore: fc.integer({ min: 0, max: 100 }),
  },
  { requiredKeys: ['weight', 'minScore'] },
);
/** Criteria as an agency may send them: the keys it gives are unique (the DTO and criteriaProblems see to that). */
const inputsArb = fc
  .array(inputArb, { minLength: 1, maxLength: 10 })
  .filter((cs) => new Set(cs.flatMap((c) => (c.key === undefined ? [] : [c.key]))).size === cs.filter((c) => c.key).length);

describe('withKeys', () => {
  it('keeps every key given, and gives the others unique, well-formed keys', () => {
    fc.assert(
      fc.property(inputsArb, (inputs) => {
        const out = withKeys(inputs);
        expect(out).toHaveLength(inputs.length);
        inputs.forEach((c, i) => {
          if (c.key !== undefined) expect(out[i].key).toBe(c.key);
          expect(out[i].key).toMatch(CRITERION_KEY);
          expect(out[i].weight).toBe(c.weight);
          expect(out[i].minScore).toBe(c.minScore);
        });
        expect(new Set(out.map((c) => c.key)).size).toBe(out.length);
      }),
    );
  });

  it('numbers unkeyed criteria from their position: c1, c2 … skipping keys already taken', () => {
    expect(
      withKeys([
        { name: '创新性', weight: 50, minScore: 0 },
        { name: '成本', weight: 50, minScore: 0 },
      ]).map((c) => c.key),
    ).toEqual(['c1', 'c2']);
    expect(
      withKeys([
        { name: 'A', weight: 40, minScore: 0 },
        { key: 'c1', name: 'B', weight: 30, minScore: 0 },
        { name: 'C', weight: 30, minScore: 0 },
      ]).map((c) => c.key),
    ).toEqual(['c2', 'c1', 'c3']);
  });

  it('trims names and drops empty ones and empty descriptions (the defaults stay the defaults)', () => {
    expect(withKeys(DEFAULT_CRITERIA.map((c) => ({ ...c, name: '  ', description: '' })))).toEqual(DEFAULT_CRITERIA);
    expect(withKeys([{ key: 'x', name: ' 创新性 ', description: ' 新在哪里 ', weight: 100, minScore: 0 }])).toEqual([
      { key: 'x', name: '创新性', description: '新在哪里', weight: 100, minScore: 0 },
    ]);
  });
});

describe('criterionLabel', () => {
  it('a name typed by the agency wins, in both languages', () => {
    expect(criterionLabel({ key: 'technical', name: '技术路线' })).toEqual({ zh: '技术路线', en: '技术路线' });
  });
  it('the defaults have built-in names in Chinese and English', () => {
    expect(criterionLabel({ key: 'technical' })).toEqual({ zh: '技术方案', en: 'Technical approach' });
    for (const c of DEFAULT_CRITERIA) expect(criterionLabel(c)).toEqual(BUILT_IN_CRITERION_NAMES[c.key]);
  });
  it('an old row without a name shows its key; a name is never empty', () => {
    expect(criterionLabel({ key: 'impact' })).toEqual({ zh: 'impact', en: 'impact' });
    fc.assert(
      fc.property(keyArb, fc.option(fc.string({ maxLength: 6 }), { nil: undefined }), (key, name) => {
        const label = criterionLabel({ key, name });
        expect(label.zh.trim()).not.toBe('');
        expect(label.en.trim()).not.toBe('');
      }),
    );
  });
  it('is not fooled by keys inherited from Object', () => {
    expect(criterionLabel({ key: 'constructor' })).toEqual({ zh: 'constructor', en: 'constructor' });
  });
});

describe('criteriaNameProblems', () => {
  it('a criterion outside the defaults needs a name', () => {
    expect(criteriaNameProblems([...DEFAULT_CRITERIA])).toEqual([]);
    expect(
      criteriaNameProblems([
        { key: 'technical', weight: 50, minScore: 0 },
        { key: 'c2', weight: 50, minScore: 0 },
      ]),
    ).toEqual([{ field: 'criteria[1].name', message: 'required' }]);
  });
});
