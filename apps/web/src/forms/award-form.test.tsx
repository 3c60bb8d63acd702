import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Challenge } from '../api/client';
import { TIE_BREAK, TIE_BREAK_ORDER } from '@app/bids/ranking';
import { AwardForm } from '../components/awards/AwardForm';
import { tieBreakText } from '../components/RankingTable';
import { translator } from '../i18n/i18n';
import { jsonResponse, problemResponse, renderPage } from '../test/render';
import { toPatchBody, valuesOfChallenge } from './award-draft';
import { checkChallengeForm } from './challenge-form';
import {
  assessGate,
  awardProblem,
  awardQuoteInput,
  budgetLeftOf,
  pointsOf,
  problemText,
  slotsOf,
  toAwardBody,
  toGateBody,
  validateAward,
  validateExtend,
  validateResolution,
} from './award-form';

const PM = '0b5f3c2e-2222-4222-8222-222222222222';
const BID = '3c1d2e4f-3333-4333-8333-333333333333';

const challenge = {
  id: '7b0c7f5e-1111-4111-8111-111111111111',
  title: '超导量子芯片',
  mechanism: 'horse_race',
  track: 'core_tech',
  status: 'closed',
  budgetFen: 6_000_000_000,
  awardedFen: 5_000_000_000,
  awardedCount: 2,
  parallelSlots: 3,
  maxAwardFen: null,
  stages: [],
} as unknown as Challenge;

describe('award form rules', () => {
  const facts: { requestedFen: number; maxAwardFen: number | null } = { requestedFen: 2_500_000_000, maxAwardFen: null };

  it('accepts an amount up to the request, in integer fen', () => {
    expect(validateAward({ amount: '25,000,000', programManagerId: '' }, facts)).toEqual({
      errors: {},
      amountFen: 2_500_000_000,
    });
    expect(validateAward({ amount: '0.1', programManagerId: PM }, facts)).toEqual({ errors: {}, amountFen: 10 });
  });

  it('refuses empty, malformed, zero, above the request and above the per-award maximum', () => {
    const err = (amount: string, f = facts) => validateAward({ amount, programManagerId: '' }, f).errors.amount;
    expect(err('')).toBe('amountRequired');
    expect(err('1.234')).toBe('amountFormat');
    expect(err('-5')).toBe('amountFormat');
    expect(err('0')).toBe('amountPositive');
    expect(err('25,000,000.01')).toBe('amountAboveRequest');
    expect(err('20,000,000', { requestedFen: 2_500_000_000, maxAwardFen: 1_000_000_000 })).toBe('amountAboveMax');
    expect(validateAward({ amount: '1', programManagerId: 'not-a-uuid' }, facts).errors.programManagerId).toBe('pmFormat');
  });

  it('builds the body and the live quote (budget left as the ceiling)', () => {
    expect(toAwardBody(BID, 100, '')).toEqual({ bidId: BID, amountFen: 100 });
    expect(toAwardBody(BID, 100, ` ${PM} `)).toEqual({ bidId: BID, amountFen: 100, programManagerId: PM });
    expect(awardQuoteInput(undefined, 100, 5)).toBeNull();
    expect(awardQuoteInput(6_000_000_000, null, 1_000_000_000)).toEqual({
      baseFen: 6_000_000_000,
      requestedFen: undefined,
      remainingBudgetFen: 1_000_000_000,
    });
  });

  it('counts slots and budget left', () => {
    expect(slotsOf({ mechanism: 'open_call', parallelSlots: 3 })).toBe(1);
    expect(slotsOf({ mechanism: 'horse_race', parallelSlots: 3 })).toBe(3);
    expect(budgetLeftOf(challenge)).toBe(1_000_000_000);
    expect(budgetLeftOf({ budgetFen: 1, awardedFen: 2 })).toBe(0);
  });

  it('puts a funding-rule refusal (422) beside the amount, in the reader’s language, with the largest amount allowed', () => {
    const problem = {
      status: 422,
      code: 'policy.budget_exceeded',
      detail: "The request of 25,000,000.00 CNY exceeds the challenge's remaining budget",
      allowedFen: 1_000_000_000,
      violations: [{ code: 'budget_exceeded', message: { zh: '超出榜单剩余预算', en: 'exceeds the remaining budget' } }],
    };
    expect(awardProblem(problem, 'zh')).toEqual({
      fields: { amount: '超出榜单剩余预算' },
      general: [],
      allowedFen: 1_000_000_000,
    });
    expect(awardProblem(problem, 'en').fields.amount).toBe('exceeds the remaining budget');
  });

  it('puts a wrong program manager beside the picker and a slot conflict (409) above the form', () => {
    const pm = awardProblem(
      {
        status: 400,
        code: 'awards.not_a_program_manager',
        errors: [{ field: 'programManagerId', message: 'is not an active program manager' }],
      },
      'en',
    );
    expect(pm.fields).toEqual({ programManagerId: 'is not an active program manager' });
    const slots = awardProblem(
      { status: 409, code: 'awards.no_slot_left', detail: 'All 3 parallel slots of this horse race are awarded.' },
      'en',
    );
    expect(slots).toEqual({ fields: {}, general: ['Every slot is awarded'], allowedFen: null });
  });
});

describe('problems in the reader’s language', () => {
  it('words known codes itself and falls back to the server’s message', () => {
    expect(problemText({ status: 409, code: 'awards.stage_not_ended', detail: 'Stage 1 ends at …' }, 'zh')).toBe(
      '本阶段尚未结束，关口不能运行',
    );
    expect(problemText({ status: 409, code: 'awards.unknown', detail: 'Something new.' }, 'zh')).toBe('Something new.');
    expect(
      awardProblem(
        { status: 409, code: 'awards.no_slot_left', detail: 'All 3 parallel slots of this horse race are awarded.' },
        'en',
      ).general,
    ).toEqual(['Every slot is awarded']);
  });
});

describe('stage gate rules (as the server judges them)', () => {
  const ev = (points: number[]) => points.map((p, i) => ({ projectId: `p${i}`, points: p }));
  const sel = (...ids: string[]) => new Set(ids);

  it('follows the evidence: the best advance, no reason needed', () => {
    expect(assessGate(ev([4, 2, 0]), 2, sel('p0', 'p1'))).toEqual({
      tooMany: false,
      tieGroup: false,
      needsReason: false,
      challengers: [],
    });
  });

  it('refuses more than the slots, except the whole group tied at the cut-off when someone is still stopped', () => {
    expect(assessGate(ev([4, 2, 0]), 2, sel('p0', 'p1', 'p2')).tooMany).toBe(true);
    expect(assessGate(ev([4, 2, 2, 0]), 2, sel('p0', 'p1', 'p2'))).toMatchObject({
      tooMany: false,
      tieGroup: true,
      needsReason: false,
    });
    // everyone tied: nobody would be stopped, so the group may not stretch the slots
    expect(assessGate(ev([2, 2, 2]), 2, sel('p0', 'p1', 'p2')).tooMany).toBe(true);
  });

  it('needs a reason when a stopped project has as many or more points than one that advances', () => {
    expect(assessGate(ev([4, 2, 2, 0]), 2, sel('p0', 'p1'))).toMatchObject({ needsReason: true, challengers: ['p2'] });
    expect(assessGate(ev([4, 2, 0]), 2, sel('p0', 'p2'))).toMatchObject({ needsReason: true, challengers: ['p1'] });
    expect(toGateBody(sel('p0', 'p1'), '  ', false)).toEqual({ advancing: ['p0', 'p1'] });
    expect(toGateBody(sel('p0'), ' 现场评估更优 ', true)).toEqual({ advancing: ['p0'], tieBreak: { reason: '现场评估更优' } });
  });

  it('counts stage points: 2 per met, 1 per partially met', () => {
    expect(pointsOf(['met', 'partially_met', 'not_met', 'overdue', 'scheduled'])).toBe(3);
  });
});

describe('objections, extend, cancel', () => {
  it('a resolution needs a decision and a comment', () => {
    expect(validateResolution({ decision: '', comment: ' ' })).toEqual({
      decision: 'decisionRequired',
      comment: 'commentRequired',
    });
    expect(validateResolution({ decision: 'upheld', comment: '属实' })).toEqual({});
  });

  it('a new deadline is later than the current one and now, typed in Shanghai time, with a reason', () => {
    const now = Date.parse('2030-01-01T00:00:00Z');
    const current = '2030-02-01T00:00:00.000Z';
    expect(validateExtend({ deadline: '', reason: '' }, current, now).errors).toEqual({
      deadline: 'deadlineRequired',
      reason: 'reasonRequired',
    });
    expect(validateExtend({ deadline: '2030-02-01T08:00', reason: 'x' }, current, now).errors).toEqual({
      deadline: 'deadlineNotLater',
    });
    expect(validateExtend({ deadline: '2030-02-01T08:01', reason: 'x' }, current, now)).toEqual({
      errors: {},
      iso: '2030-02-01T08:01:00+08:00',
    });
  });
});

describe('award form (component)', () => {
  const quote = (over: Record<string, unknown> = {}) => ({
    ruleId: 'art4.core_tech',
    inForce: true,
    date: '2030-06-01',
    allowedFen: 1_000_000_000,
    binding: 'budget',
    baseFen: 6_000_000_000,
    rateBp: 5000,
    rateLimitFen: 3_000_000_000,
    capFen: 3_000_000_000,
    alreadyGrantedFen: 0,
    remainingBudgetFen: 1_000_000_000,
    requestedFen: 2_500_000_000,
    violations: [{ code: 'budget_exceeded', message: { zh: '超出榜单剩余预算 1000 万元', en: 'exceeds the remaining budget' } }],
    explanation: { zh: '榜单剩余预算起约束作用', en: 'the remaining budget binds' },
    ...over,
  });

  it('prefills the request, picks the program manager from the staff list, quotes live, and shows a 422 beside the amount', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
      const request = input as Request;
      const path = new URL(request.url).pathname;
      if (path.endsWith('/quote')) return Promise.resolve(jsonResponse(200, quote()));
      if (path.endsWith('/staff'))
        return Promise.resolve(
          jsonResponse(200, {
            items: [{ id: PM, displayName: '李经理', role: 'program_manager', organizationId: null }],
            nextCursor: null,
          }),
        );
      if (path.endsWith(`/bids/${BID}`))
        return Promise.resolve(jsonResponse(200, { id: BID, totalInvestmentFen: 6_000_000_000 }));
      if (path.endsWith('/awards'))
        return Promise.resolve(
          problemResponse(422, {
            code: 'policy.budget_exceeded',
            detail: 'exceeds',
            allowedFen: 1_000_000_000,
            violations: [{ code: 'budget_exceeded', message: { zh: '申请超出榜单剩余预算', en: 'over the budget left' } }],
          }),
        );
      return Promise.resolve(jsonResponse(404, {}));
    });
    renderPage(<AwardForm challenge={challenge} bidId={BID} requestedFen={2_500_000_000} label="甲公司" />);
    const form = await screen.findByRole('form', { name: '为 甲公司 立项' });
    const amount = within(form).getByLabelText(/立项金额/);
    expect(amount).toHaveValue('25000000');
    expect(await within(form).findByText('超出榜单剩余预算 1000 万元')).toBeInTheDocument();
    const quoted = fetch.mock.calls.map(([r]) => r as Request).find((r) => r.url.endsWith('/quote')) as Request;
    expect(await quoted.clone().json()).toEqual({
      baseFen: 6_000_000_000,
      requestedFen: 2_500_000_000,
      remainingBudgetFen: 1_000_000_000,
    });

    await within(form).findByRole('option', { name: '李经理' });
    await userEvent.selectOptions(within(form).getByLabelText('项目经理'), PM);
    await userEvent.click(within(form).getByRole('button', { name: '立项' }));
    // Asked first, naming who and how much; nothing is sent before the confirmation.
    const dialog = await screen.findByRole('dialog', { name: '确认立项？' });
    expect(within(dialog).getByTestId('confirm-amount')).toHaveTextContent('立项资助：¥25,000,000.00');
    expect(fetch.mock.calls.filter(([r]) => (r as Request).url.endsWith('/awards'))).toHaveLength(0);
    await userEvent.click(within(dialog).getByRole('button', { name: '确认立项' }));
    await waitFor(() => expect(amount).toHaveAttribute('aria-invalid', 'true'));
    expect(within(form).getByText('申请超出榜单剩余预算')).toBeInTheDocument();
    expect(within(form).getByTestId('award-allowed')).toHaveTextContent('¥10,000,000.00');
    const sent = fetch.mock.calls.map(([r]) => r as Request).find((r) => r.url.endsWith('/awards')) as Request;
    expect(await sent.clone().json()).toEqual({ bidId: BID, amountFen: 2_500_000_000, programManagerId: PM });

    // Above the request is refused before sending.
    await userEvent.clear(amount);
    await userEvent.type(amount, '25000000.01');
    await userEvent.click(within(form).getByRole('button', { name: '立项' }));
    expect(await within(form).findByText('不能超过申请额 ¥25,000,000.00')).toBeInTheDocument();
    expect(fetch.mock.calls.filter(([r]) => (r as Request).url.endsWith('/awards'))).toHaveLength(1);
  });
});

describe('editing a draft', () => {
  const draft = {
    id: '7b0c7f5e-1111-4111-8111-111111111111',
    title: '高精度光计算芯片攻关',
    summary: '研制可编程光计算芯片。',
    industry: 'optical_comm_computing',
    secondaryIndustry: null,
    field: 'key_components',
    mechanism: 'horse_race',
    track: 'core_tech',
    budgetFen: 9_000_000_000,
    maxAwardFen: 2_000_000_050,
    parallelSlots: 3,
    stages: [{ name: '中期', endsAt: '2031-06-30T16:00:00.000Z', advancingSlots: 2 }],
    objectives: [{ metric: '算力', target: 100, unit: 'TOPS' }],
    eligibility: { orgKinds: ['enterprise'], consortiumAllowed: false, maxMembers: 1 },
    bidDeadline: '2031-01-31T16:00:00.000Z',
    projectEndsAt: '2033-12-31T16:00:00.000Z',
    zone: null,
    status: 'draft',
  } as unknown as Challenge;

  it('fills the form with the draft (Shanghai time, yuan) and sends it back unchanged, clearing what is empty with null', () => {
    const values = valuesOfChallenge(draft);
    expect(values).toMatchObject({
      budget: '90000000',
      maxAward: '20000000.50',
      bidDeadline: '2031-02-01T00:00',
      stages: [{ name: '中期', endsAt: '2031-07-01T00:00', advancingSlots: '2' }],
      secondaryIndustry: '',
      zone: '',
    });
    const checked = checkChallengeForm(values, 'en');
    expect(checked.errors).toEqual({});
    const patch = toPatchBody(checked.body as NonNullable<typeof checked.body>);
    expect(patch).toMatchObject({
      title: draft.title,
      budgetFen: 9_000_000_000,
      maxAwardFen: 2_000_000_050,
      parallelSlots: 3,
      bidDeadline: '2031-02-01T00:00:00+08:00',
      secondaryIndustry: null,
      zone: null,
    });
    const openCall = toPatchBody({
      ...(checked.body as NonNullable<typeof checked.body>),
      stages: undefined,
      mechanism: 'open_call',
    });
    expect(openCall).toMatchObject({ stages: null });
  });
});

describe('the tie-break rule on the ranking', () => {
  it('is worded step by step from the server’s order: in English exactly the server’s sentence, in Chinese every step', () => {
    expect(tieBreakText(translator('en'), [...TIE_BREAK_ORDER])).toBe(TIE_BREAK);
    const zh = tieBreakText(translator('zh'), [...TIE_BREAK_ORDER]);
    expect(zh.split('；其次')).toHaveLength(TIE_BREAK_ORDER.length);
    expect(zh.startsWith('合格的申报在前；其次加权总分高者在前')).toBe(true);
    // A different order from the server is shown in that order, not in a remembered one.
    expect(tieBreakText(translator('en'), ['bid_id', 'eligible_first'])).toBe('bid id; then eligible bids first');
  });
});
