import { FIELD_LABELS, FIELD_LABEL_JOIN, fieldLabel, fieldName } from './field-labels';
import { wordProblem } from './problem-wording';

describe('the field label table', () => {
  it('has a Chinese and an English label for every field, each non-empty, in its own language', () => {
    const bad: string[] = [];
    for (const [key, words] of Object.entries({ ...FIELD_LABELS, '(join)': FIELD_LABEL_JOIN })) {
      if (typeof words.zh !== 'string' || !words.zh.trim()) bad.push(`${key}: no zh`);
      else if (!/[\u4e00-\u9fff]/.test(words.zh)) bad.push(`${key}: zh "${words.zh}" has no Chinese`);
      if (typeof words.en !== 'string' || !words.en.trim()) bad.push(`${key}: no en`);
      else if (/[\u4e00-\u9fff]/.test(words.en)) bad.push(`${key}: en "${words.en}" is not English`);
    }
    expect(bad).toEqual([]);
  });

  it('keys each entry by a field path pattern: name, parent.name or name[] (a list item with {n})', () => {
    for (const key of Object.keys(FIELD_LABELS)) expect(key).toMatch(/^[A-Za-z]\w*(\.[A-Za-z]\w*|\[\])?$/);
    for (const [key, words] of Object.entries(FIELD_LABELS)) {
      const item = key.endsWith('[]');
      expect([key, words.zh.includes('{n}'), words.en.includes('{n}')]).toEqual([key, item, item]);
    }
  });
});

describe('field labels', () => {
  it('names a field in the reader’s language', () => {
    expect(fieldLabel('bidDeadline', 'zh')).toBe('揭榜截止时间');
    expect(fieldLabel('bidDeadline', 'en')).toBe('Bid deadline');
    expect(fieldLabel('maxAwardFen', 'en')).toBe('Maximum award');
  });

  it('counts list items from 1 and joins a field to its parent', () => {
    expect(fieldLabel('stages[1].endsAt', 'zh')).toBe('第 2 阶段的关口时间');
    expect(fieldLabel('stages[1].endsAt', 'en')).toBe('Stage 2 · gate date');
    expect(fieldLabel('objectives[2].target', 'zh')).toBe('指标 3 的目标值');
    expect(fieldLabel('milestones[0].trancheFen', 'en')).toBe('Milestone 1 · tranche');
    expect(fieldLabel('eligibility.maxMembers', 'zh')).toBe('申报条件的联合体最多单位数');
    expect(fieldLabel('scores[1]', 'en')).toBe('Scores 2');
    expect(fieldLabel('admin.email', 'zh')).toBe('电子邮箱');
  });

  it('leaves out what it does not know (fieldLabel) or keeps the path (fieldName, for a problem detail)', () => {
    expect(fieldLabel('bogus', 'zh')).toBeUndefined();
    expect(fieldLabel('stages[1].bogus', 'zh')).toBe('第 2 阶段');
    expect(fieldLabel('toString', 'en')).toBeUndefined();
    expect(fieldName('bogus', 'zh')).toBe('bogus');
    expect(fieldName('stages[1].bogus', 'en')).toBe('stages[1].bogus');
    expect(fieldName('$weird path', 'zh')).toBe('$weird path');
    expect(fieldName('stages[1].endsAt', 'zh')).toBe('第 2 阶段的关口时间');
  });
});

describe('a validation problem’s detail', () => {
  const errors = [
    { field: 'bidDeadline', message: '须在发布后至少 7 天' },
    { field: 'extra', message: '不是允许的字段' },
  ];

  it('names each field by its label, a field without one by its path; errors[].field is not touched', () => {
    expect(wordProblem('validation_failed', { errors }, 'zh')).toBe(
      '输入有误：揭榜截止时间：须在发布后至少 7 天；extra：不是允许的字段',
    );
    const en = [
      { field: 'stages[0].endsAt', message: 'must be later' },
      { field: 'extra', message: 'is not an allowed field' },
    ];
    expect(wordProblem('validation_failed', { errors: en }, 'en')).toBe(
      'The request body is not valid: Stage 1 · gate date must be later; extra is not an allowed field',
    );
    expect(errors[0].field).toBe('bidDeadline');
  });
});
