import { FUNDING_RULES, formatCny } from '@app/policy';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { FundingRule } from '../api/client';
import { jsonResponse, renderPage } from '../test/render';
import FundingRulesPage from './FundingRulesPage';

/** The list as GET /funding-rules answers it, built from the real rule table. */
const RULES: FundingRule[] = FUNDING_RULES.map((rule) => ({
  ...rule,
  title: { ...rule.title },
  base: rule.base && { ...rule.base },
  decidedBy: rule.decidedBy && { ...rule.decidedBy },
  capCny: rule.capFen === null ? null : formatCny(rule.capFen),
  effective: { firstDay: '2023-01-01', lastDay: '2027-12-31' },
}));

function serve() {
  return vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
    const url = new URL((input as Request).url).pathname;
    if (url === '/api/v1/funding-rules') return Promise.resolve(jsonResponse(200, { items: RULES }));
    return Promise.resolve(jsonResponse(404, {}));
  });
}

const quoteCalls = (fetch: ReturnType<typeof serve>) =>
  fetch.mock.calls.filter(([input]) => new URL((input as Request).url).pathname.endsWith('/quote'));

afterEach(() => vi.restoreAllMocks());

describe('FundingRulesPage: clauses that fund without an amount', () => {
  it('lists them in Chinese with their words, no amount, and who decides it', async () => {
    serve();
    renderPage(<FundingRulesPage />, { lang: 'zh' });
    const row = await screen.findByTestId('rule-art8.high_tech_enterprise');
    const cells = within(row).getAllByRole('cell');
    expect(cells[0].textContent).toBe('八');
    expect(row.textContent).toContain('鼓励各区根据产业发展实际，对新增的及重新认定的未来产业国家高新技术企业予以一定资助');
    expect(within(row).getByText('本措施未规定金额')).toBeTruthy();
    expect(within(row).getByTestId('decided-by').textContent).toBe('由各区根据产业发展实际确定（本措施只是鼓励各区资助）');
    expect(within(row).getByText('原文未说明')).toBeTruthy();
    expect(screen.getByText('另有 8 项条款予以资助但未规定金额，表中列出原文及金额由谁确定。')).toBeTruthy();
  });

  it('in English, clauses read as numbers with the numeral in brackets', async () => {
    serve();
    renderPage(<FundingRulesPage />, { lang: 'en' });
    const core = await screen.findByTestId('rule-art4.core_tech');
    expect(within(core).getAllByRole('cell')[0].textContent).toBe('4 (四)');
    const park = screen.getByTestId('rule-art20.district_matching');
    expect(within(park).getAllByRole('cell')[0].textContent).toBe('20 (二十)');
    expect(within(park).getByText('no amount set by these measures')).toBeTruthy();
    expect(within(park).getByTestId('decided-by').textContent).toContain('each district decides it');
    // The rule picker too.
    expect(screen.getByRole('option', { name: /^4 \(四\) · core-technology projects$/ })).toBeTruthy();
  });

  it('the calculator gives no amount for such a clause, but the sentence, in both languages', async () => {
    const fetch = serve();
    const user = userEvent.setup();
    const { unmount } = renderPage(<FundingRulesPage />, { lang: 'zh' });
    await user.selectOptions(await screen.findByLabelText('资助规则'), 'art5.national_platform');
    const note = screen.getByTestId('no-amount');
    expect(note.textContent).toContain('本措施未规定此项资助的金额');
    expect(note.textContent).toContain('金额按相关政策确定。计算器因此不给出金额。');
    expect(screen.queryByRole('button', { name: '计算' })).toBeNull();
    expect(screen.queryByLabelText(/^申请金额/)).toBeNull();
    expect(quoteCalls(fetch)).toEqual([]);
    // Back to a rule with an amount: the calculator returns.
    await user.selectOptions(screen.getByLabelText('资助规则'), 'art4.core_tech');
    expect(screen.queryByTestId('no-amount')).toBeNull();
    expect(screen.getByRole('button', { name: '计算' })).toBeTruthy();
    unmount();

    renderPage(<FundingRulesPage />, { lang: 'en' });
    await user.selectOptions(await screen.findByLabelText('Funding rule'), 'art18.themed_event');
    expect(screen.getByTestId('no-amount').textContent).toContain(
      "It is decided under each lead organisation's existing policies (按各牵头单位既有政策). So the calculator gives no amount.",
    );
  });
});
