import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '../test/render';
import ReviewChallengePage from './ReviewPage';

const CID = '7b0c7f5e-2222-4222-8222-222222222222';
const ME = '7b0c7f5e-3333-4333-8333-333333333333';
const B1 = '7b0c7f5e-5555-4555-8555-555555555555';
const B2 = '7b0c7f5e-6666-4666-8666-666666666666';
const B3 = '7b0c7f5e-7777-4777-8777-777777777777';

const criteria = [
  {
    key: 'technical',
    name: '核心技术路线',
    description: '路线是否可行、是否领先',
    label: { zh: '核心技术路线', en: '核心技术路线' },
    weight: 60,
    minScore: 60,
  },
  { key: 'team', name: null, description: null, label: { zh: '团队能力', en: 'Team capability' }, weight: 20, minScore: 50 },
  { key: 'c3', name: '成本', description: null, label: { zh: '成本', en: '成本' }, weight: 20, minScore: 0 },
];
const bid = (id: string, submittedAt: string) => ({
  id,
  challengeId: CID,
  organizationId: `org-${id}`,
  status: 'submitted',
  revision: 1,
  totalInvestmentFen: 2_000_000_000,
  requestedFundingFen: 1_000_000_000,
  proposal: { text: '方案' },
  consortium: [],
  documents: [],
  milestones: [],
  submittedAt,
});
const sheet = {
  bidId: B1,
  scores: { technical: 88, team: 70.5, c3: 60 },
  comment: '思路清晰',
  revision: 2,
  updatedAt: '2030-02-01T02:00:00.000Z',
};

function serve(closedAt: string | null) {
  const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
    const req = input as Request;
    const url = new URL(req.url).pathname;
    if (req.method === 'POST') return Promise.resolve(jsonResponse(200, {}));
    const body =
      url === `/api/v1/challenges/${CID}`
        ? { id: CID, title: '光计算芯片', status: 'closed', bidDeadline: '2020-01-01T00:00:00.000Z' }
        : url === `/api/v1/challenges/${CID}/bids`
          ? { items: [bid(B1, '2029-12-01T00:00:00.000Z'), bid(B2, '2029-12-02T00:00:00.000Z')], count: 3, nextCursor: null }
          : url === `/api/v1/challenges/${CID}/criteria`
            ? { challengeId: CID, criteria, custom: true }
            : url === '/api/v1/review/assignments'
              ? {
                  items: [
                    {
                      challengeId: CID,
                      title: '光计算芯片',
                      status: 'closed',
                      bidDeadline: '2020-01-01T00:00:00.000Z',
                      unsealed: true,
                      assignedAt: '2029-11-01T00:00:00.000Z',
                      panelClosedAt: closedAt,
                      bids: 3,
                      scored: 1,
                      conflicts: 1,
                    },
                  ],
                  nextCursor: null,
                }
              : url === `/api/v1/challenges/${CID}/my-scores`
                ? {
                    challengeId: CID,
                    panelClosedAt: closedAt,
                    criteria,
                    sheets: [sheet],
                    conflicts: [
                      {
                        bidId: B3,
                        organizationName: '丙研究院',
                        reason: '曾与该团队合作',
                        declaredAt: '2030-01-02T02:00:00.000Z',
                      },
                    ],
                  }
                : url === `/api/v1/challenges/${CID}/ranking`
                  ? {
                      items: [
                        {
                          bidId: B1,
                          organizationId: `org-${B1}`,
                          organizationName: '甲公司',
                          rank: 1,
                          score: 74,
                          scores: { technical: 74, team: 74, c3: 74 },
                          rawScores: { technical: 74, team: 74, c3: 74 },
                          eligible: true,
                          failedCriteria: [],
                          reviewers: 2,
                          status: 'submitted',
                          requestedFundingFen: 1_000_000_000,
                          submittedAt: '2029-12-01T00:00:00.000Z',
                        },
                        {
                          bidId: B2,
                          organizationId: `org-${B2}`,
                          organizationName: '乙大学',
                          rank: 2,
                          score: 40,
                          scores: { technical: 40, team: 40, c3: 40 },
                          rawScores: { technical: 40, team: 40, c3: 40 },
                          eligible: false,
                          failedCriteria: ['technical', 'team'],
                          reviewers: 2,
                          status: 'submitted',
                          requestedFundingFen: 1_000_000_000,
                          submittedAt: '2029-12-02T00:00:00.000Z',
                        },
                      ],
                      nextCursor: null,
                      normalize: 'none',
                      criteria,
                      panelClosed: true,
                      tieBreak: '',
                      tieBreakOrder: ['higher_score'],
                    }
                  : { items: [], nextCursor: null };
    return Promise.resolve(jsonResponse(200, body));
  });
  return fetch;
}

function signInAsReviewer() {
  sessionStorage.setItem(
    'jiebang.session',
    JSON.stringify({
      token: 't',
      expiresAt: Date.now() + 3_600_000,
      user: {
        id: ME,
        email: 'r@example.test',
        displayName: 'R',
        role: 'reviewer',
        organizationId: null,
        active: true,
        createdAt: '2030-01-01T00:00:00Z',
      },
    }),
  );
}

afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
});

const render = (lang: 'zh' | 'en' = 'zh') =>
  renderPage(<ReviewChallengePage />, { lang, route: '/review/:id', path: `/review/${CID}` });
/** Opens bid n's accordion item; its panel (the region its control names). */
const bidPanel = async (n: number, word = '申报') => {
  const control = await screen.findByRole('button', { name: new RegExp(`${word} ${n}`) });
  fireEvent.click(control);
  return document.getElementById(control.getAttribute('aria-controls') as string) as HTMLElement;
};

describe('the reviewer’s page', () => {
  it('while the panel is open, the score form starts from the reviewer’s saved sheet, criteria by name', async () => {
    serve(null);
    signInAsReviewer();
    render();
    const first = await bidPanel(1);
    const technical = within(first).getByLabelText(/^核心技术路线（权重 60%）/);
    expect(technical).toHaveValue('88');
    expect(within(first).getByLabelText(/^团队能力（权重 20%）/)).toHaveValue('70.5');
    expect(within(first).getByLabelText(/^成本（权重 20%）/)).toHaveValue('60');
    expect(within(first).getByLabelText(/^评语/)).toHaveValue('思路清晰');
    expect(within(first).getByText(/路线是否可行、是否领先/)).toBeInTheDocument();
    expect(within(first).getByTestId('saved-sheet').textContent).toMatch(/第 2 版/);
    expect(within(first).getByRole('button', { name: '修改评分', hidden: true })).toBeEnabled();
    expect(within(first).getByRole('button', { name: '声明利益冲突', hidden: true })).toBeEnabled();
    // a bid not yet scored starts empty
    const second = await bidPanel(2);
    expect(within(second).getByLabelText(/^核心技术路线/)).toHaveValue('');
    expect(within(second).getByRole('button', { name: '提交评分', hidden: true })).toBeEnabled();
    // the declared conflict is listed by organisation and reason; no raw key anywhere
    expect(screen.getByTestId('my-conflicts').textContent).toMatch(/丙研究院：曾与该团队合作/);
    expect(document.body.textContent).not.toMatch(/technical|\bc3\b/);
  });

  it('once closed, the reviewer’s own scores read-only (not the panel’s), and nothing to press', async () => {
    serve('2030-02-10T02:00:00.000Z');
    signInAsReviewer();
    render();
    await screen.findByTestId('panel-closed');
    const first = await bidPanel(1);
    const locked = within(first).getByTestId('locked-scores');
    expect(within(locked).getByRole('heading', { name: '我的评分（只读）', hidden: true })).toBeInTheDocument();
    const row = (name: RegExp) => within(locked).getByRole('rowheader', { name, hidden: true }).closest('tr') as HTMLElement;
    expect(within(row(/^核心技术路线/)).getByRole('cell', { hidden: true }).textContent).toBe('88.00');
    expect(within(row(/^团队能力/)).getByRole('cell', { hidden: true }).textContent).toBe('70.50');
    // 0.6 × 88 + 0.2 × 70.5 + 0.2 × 60 = 78.90
    expect(within(row(/^加权总分/)).getByRole('cell', { hidden: true }).textContent).toBe('78.90');
    expect(locked.textContent).toMatch(/思路清晰/);
    expect(locked.textContent).not.toMatch(/74\.00/);
    const second = await bidPanel(2);
    expect(within(second).getByTestId('locked-scores').textContent).toMatch(/您未对该申报评分/);
    expect(screen.queryByRole('button', { name: /提交评分|修改评分|声明利益冲突/, hidden: true })).toBeNull();
    expect(screen.queryByRole('textbox', { hidden: true })).toBeNull();
    // the ranking names criteria, never keys
    const ranking = screen.getByTestId('ranking');
    expect(within(ranking).getByRole('columnheader', { name: '核心技术路线 (60%)' })).toBeInTheDocument();
    expect(ranking.textContent).toMatch(/不合格：核心技术路线、团队能力/);
    expect(document.body.textContent).not.toMatch(/technical|\bc3\b/);
  });

  it('in English the built-in name is English; the name the agency typed stays as typed', async () => {
    serve('2030-02-10T02:00:00.000Z');
    signInAsReviewer();
    render('en');
    const locked = within(await bidPanel(1, 'Bid')).getByTestId('locked-scores');
    expect(within(locked).getByRole('heading', { name: 'My scores (read-only)', hidden: true })).toBeInTheDocument();
    await waitFor(() =>
      expect(within(locked).getByRole('rowheader', { name: /^Team capability/, hidden: true })).toBeInTheDocument(),
    );
    expect(within(locked).getByRole('rowheader', { name: /^核心技术路线/, hidden: true })).toBeInTheDocument();
  });
});
