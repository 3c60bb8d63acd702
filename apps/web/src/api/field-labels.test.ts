import { beforeAll, describe, expect, it } from 'vitest';
import { loadDictionary } from '../i18n/i18n';
import { fieldLabel, labelledFieldMessage } from './field-labels';
import { ApiError, mapProblem, problemMessages, type Problem } from './problem';

beforeAll(async () => {
  await loadDictionary('en');
});

/**
 * The API's answer to publishing a draft whose deadline is too early (as test/problem-language.e2e-spec.ts
 * asserts): the detail names the field as the shared table does; `named: false` is an answer that names it
 * by its path (an older API, or a field the table lacks).
 */
const tooEarly = (lang: 'zh' | 'en', named = true): Problem => ({
  status: 400,
  code: 'validation_failed',
  detail:
    lang === 'zh'
      ? `输入有误：${named ? '揭榜截止时间' : 'bidDeadline'}：须在发布后至少 7 天（不早于 2026年12月11日 22:49（北京时间））`
      : `The request body is not valid: ${named ? 'Bid deadline' : 'bidDeadline'} must be at least 7 days after publishing (not before 11 Dec 2026, 22:49 (Beijing time))`,
  errors: [
    {
      field: 'bidDeadline',
      message:
        lang === 'zh'
          ? '须在发布后至少 7 天（不早于 2026年12月11日 22:49（北京时间））'
          : 'must be at least 7 days after publishing (not before 11 Dec 2026, 22:49 (Beijing time))',
    },
  ],
});

describe('field names in messages shown away from their field', () => {
  it('names the challenge fields in the reader’s language', () => {
    expect(fieldLabel('bidDeadline', 'zh')).toBe('揭榜截止时间');
    expect(fieldLabel('bidDeadline', 'en')).toBe('Bid deadline');
    expect(fieldLabel('budgetFen', 'zh')).toBe('总预算');
    expect(fieldLabel('maxAwardFen', 'en')).toBe('Maximum award');
    expect(fieldLabel('stages', 'zh')).toBe('赛马阶段');
    expect(fieldLabel('projectEndsAt', 'zh')).toBe('项目结束时间');
  });

  it('names list items from 1 and nested fields by their parent', () => {
    expect(fieldLabel('stages[1].endsAt', 'zh')).toBe('第 2 阶段的关口时间');
    expect(fieldLabel('stages[0].advancingSlots', 'en')).toBe('Stage 1 · teams advancing');
    expect(fieldLabel('objectives[2].target', 'zh')).toBe('指标 3 的目标值');
    expect(fieldLabel('eligibility.maxMembers', 'zh')).toBe('申报条件的联合体最多单位数');
    expect(fieldLabel('milestones[0].trancheFen', 'en')).toBe('Milestone 1 · tranche');
    expect(fieldLabel('admin.email', 'zh')).toBe('电子邮箱');
  });

  it('leaves out what it does not know instead of showing the raw path', () => {
    expect(fieldLabel('bogus', 'zh')).toBeUndefined();
    expect(fieldLabel('stages[1].bogus', 'zh')).toBe('第 2 阶段');
    expect(labelledFieldMessage('bogus', '不是允许的字段', 'zh')).toBe('不是允许的字段');
    expect(labelledFieldMessage('bidDeadline', '须在发布后至少 7 天', 'zh')).toBe('揭榜截止时间：须在发布后至少 7 天');
    expect(labelledFieldMessage('bidDeadline', 'must be later', 'en')).toBe('Bid deadline: must be later');
  });

  it('an alert for a deadline too early to publish reads without "bidDeadline", in zh and en', () => {
    for (const [lang, named] of [
      ['zh', true],
      ['en', true],
      ['zh', false],
      ['en', false],
    ] as const) {
      const general = mapProblem(tooEarly(lang, named), { lang, hasField: () => false }).general;
      const lines = problemMessages(new ApiError(tooEarly(lang, named)), lang);
      for (const text of [...general, ...lines]) expect(text).not.toMatch(/bidDeadline/);
      expect(general).toEqual([
        lang === 'zh'
          ? '揭榜截止时间：须在发布后至少 7 天（不早于 2026年12月11日 22:49（北京时间））'
          : 'Bid deadline: must be at least 7 days after publishing (not before 11 Dec 2026, 22:49 (Beijing time))',
      ]);
      // The detail's lead-in stays, its copy of the field list goes (each field is on its own line).
      expect(lines).toEqual([lang === 'zh' ? '输入有误。' : 'The request body is not valid.', general[0]]);
    }
  });

  it('keeps a detail that lists no field as it is, and drops one that is only the list', () => {
    expect(problemMessages(new ApiError({ status: 409, detail: '评审组已关闭。' }), 'zh')).toEqual(['评审组已关闭。']);
    const onlyList: Problem = {
      status: 400,
      detail: 'title must not be blank; zone is not an allowed field',
      errors: [
        { field: 'title', message: 'must not be blank' },
        { field: 'zone', message: 'is not an allowed field' },
      ],
    };
    expect(problemMessages(new ApiError(onlyList), 'en')).toEqual(['Title: must not be blank', 'Zone: is not an allowed field']);
    // As the API words it now: each field by the shared table's name, a field it lacks by its path.
    const named: Problem = {
      status: 400,
      detail: '输入有误：第 2 阶段的关口时间：须晚于第 1 阶段；extra：不是允许的字段',
      errors: [
        { field: 'stages[1].endsAt', message: '须晚于第 1 阶段' },
        { field: 'extra', message: '不是允许的字段' },
      ],
    };
    expect(problemMessages(new ApiError(named), 'zh')).toEqual([
      '输入有误。',
      '第 2 阶段的关口时间：须晚于第 1 阶段',
      '不是允许的字段',
    ]);
  });
});
