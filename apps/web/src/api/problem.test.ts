import { describe, expect, it } from 'vitest';
import { mapProblem, toFormPath, type Problem } from './problem';

const badRequest: Problem = {
  type: 'urn:jiebang:problem:challenges.invalid',
  title: 'Bad Request',
  status: 400,
  code: 'challenges.invalid',
  detail: 'stages[1].endsAt must be after bidDeadline; title must not be blank; zone is not an allowed field',
  errors: [
    { field: 'stages[1].endsAt', message: 'must be after bidDeadline' },
    { field: 'stages[1].endsAt', message: 'must be before projectEndsAt' },
    { field: 'title', message: 'must not be blank' },
    { field: 'bogus', message: 'is not an allowed field' },
  ],
};

describe('problem+json → form fields', () => {
  it('turns API paths into form paths', () => {
    expect(toFormPath('stages[1].endsAt')).toBe('stages.1.endsAt');
    expect(toFormPath('milestones[12].trancheFen')).toBe('milestones.12.trancheFen');
    expect(toFormPath('admin.email')).toBe('admin.email');
  });

  it('puts each error next to its field, joined when a field has several, in English as sent', () => {
    const mapped = mapProblem(badRequest, { lang: 'en', hasField: (p) => p !== 'bogus' });
    expect(mapped.fields).toEqual({
      'stages.1.endsAt': 'must be after bidDeadline；must be before projectEndsAt',
      title: 'must not be blank',
    });
    // A field the web has no name for: the message alone, never the raw path.
    expect(mapped.general).toEqual(['is not an allowed field']);
  });

  it('speaks Chinese to a Chinese reader where the wording is known', () => {
    const mapped = mapProblem(badRequest, { lang: 'zh', hasField: () => true });
    expect(mapped.fields['stages.1.endsAt']).toBe('必须晚于揭榜截止时间；必须早于项目结束时间');
    expect(mapped.fields.title).toBe('不能为空');
    expect(mapped.fields.bogus).toBe('不是允许的字段');
  });

  it('keeps an unknown wording as the server wrote it (nothing is lost)', () => {
    const mapped = mapProblem(
      { status: 400, errors: [{ field: 'x', message: 'has a brand-new problem' }] },
      { lang: 'zh', hasField: () => true },
    );
    expect(mapped.fields.x).toBe('has a brand-new problem');
  });

  it('renames API fields to the form’s own names', () => {
    const mapped = mapProblem(
      { status: 400, errors: [{ field: 'admin.email', message: 'must be an email address' }] },
      { lang: 'en', rename: { 'admin.email': 'email' }, hasField: (p) => p === 'email' },
    );
    expect(mapped.fields).toEqual({ email: 'must be an email address' });
  });

  it('shows a conflict that concerns one field next to it (a credit code already registered)', () => {
    const mapped = mapProblem(
      { status: 409, code: 'identity.organization_exists', detail: 'An organisation with credit code X is already registered.' },
      { lang: 'en', hasField: (p) => p === 'creditCode' },
    );
    expect(mapped.fields.creditCode).toMatch(/already registered/);
    expect(mapped.general).toEqual([]);
  });

  it('puts a problem without field errors in the general messages', () => {
    const mapped = mapProblem(
      { status: 409, code: 'challenges.not_draft', detail: 'Only a draft can be published.' },
      { lang: 'en' },
    );
    expect(mapped).toEqual({ fields: {}, general: ['Only a draft can be published.'] });
  });
});
