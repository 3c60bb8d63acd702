import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import type { Challenge } from '../../api/client';
import PortfolioPage from '../../pages/PortfolioPage';
import { jsonResponse, problemResponse, renderPage } from '../../test/render';
import { ChallengeResults } from './ChallengeResults';

const CID = '7b0c7f5e-1111-4111-8111-111111111111';
const P1 = '7b0c7f5e-2222-4222-8222-222222222222';
const P2 = '7b0c7f5e-3333-4333-8333-333333333333';

function signInAs(role: string) {
  sessionStorage.setItem(
    'jiebang.session',
    JSON.stringify({
      token: 't',
      expiresAt: Date.now() + 3_600_000,
      user: {
        id: 'u1',
        email: 'x@example.test',
        displayName: 'X',
        role,
        organizationId: null,
        active: true,
        createdAt: '2030-01-01T00:00:00Z',
      },
    }),
  );
}

const item = (id: string, title: string, health: string, overdue = 0) => ({
  id,
  title,
  challengeId: CID,
  organizationId: CID,
  organizationName: `${title} Ltd`,
  industry: 'quantum_information',
  status: 'active',
  programManagerId: 'u1',
  grantedFen: 100_000_00,
  paidFen: 40_000_00,
  scheduledFen: 0,
  nextMilestone: null,
  dueNext30Days: [],
  overdue: Array.from({ length: overdue }, (_, i) => ({
    id: `${id.slice(0, -1)}${i}`,
    seq: i,
    title: 'm',
    dueAt: '2030-01-01T00:00:00Z',
    status: 'overdue',
    trancheFen: 1,
  })),
  awaitingReview: [],
  health,
});

describe('PortfolioPage', () => {
  it('shows totals, lights in words, the chart table, filters by health on the server and loads more pages (in English)', async () => {
    signInAs('program_manager');
    const totals = {
      projects: 3,
      grantedFen: 300_000_00,
      paidFen: 120_000_00,
      onTrack: 2,
      atRisk: 0,
      late: 1,
      awaitingReview: 0,
    };
    const timeline = [
      { month: '2030-01', grantedFen: 100_000_00, scheduledFen: 0, paidFen: 0 },
      { month: '2030-02', grantedFen: 300_000_00, scheduledFen: 150_000_00, paidFen: 120_000_00 },
      { month: '2030-03', grantedFen: 300_000_00, scheduledFen: 300_000_00, paidFen: 120_000_00 },
    ];
    const budgetFen = 500_000_00;
    const P3 = '7b0c7f5e-4444-4444-8444-444444444444';
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation((request) => {
      const url = new URL((request as Request).url);
      const page = (items: unknown[], nextCursor: string | null) =>
        jsonResponse(200, { items, nextCursor, totals, timeline, budgetFen });
      if (url.searchParams.get('health') === 'late') return Promise.resolve(page([item(P2, 'Cell line', 'late', 2)], null));
      if (url.searchParams.get('cursor') === 'page-2')
        return Promise.resolve(page([item(P3, 'Photonic link', 'on_track')], null));
      return Promise.resolve(page([item(P1, 'Quantum chip', 'on_track'), item(P2, 'Cell line', 'late', 2)], 'page-2'));
    });
    renderPage(<PortfolioPage />, { lang: 'en', route: '/portfolio', path: '/portfolio' });
    expect(await screen.findByTestId('total-granted')).toHaveTextContent('¥300,000.00');
    expect(screen.getByTestId('total-late')).toHaveTextContent('1');
    // a zero is a figure, not a blank (Mantine's Group drops falsy children)
    expect(screen.getByTestId('total-at_risk').querySelector('dd')?.textContent).toBe('0');
    expect(screen.getByRole('radio', { name: 'At risk (0)' })).toBeTruthy();
    // the chips count the whole portfolio, not the page loaded
    expect(screen.getByRole('radio', { name: 'All (3)' })).toBeTruthy();
    const table = screen.getByTestId('money-table');
    expect(
      within(table)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual([
      'MonthGrantedScheduledPaid',
      '2030-01¥100,000.00¥0.00¥0.00',
      '2030-02¥300,000.00¥150,000.00¥120,000.00',
      '2030-03¥300,000.00¥300,000.00¥120,000.00',
    ]);
    // the lifetime chart: three cumulative series and the budget ceiling, summarised for screen readers
    const chart = screen.getByTestId('money-chart');
    expect([...chart.querySelectorAll('[data-series]')].map((e) => e.getAttribute('data-series'))).toEqual([
      'budget',
      'granted',
      'scheduled',
      'paid',
    ]);
    expect(chart.querySelector('desc')?.textContent).toBe(
      '2030-01 to 2030-03: granted ¥300,000.00, scheduled ¥300,000.00, paid ¥120,000.00; budget ¥500,000.00.',
    );
    expect(screen.getAllByTestId('portfolio-project')).toHaveLength(2);
    expect(screen.getByText('Showing 2 of 3 projects')).toBeTruthy();
    // each card names its organisation (a horse race's projects share a title)
    expect(screen.getAllByTestId('project-org').map((o) => o.textContent)).toEqual([
      'Organisation: Quantum chip Ltd',
      'Organisation: Cell line Ltd',
    ]);
    expect(screen.getByText('Overdue 2')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(screen.getAllByTestId('portfolio-project')).toHaveLength(3));
    expect(screen.getByText('Showing 3 of 3 projects')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();

    await userEvent.click(screen.getByRole('radio', { name: /Late \(1\)/ }));
    await waitFor(() => expect(screen.getAllByTestId('portfolio-project')).toHaveLength(1));
    expect(fetch.mock.calls.some(([r]) => (r as Request).url.includes('health=late'))).toBe(true);
    expect(screen.getByTestId('portfolio-project')).toHaveTextContent('Cell line');
    expect(screen.getByTestId('portfolio-project')).toHaveTextContent('Late');
    expect(screen.getByText('Showing 1 of 1 projects')).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Sort by'), 'granted');
    await waitFor(() => expect(fetch.mock.calls.some(([r]) => (r as Request).url.includes('sort=granted'))).toBe(true));
  });

  it('tells a team the portfolio is not theirs, without asking the API', () => {
    signInAs('team');
    const fetch = vi.spyOn(globalThis, 'fetch');
    renderPage(<PortfolioPage />, { lang: 'en', route: '/portfolio', path: '/portfolio' });
    expect(screen.getByRole('alert')).toHaveTextContent('program managers, agencies and admins');
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('ChallengeResults', () => {
  const challenge = {
    id: CID,
    status: 'awarded',
    mechanism: 'open_call',
    budgetFen: 300_000_00,
    awardedFen: 100_000_00,
    stages: [],
  } as unknown as Challenge;
  const results = {
    challengeId: CID,
    awardedFen: 100_000_00,
    paidFen: 0,
    nextCursor: null,
    items: [
      {
        projectId: P1,
        title: 'Quantum chip',
        organizationName: 'Shenzhen Qubit Ltd',
        amountFen: 100_000_00,
        paidFen: 0,
        status: 'publicity',
        stageReached: 0,
        publicityEndsAt: '2999-01-01T00:00:00Z',
      },
    ],
  };

  it('shows the award and lets a signed-in user object; the server’s field error sits beside the reason', async () => {
    signInAs('team');
    let posts = 0;
    vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
      const request = input as Request;
      if (request.method === 'POST') {
        posts += 1;
        return Promise.resolve(
          posts === 1
            ? problemResponse(400, { title: 'Bad Request', errors: [{ field: 'reason', message: 'must be shorter' }] })
            : jsonResponse(201, { id: 'abcdef12-0000-4000-8000-000000000000', projectId: P1, status: 'open', reason: 'x' }),
        );
      }
      return Promise.resolve(jsonResponse(200, results));
    });
    renderPage(<ChallengeResults challenge={challenge} />, { lang: 'en' });
    expect(await screen.findByTestId('results-table')).toHaveTextContent('Shenzhen Qubit Ltd');
    expect(screen.getByTestId('results-table')).toHaveTextContent('In publicity until 2999-01-01 08:00');
    expect(screen.getByTestId('results-paid')).toHaveTextContent('¥0.00');
    await userEvent.click(screen.getByRole('button', { name: 'Object: Shenzhen Qubit Ltd' }));
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByText('Required')).toBeTruthy();
    expect(posts).toBe(0);
    await userEvent.type(screen.getByLabelText(/^Reason/), 'The references do not check out.');
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByText('must be shorter')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Submit' }));
    expect(await screen.findByTestId('objection-lodged')).toHaveTextContent('Objection lodged (no. abcdef12)');
  });

  it('a horse race: a gate not run yet (200, run: false) reads "Not yet run", a gate run lists who advanced', async () => {
    const race = { ...challenge, mechanism: 'horse_race', stages: [{ name: 'S1' }, { name: 'S2' }] } as unknown as Challenge;
    const gate = (stage: number, run: boolean) => ({
      run,
      id: run ? 'abcdef12-0000-4000-8000-000000000001' : null,
      challengeId: CID,
      stage,
      stageName: `S${stage}`,
      advancingSlots: 1,
      advancing: run ? [P1] : [],
      eliminated: [],
      evidence: [],
      tieBreakReason: null,
      tieRule: '',
      cancelled: [],
      decidedAt: run ? '2030-01-01T00:00:00Z' : null,
    });
    vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
      const path = new URL((input as Request).url).pathname;
      const stage = /\/stages\/(\d)\/gate$/.exec(path)?.[1];
      return Promise.resolve(jsonResponse(200, stage ? gate(Number(stage), stage === '1') : results));
    });
    renderPage(<ChallengeResults challenge={race} />, { lang: 'en' });
    expect(await within(await screen.findByTestId('gate-2')).findByText('Not yet run')).toBeTruthy();
    expect(await within(screen.getByTestId('gate-1')).findByText(/Advancing/)).toBeTruthy();
    expect(screen.getByTestId('gate-1')).not.toHaveTextContent('Not yet run');
  });

  it('renders nothing before a challenge has closed', () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    const { container } = renderPage(<ChallengeResults challenge={{ ...challenge, status: 'published' } as Challenge} />, {
      lang: 'en',
    });
    expect(container.querySelector('[data-testid="challenge-results"]')).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
  });
});
