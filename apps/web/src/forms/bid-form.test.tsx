import { makeCreditCode } from '@app/identity/credit-code';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Challenge } from '../api/client';
import { FundingCheck } from '../components/FundingCheck';
import { BidForm } from '../components/bid/BidForm';
import { ShareTally } from '../components/bid/BidConsortiumSection';
import { TrancheTally } from '../components/bid/BidMilestonesSection';
import { jsonResponse, problemResponse, renderPage } from '../test/render';
import { emptyBid, shareSum, toBidBody, trancheSum, validateBid, type BidValues } from './bid-form';
import { translator } from '../i18n/i18n';
import { parseScore, validateCriteria, weightedScore } from './review';

const LEAD = makeCreditCode({ authority: '9', category: '1', areaCode: '440300', orgCodeBody8: 'MA5FLEAD' });
const MEMBER = makeCreditCode({ authority: '1', category: '2', areaCode: '440300', orgCodeBody8: 'MA5FMEMB' });

const challenge = {
  id: '7b0c7f5e-1111-4111-8111-111111111111',
  title: '超导量子芯片',
  track: 'core_tech',
  budgetFen: 9_000_000_000,
  maxAwardFen: 3_000_000_000,
  objectives: [{ metric: '量子比特数', target: 100, unit: 'qubits' }],
  eligibility: { orgKinds: ['enterprise'], consortiumAllowed: true, maxMembers: 3 },
  projectEndsAt: '2034-01-31T09:00:00.000Z',
  bidDeadline: '2031-01-31T09:00:00.000Z',
  status: 'published',
} as unknown as Challenge;

const NOW = Date.parse('2030-06-01T00:00:00Z');

const filled = (overrides: Partial<BidValues> = {}): BidValues => ({
  ...emptyBid(challenge),
  totalInvestment: '60,000,000',
  requested: '30,000,000',
  text: '研制 100 比特超导量子芯片。',
  approach: ['倒装焊 + 可调耦合器。'],
  milestones: [
    { title: '流片', dueAt: '2031-06-30T17:00', deliverable: '50 比特样片', tranche: '10,000,000.10' },
    { title: '验收', dueAt: '2033-06-30T17:00', deliverable: '100 比特芯片', tranche: '19,999,999.90' },
  ],
  ...overrides,
});

const quote = (overrides: Record<string, unknown> = {}) => ({
  ruleId: 'art4.core_tech',
  inForce: true,
  date: '2030-06-01',
  allowedFen: 3_000_000_000,
  binding: 'cap',
  baseFen: 10_000_000_000,
  rateBp: 5000,
  rateLimitFen: 5_000_000_000,
  capFen: 3_000_000_000,
  alreadyGrantedFen: 0,
  remainingBudgetFen: 3_000_000_000,
  requestedFen: 4_000_000_000,
  violations: [{ code: 'cap', message: { zh: '超过单项上限 3000 万元', en: 'exceeds the cap of CNY 30 million' } }],
  explanation: {
    zh: '最多可资助 3000 万元：上限低于 50% 的比例限额',
    en: 'At most CNY 30,000,000: the cap is below 50% of the base',
  },
  ...overrides,
});

describe('tranches add up to the request (integer fen)', () => {
  it('adds decimal yuan exactly: 0.1 + 0.2 is 30 fen, not 0.30000000000000004', () => {
    const sum = trancheSum({
      requested: '0.3',
      milestones: [
        { title: '', dueAt: '', deliverable: '', tranche: '0.1' },
        { title: '', dueAt: '', deliverable: '', tranche: '0.2' },
      ],
    });
    expect(sum).toEqual({ sumFen: 30n, leftFen: 0n, balanced: true, invalid: [] });
  });

  it('says how much is left or too much, and which tranche is not an amount', () => {
    expect(trancheSum(filled({ requested: '30,000,000.01' })).leftFen).toBe(1n);
    expect(trancheSum(filled({ requested: '29,999,999.99' })).leftFen).toBe(-1n);
    const bad = trancheSum(filled({ milestones: [{ title: 'a', dueAt: '', deliverable: '', tranche: '1.234' }] }));
    expect(bad).toMatchObject({ invalid: [0], balanced: false });
    expect(trancheSum({ requested: '', milestones: [] })).toMatchObject({ leftFen: null, balanced: false });
  });

  it('stays exact where a float sum would not (50 tranches near 2^53 / 50)', () => {
    const each = '1801439850948.19'; // 180,143,985,094,819 fen; × 50 > 2^53
    const milestones = Array.from({ length: 50 }, () => ({ title: 'm', dueAt: '', deliverable: 'd', tranche: each }));
    expect(trancheSum({ requested: '1', milestones }).sumFen).toBe(180_143_985_094_819n * 50n);
  });

  it('blocks sending while the tranches do not match, with the difference in words', () => {
    const errors = validateBid(filled({ requested: '30,000,000.50' }), challenge, { lang: 'zh', now: NOW });
    expect(errors.milestones).toBe('各笔拨付之和比申请资助少 ¥0.50');
    const over = validateBid(filled({ requested: '29,000,000' }), challenge, { lang: 'en', now: NOW });
    expect(over.milestones).toBe('The tranches exceed the request by ¥1,000,000.00');
    expect(validateBid(filled(), challenge, { lang: 'zh', now: NOW })).toEqual({});
  });

  it('checks the request against the investment, and milestone dates against now and the project end', () => {
    const errors = validateBid(
      filled({
        totalInvestment: '1,000',
        milestones: [
          { title: '', dueAt: '2029-01-01T00:00', deliverable: 'x', tranche: '30,000,000' },
          { title: 't', dueAt: '2035-01-01T00:00', deliverable: '', tranche: '0' },
        ],
      }),
      challenge,
      { lang: 'en', now: NOW },
    );
    expect(errors).toMatchObject({
      requestedFundingFen: 'Must not exceed the total investment',
      'milestones.0.title': 'must not be blank',
      'milestones.0.dueAt': 'Must be in the future',
      'milestones.1.dueAt': 'Must not be after the project ends',
      'milestones.1.deliverable': 'must not be blank',
    });
  });

  it('builds the body in integer fen with Shanghai times and the lead first in a consortium', () => {
    const body = toBidBody(
      filled({ leadShare: '70', members: [{ creditCode: MEMBER.toLowerCase(), share: '30' }] }),
      challenge,
      LEAD,
    );
    expect(body).toEqual({
      totalInvestmentFen: 6_000_000_000,
      requestedFundingFen: 3_000_000_000,
      proposal: { text: '研制 100 比特超导量子芯片。', approach: [{ metric: '量子比特数', plan: '倒装焊 + 可调耦合器。' }] },
      milestones: [
        { title: '流片', dueAt: '2031-06-30T17:00:00+08:00', deliverable: '50 比特样片', trancheFen: 1_000_000_010 },
        { title: '验收', dueAt: '2033-06-30T17:00:00+08:00', deliverable: '100 比特芯片', trancheFen: 1_999_999_990 },
      ],
      consortium: [
        { creditCode: LEAD, role: 'lead', sharePercent: 70 },
        { creditCode: MEMBER, role: 'member', sharePercent: 30 },
      ],
    });
    expect(toBidBody(filled(), challenge, LEAD).consortium).toBeUndefined();
  });
});

describe('consortium: credit codes and shares summing to 100', () => {
  it('sums whole-percent shares, lead first', () => {
    expect(shareSum({ leadShare: '60', members: [{ creditCode: '', share: '40%' }] })).toEqual({
      total: 100,
      invalid: [],
      balanced: true,
    });
    expect(shareSum({ leadShare: '60', members: [{ creditCode: '', share: '30' }] })).toMatchObject({
      total: 90,
      balanced: false,
    });
    expect(shareSum({ leadShare: '60.5', members: [{ creditCode: '', share: '0' }] }).invalid).toEqual([0, 1]);
  });

  it('checks each member’s code with the server’s validator, repeats, shares and the size limit', () => {
    const wrongCheck = MEMBER.slice(0, 17) + (MEMBER[17] === '0' ? '1' : '0');
    const errors = validateBid(
      filled({
        leadShare: '50',
        members: [
          { creditCode: wrongCheck, share: '20' },
          { creditCode: LEAD, share: '20' },
          { creditCode: MEMBER, share: '' },
        ],
      }),
      challenge,
      { lang: 'zh', now: NOW, leadCreditCode: LEAD },
    );
    expect(errors['consortium.1.creditCode']).toMatch(/校验码/);
    expect(errors['consortium.2.creditCode']).toBe('同一单位不能重复');
    expect(errors['consortium.3.sharePercent']).toBe('请输入 1–100 的整数百分比');
    expect(errors.consortium).toBe('联合体最多 3 家单位（含牵头单位）');

    const shares = validateBid(filled({ leadShare: '50', members: [{ creditCode: MEMBER, share: '40' }] }), challenge, {
      lang: 'en',
      now: NOW,
      leadCreditCode: LEAD,
    });
    expect(shares).toEqual({ consortium: 'The shares add up to 90%, not 100%' });
    const alone = { ...challenge, eligibility: { ...challenge.eligibility, consortiumAllowed: false } };
    expect(
      validateBid(filled({ leadShare: '50', members: [{ creditCode: MEMBER, share: '50' }] }), alone, { lang: 'en', now: NOW })
        .consortium,
    ).toBe('This challenge does not allow consortia');
  });

  it('shows the tallies live', async () => {
    renderPage(
      <>
        <TrancheTally values={filled({ requested: '30,000,001' })} />
        <ShareTally values={{ leadShare: '60', members: [{ creditCode: '', share: '40' }] }} />
      </>,
    );
    expect(await screen.findByTestId('tranche-tally')).toHaveTextContent('已分配 ¥30,000,000.00 · 还差 ¥1.00');
    expect(screen.getByTestId('tranche-tally')).toHaveAttribute('data-balanced', 'false');
    expect(screen.getByTestId('share-tally')).toHaveAttribute('data-balanced', 'true');
  });
});

describe('funding check as the team types', () => {
  it('quotes the track’s rule with the investment, the request and the per-award maximum, and shows the largest request and why', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(jsonResponse(200, quote())));
    renderPage(<FundingCheck challenge={challenge} totalInvestment="100,000,000" requested="40,000,000" />, { lang: 'zh' });
    expect(await screen.findByTestId('bid-allowed')).toHaveTextContent('¥30,000,000.00');
    expect(screen.getByTestId('bid-binding')).toHaveAttribute('data-binding', 'cap');
    expect(screen.getByTestId('bid-explanation')).toHaveTextContent('上限低于 50% 的比例限额');
    expect(screen.getByText('超过单项上限 3000 万元')).toBeInTheDocument();
    const sent = fetch.mock.calls.map(([r]) => r as Request).find((r) => r.url.endsWith('/quote')) as Request;
    expect(sent.url).toMatch(/\/api\/v1\/funding-rules\/art4\.core_tech\/quote$/);
    expect(await sent.clone().json()).toEqual({
      baseFen: 10_000_000_000,
      requestedFen: 4_000_000_000,
      remainingBudgetFen: 9_000_000_000,
      maxAwardFen: 3_000_000_000,
    });
  });

  it('says the request fits, in English, and asks nothing before an investment is typed', async () => {
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockImplementation(() => Promise.resolve(jsonResponse(200, quote({ requestedFen: 100, violations: [] }))));
    const { unmount } = renderPage(<FundingCheck challenge={challenge} totalInvestment="" requested="1" />, { lang: 'en' });
    expect(screen.getByText(/Enter the total investment/)).toBeInTheDocument();
    unmount();
    renderPage(<FundingCheck challenge={{ ...challenge, track: 'pm_major' }} totalInvestment="2" requested="1" />, {
      lang: 'en',
    });
    expect(await screen.findByTestId('bid-fits')).toHaveTextContent('The request is within the funding rule');
    expect(screen.getByTestId('bid-explanation')).toHaveTextContent('the cap is below 50% of the base');
    expect(fetch.mock.calls.map(([r]) => (r as Request).url).filter((u) => u.endsWith('/quote'))[0]).toMatch(
      /art4\.pm_major\/quote$/,
    );
  });
});

describe('bid form', () => {
  it('sends nothing while the tranches do not add up, and shows the server’s 422 next to the request', async () => {
    const user = userEvent.setup();
    const fill = async (el: HTMLElement, text: string) => {
      await user.click(el);
      await user.paste(text);
    };
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
      const url = (input as Request).url;
      if (url.includes('/quote')) return Promise.resolve(jsonResponse(200, quote()));
      return Promise.resolve(
        problemResponse(422, { code: 'policy.cap_exceeded', detail: 'The request exceeds the cap of art4.core_tech.' }),
      );
    });
    renderPage(<BidForm challenge={challenge} leadCreditCode={LEAD} onDone={() => undefined} />, { lang: 'en' });
    await fill(screen.getByLabelText(/^Total investment/), '60000000');
    await fill(screen.getByLabelText(/^Requested funding/), '30000000');
    await fill(screen.getByLabelText(/^Proposal summary/), 'A 100-qubit chip.');
    await fill(screen.getByLabelText(/^Approach to/), 'Flip-chip.');
    await fill(screen.getByLabelText(/^Milestone 1 title/), 'Tape-out');
    await fill(screen.getByLabelText(/^Milestone 1 due/), '2033-06-30T17:00');
    await fill(screen.getByLabelText(/^Milestone 1 deliverable/), 'Chip');
    await fill(screen.getByLabelText(/^Milestone 1 tranche/), '29999999.99');
    expect(screen.getByTestId('tranche-tally')).toHaveTextContent('¥0.01 still to plan');
    await user.click(screen.getByRole('button', { name: 'Submit bid' }));
    expect(await screen.findByTestId('milestones-error')).toHaveTextContent('The tranches are ¥0.01 short of the request');
    expect(fetch.mock.calls.some(([r]) => (r as Request).url.endsWith('/bids'))).toBe(false);

    await user.clear(screen.getByLabelText(/^Milestone 1 tranche/));
    await fill(screen.getByLabelText(/^Milestone 1 tranche/), '30000000');
    expect(screen.getByTestId('tranche-tally')).toHaveTextContent('matches the request');
    await user.click(screen.getByRole('button', { name: 'Submit bid' }));
    await waitFor(() => expect(screen.getByLabelText(/^Requested funding/)).toHaveAttribute('aria-invalid', 'true'));
    expect(screen.getByText('The request exceeds the cap of art4.core_tech.')).toBeInTheDocument();
    const sent = fetch.mock.calls.map(([r]) => r as Request).find((r) => r.url.endsWith('/bids')) as Request;
    expect(sent.method).toBe('POST');
    expect(await sent.clone().json()).toMatchObject({
      requestedFundingFen: 3_000_000_000,
      milestones: [{ trancheFen: 3_000_000_000 }],
    });
  });
});

describe('score sheet rules', () => {
  it('takes 0–100 with at most two decimals and weighs by the criteria', () => {
    expect(parseScore('87.35')).toBe(87.35);
    expect(parseScore('100')).toBe(100);
    expect(parseScore('100.01')).toBeNull();
    expect(parseScore('80.123')).toBeNull();
    const criteria = [
      { key: 'technical', weight: 60, minScore: 60 },
      { key: 'team', weight: 20, minScore: 50 },
      { key: 'plan', weight: 20, minScore: 50 },
    ];
    expect(weightedScore(criteria, { technical: '80', team: '70', plan: '90' })).toBe(80);
    expect(weightedScore(criteria, { technical: '80', team: '70' })).toBeNull();
  });
});

describe('bid page: receipt, withdraw', () => {
  const user = {
    id: 'u1',
    email: 't@example.cn',
    displayName: '王芳',
    role: 'team',
    organizationId: 'org-1',
    active: true,
    createdAt: '',
  };
  const bid = {
    id: 'b1',
    challengeId: challenge.id,
    organizationId: 'org-1',
    status: 'submitted',
    totalInvestmentFen: 6_000_000_000,
    requestedFundingFen: 3_000_000_000,
    proposal: { text: '方案', approach: [{ metric: '量子比特数', plan: '路线' }] },
    consortium: [],
    milestones: [
      { id: 'm1', seq: 1, title: '验收', dueAt: '2033-06-30T09:00:00.000Z', deliverable: '芯片', trancheFen: 3_000_000_000 },
    ],
    receiptHash: 'a'.repeat(64),
    receipt: {
      algorithm: 'sha-256',
      canonicalization: 'RFC 8785 (JCS)',
      hash: 'a'.repeat(64),
      serverTime: '2030-06-01T01:02:03.456Z',
    },
    revision: 1,
    submittedAt: '2030-06-01T01:02:03.456Z',
    withdrawnAt: null,
    withdrawnReason: null,
    consents: [],
    consortiumConsent: 'complete',
    updatedAt: '2030-06-01T01:02:03.456Z',
  };

  it('shows the receipt of the live bid, and withdraws it after a confirmation', async () => {
    sessionStorage.setItem('jiebang.session', JSON.stringify({ token: 'tok', user, expiresAt: Date.now() + 3_600_000 }));
    const open = { ...challenge, bidDeadline: new Date(Date.now() + 86_400_000).toISOString() };
    let withdrawn = false;
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
      const request = input as Request;
      const url = new URL(request.url).pathname;
      if (url.endsWith('/withdraw')) {
        withdrawn = true;
        return Promise.resolve(jsonResponse(200, { ...bid, status: 'withdrawn', withdrawnAt: '2030-06-02T00:00:00.000Z' }));
      }
      if (url.endsWith('/bids'))
        return Promise.resolve(
          jsonResponse(200, {
            items: [withdrawn ? { ...bid, status: 'withdrawn', withdrawnAt: '2030-06-02T00:00:00.000Z' } : bid],
            count: withdrawn ? 0 : 1,
            nextCursor: null,
          }),
        );
      if (url.includes('/organizations/'))
        return Promise.resolve(
          jsonResponse(200, { id: 'org-1', name: 'x', kind: 'enterprise', creditCode: LEAD, createdAt: '' }),
        );
      if (url.includes('/quote')) return Promise.resolve(jsonResponse(200, quote()));
      return Promise.resolve(jsonResponse(200, open));
    });
    const { default: BidPage } = await import('../pages/BidPage');
    const u = userEvent.setup();
    renderPage(<BidPage />, { lang: 'zh', route: '/challenges/:id/bid', path: `/challenges/${challenge.id}/bid` });
    expect(await screen.findByTestId('receipt-hash')).toHaveTextContent('a'.repeat(64));
    expect(screen.getByTestId('receipt-time')).toHaveTextContent('2030-06-01T01:02:03.456Z');
    await u.click(screen.getByRole('button', { name: '撤回申报' }));
    const dialog = await screen.findByRole('dialog');
    // The confirmation names the money the bid asked for; cancel sends nothing.
    expect(within(dialog).getByTestId('confirm-amount')).toHaveTextContent('撤回的申请资助：¥30,000,000.00');
    await u.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(fetch.mock.calls.some(([r]) => (r as Request).url.endsWith('/withdraw'))).toBe(false);
    await u.click(screen.getByRole('button', { name: '撤回申报' }));
    await u.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '撤回申报' }));
    expect(await screen.findByRole('heading', { name: '填写申报书' })).toBeInTheDocument();
    expect(screen.getByText('已撤回的申报')).toBeInTheDocument();
    // The form comes back with the withdrawn bid's values, not empty.
    expect(screen.getByLabelText(/^申请资助（元）/)).toHaveValue('30000000');
    expect(screen.getByLabelText(/^项目总投资（元）/)).toHaveValue('60000000');
    const sent = fetch.mock.calls.map(([r]) => r as Request).find((r) => r.url.endsWith('/withdraw')) as Request;
    expect(sent.method).toBe('POST');
    expect(sent.headers.get('authorization')).toBe('Bearer tok');
  });
});

describe('criteria editor rules', () => {
  const row = (name: string, weight: string, minScore: string) => ({ name, description: '', weight, minScore });
  it('wants a name each, whole-percent weights adding up to 100, pass marks of 0–100', () => {
    const t = translator('en');
    expect(
      validateCriteria([row('Technical approach', '60', '60'), row('团队', '20', '50'), row('Plan', '20', '50.5')], t),
    ).toEqual({});
    expect(validateCriteria([row('  ', '60', '101'), row('team', '20', '0')], t)).toEqual({
      'criteria.0.name': 'Give the criterion a name',
      'criteria.0.minScore': 'Enter a score from 0 to 100 with at most 2 decimals',
      criteria: 'The weights add up to 80%, not 100%',
    });
    expect(validateCriteria([row('a', '50', '0'), row('名'.repeat(61), '0', '0')], t)).toEqual({
      'criteria.1.name': 'At most 60 characters',
      'criteria.1.weight': 'Enter a whole number from 1 to 100',
    });
  });
});
