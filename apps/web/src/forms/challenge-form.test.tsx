import { fieldRequired } from '@app/challenges/challenge-rules';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import NewChallengePage from '../pages/NewChallengePage';
import { renderPage } from '../test/render';
import { checkChallengeForm, emptyChallengeForm, errorsOfStep, toFormField, type ChallengeFormValues } from './challenge-form';

const valid = (overrides: Partial<ChallengeFormValues> = {}): ChallengeFormValues => ({
  ...emptyChallengeForm(),
  title: '超导量子计算芯片关键技术攻关',
  summary: '研制 100 比特超导量子芯片。',
  industry: 'quantum_information',
  field: 'key_components',
  objectives: [{ metric: '量子比特数', target: '100', unit: 'qubits' }],
  bidDeadline: '2031-01-31T17:00',
  projectEndsAt: '2034-01-31T17:00',
  budget: '50,000,000',
  ...overrides,
});

const horseRace = (overrides: Partial<ChallengeFormValues> = {}) =>
  valid({
    mechanism: 'horse_race',
    parallelSlots: '3',
    stages: [
      { name: '初赛', endsAt: '2032-01-31T17:00', advancingSlots: '2' },
      { name: '决赛', endsAt: '2033-01-31T17:00', advancingSlots: '1' },
    ],
    ...overrides,
  });

describe('challenge form → POST /challenges body', () => {
  it('builds the body: integer fen, Shanghai times with their offset, no empty optionals', () => {
    const { errors, body } = checkChallengeForm(valid({ maxAward: '29,999,999.5' }), 'en');
    expect(errors).toEqual({});
    expect(body).toMatchObject({
      budgetFen: 5_000_000_000,
      maxAwardFen: 2_999_999_950,
      bidDeadline: '2031-01-31T17:00:00+08:00',
      objectives: [{ metric: '量子比特数', target: 100, unit: 'qubits' }],
      eligibility: { orgKinds: ['enterprise', 'university', 'institute'], consortiumAllowed: true, maxMembers: 5 },
      parallelSlots: 1,
    });
    expect(body).not.toHaveProperty('stages');
    expect(body).not.toHaveProperty('zone');
    expect(body).not.toHaveProperty('secondaryIndustry');
  });

  it('builds a horse race with its stages', () => {
    const { errors, body } = checkChallengeForm(horseRace(), 'en');
    expect(errors).toEqual({});
    expect(body?.stages).toEqual([
      { name: '初赛', endsAt: '2032-01-31T17:00:00+08:00', advancingSlots: 2 },
      { name: '决赛', endsAt: '2033-01-31T17:00:00+08:00', advancingSlots: 1 },
    ]);
  });
});

const errorsOf = (values: ChallengeFormValues, lang: 'zh' | 'en' = 'en') => checkChallengeForm(values, lang).errors;

describe('cross-field rules (the server’s crossFieldErrors, shown on the form’s own fields)', () => {
  it('an open call has one slot and no stages', () => {
    expect(errorsOf(valid({ parallelSlots: '2' }))).toEqual({ parallelSlots: 'must be 1: an open call has exactly one winner' });
  });

  it('a horse race needs at least two slots and a stage', () => {
    expect(errorsOf(horseRace({ parallelSlots: '1' }))).toMatchObject({ parallelSlots: 'must be at least 2 for a horse race' });
    expect(errorsOf(horseRace({ stages: [] }))).toEqual({ stages: 'must have at least one stage for a horse race' });
    expect(errorsOf(horseRace({ parallelSlots: '' }))).toMatchObject({
      parallelSlots: expect.stringMatching(/required for a horse race/),
    });
  });

  it('stages lie between the deadline and the project’s end, in order, each gate stopping someone', () => {
    const e = errorsOf(
      horseRace({
        stages: [
          { name: 'A', endsAt: '2030-01-01T00:00', advancingSlots: '3' },
          { name: 'A', endsAt: '2029-01-01T00:00', advancingSlots: '3' },
          { name: 'C', endsAt: '2035-01-01T00:00', advancingSlots: '1' },
        ],
      }),
    );
    expect(e['stages.0.endsAt']).toBe('must be after bidDeadline');
    expect(e['stages.0.advancingSlots']).toBe('must be fewer than parallelSlots');
    expect(e['stages.1.name']).toBe('must be unique within the challenge');
    expect(e['stages.2.endsAt']).toBe('must be before projectEndsAt');
  });

  it('the project ends after the deadline; the largest award fits the budget', () => {
    expect(errorsOf(valid({ projectEndsAt: '2031-01-01T00:00' }))).toEqual({ projectEndsAt: 'must be after bidDeadline' });
    expect(errorsOf(valid({ budget: '1000', maxAward: '2000' }))).toEqual({ maxAward: 'must not exceed budgetFen' });
  });

  it('the largest award is within the track’s funding cap (30M core tech, 100M project-manager track)', () => {
    expect(errorsOf(valid({ budget: '500,000,000', maxAward: '30,000,000.01' }))).toEqual({
      maxAward: 'must not exceed 3000000000 (the cap of art4.core_tech)',
    });
    expect(errorsOf(valid({ budget: '500,000,000', maxAward: '30,000,000.01' }), 'zh').maxAward).toBe(
      '不能超过 ¥30,000,000.00（art4.core_tech 的上限）',
    );
    expect(errorsOf(valid({ track: 'pm_major', budget: '500,000,000', maxAward: '100,000,000' }))).toEqual({});
  });

  it('consortium and members agree; a second industry differs; metrics are unique; someone may bid', () => {
    expect(errorsOf(valid({ consortiumAllowed: false, maxMembers: '5' }))).toEqual({
      maxMembers: 'must be 1 when consortiumAllowed is false',
    });
    expect(errorsOf(valid({ consortiumAllowed: true, maxMembers: '1' }))).toEqual({
      maxMembers: 'must be at least 2 when consortiumAllowed is true',
    });
    expect(errorsOf(valid({ secondaryIndustry: 'quantum_information' }))).toEqual({
      secondaryIndustry: 'must differ from industry',
    });
    expect(
      errorsOf(
        valid({
          objectives: [
            { metric: 'm', target: '1', unit: 'u' },
            { metric: 'm', target: '2', unit: 'u' },
          ],
        }),
      ),
    ).toEqual({ 'objectives.1.metric': 'must be unique within the challenge' });
    expect(errorsOf(valid({ orgKinds: [] }))).toEqual({ orgKinds: 'must name at least one kind of organisation' });
  });
});

describe('field rules, and the step each error is shown on', () => {
  it('field rules: required text, money, numbers, dates', () => {
    const e = errorsOf(
      valid({
        title: ' ',
        budget: '1.234',
        objectives: [{ metric: '', target: 'lots', unit: '' }],
        bidDeadline: '2031-02-30T00:00',
      }),
      'zh',
    );
    expect(e).toMatchObject({
      title: '不能为空',
      budget: expect.stringMatching(/请输入金额/),
      'objectives.0.metric': '不能为空',
      'objectives.0.target': '请输入数字',
      'objectives.0.unit': '不能为空',
      bidDeadline: '请输入有效的日期和时间',
    });
  });

  it('a field is asked for exactly where the server’s rule requires one, and sent when chosen', () => {
    // core_tech always (clause 4 (四)'s four fields); pm_major only while storage needs a field.
    for (const track of ['core_tech', 'pm_major'] as const) {
      const { errors } = checkChallengeForm(valid({ track, field: '' }), 'zh');
      expect({ track, field: errors.field }).toEqual({ track, field: fieldRequired(track) ? '请选择' : undefined });
    }
    expect(checkChallengeForm(valid({ track: 'pm_major' }), 'en').body?.field).toBe('key_components');
  });

  it('groups errors by step, and maps API paths to form paths', () => {
    const { errors } = checkChallengeForm(valid({ title: '', budget: '' }), 'en');
    expect(Object.keys(errorsOfStep(errors, 'basics'))).toEqual(['title']);
    expect(Object.keys(errorsOfStep(errors, 'money'))).toEqual(['budget']);
    expect(toFormField('stages[2].advancingSlots')).toBe('stages.2.advancingSlots');
    expect(toFormField('eligibility.maxMembers')).toBe('maxMembers');
    expect(toFormField('budgetFen')).toBe('budget');
  });
});

describe('the step-by-step form', () => {
  it('does not move on while a step has errors, and says which', async () => {
    const user = userEvent.setup();
    renderPage(<NewChallengePage />, { lang: 'en' });
    expect(screen.queryByText('must not be blank')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Please fix the marked fields first')).toBeInTheDocument();
    expect(screen.getAllByText('must not be blank')).toHaveLength(2);
    expect(screen.getByRole('heading', { name: 'Basics' })).toBeInTheDocument();

    await user.type(screen.getByLabelText(/^Title/), 'A challenge');
    await user.type(screen.getByLabelText(/^Summary/), 'What it is about');
    await user.selectOptions(screen.getByLabelText(/^Industry/), 'quantum_information');
    await user.selectOptions(screen.getByLabelText(/^Field/), 'key_components');
    await user.selectOptions(screen.getByLabelText(/^Second industry/), 'quantum_information');
    expect(await screen.findByText('must differ from industry')).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText(/^Second industry/), 'brain_science');
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('heading', { name: 'Objectives and eligibility' })).toBeInTheDocument();
  });
});
