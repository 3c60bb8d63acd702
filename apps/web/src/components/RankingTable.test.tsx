import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { RankingView } from '../api/bids';
import { ranking } from '../test/ranking-fixture';
import { renderPage } from '../test/render';
import { RankingTable, submissionNumbers } from './RankingTable';

describe('bid numbering in the ranking', () => {
  it('numbers bids by submission, then id, as the bid list does', () => {
    const numbers = submissionNumbers([
      { id: 'b', submittedAt: '2030-01-01T00:00:00.000Z' },
      { id: 'c', submittedAt: '2030-01-01T00:00:00.001Z' },
      { id: 'a', submittedAt: '2030-01-01T00:00:00.000Z' },
    ]);
    expect([...numbers]).toEqual([
      ['a', 1],
      ['b', 2],
      ['c', 3],
    ]);
  });

  it('names each ranked bid "申报 n" and its organisation, never a hash prefix', () => {
    renderPage(<RankingTable ranking={ranking} />, { lang: 'zh' });
    const table = screen.getByTestId('ranking');
    expect(within(screen.getByTestId('ranking-bid-1')).getByText('申报 2')).toBeInTheDocument();
    expect(within(screen.getByTestId('ranking-bid-1')).getByText('甲公司')).toBeInTheDocument();
    expect(within(screen.getByTestId('ranking-bid-3')).getByText('申报 1')).toBeInTheDocument();
    expect(table.textContent).not.toMatch(/aaaa1111|bbbb2222|cccc3333/);
  });

  it('follows the numbers of the list it is shown under (a reviewer’s list); a bid not in it by organisation only', () => {
    const numbers = new Map([
      ['aaaa1111-0000-4000-8000-000000000000', 1],
      ['bbbb2222-0000-4000-8000-000000000000', 2],
    ]);
    renderPage(<RankingTable ranking={ranking} numbers={numbers} />, { lang: 'en' });
    expect(within(screen.getByTestId('ranking-bid-2')).getByText('Bid 2')).toBeInTheDocument();
    expect(screen.getByTestId('ranking-bid-3').textContent).toMatch(/^丙研究院/);
    expect(screen.getByTestId('ranking-bid-3').textContent).not.toMatch(/Bid \d/);
  });

  it('names criteria as the agency named them (the defaults by their built-in names), never by key', () => {
    const named = {
      ...ranking,
      criteria: [
        {
          key: 'technical',
          name: null,
          description: null,
          label: { zh: '技术方案', en: 'Technical approach' },
          weight: 60,
          minScore: 60,
        },
        {
          key: 'c2',
          name: '产业化前景',
          description: null,
          label: { zh: '产业化前景', en: '产业化前景' },
          weight: 40,
          minScore: 50,
        },
      ],
      items: ranking.items.map((r, i) => (i === 2 ? { ...r, eligible: false, failedCriteria: ['technical', 'c2'] } : r)),
    } as RankingView;
    renderPage(<RankingTable ranking={named} />, { lang: 'en' });
    expect(screen.getByRole('columnheader', { name: 'Technical approach (60%)' })).toBeInTheDocument();
    expect(screen.getByRole('columnheader', { name: '产业化前景 (40%)' })).toBeInTheDocument();
    expect(screen.getByText('Not eligible: Technical approach, 产业化前景')).toBeInTheDocument();
    expect(screen.getByTestId('ranking').textContent).not.toMatch(/technical|\bc2\b/);
  });
});
