import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { BidView } from '../api/bids';
import { renderPage } from '../test/render';
import { BidDetails } from './BidReceipt';

const bid = {
  id: 'b',
  proposal: { text: '方案' },
  consortium: [],
  documents: [],
  milestones: [
    { id: 'm2', seq: 1, title: '100 比特交付', dueAt: '2031-01-01T00:00:00Z', trancheFen: 2_000_000_000 },
    { id: 'm1', seq: 0, title: '50 比特流片', dueAt: '2030-06-01T00:00:00Z', trancheFen: 1_000_000_000 },
  ],
} as unknown as BidView;

describe('BidDetails', () => {
  it('numbers the milestones from 1 (seq is 0-based), as the project page does', () => {
    renderPage(<BidDetails bid={bid} />, { lang: 'zh' });
    const rows = within(screen.getByRole('table')).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell')[0].textContent)).toEqual(['1', '2']);
    expect(within(rows[0]).getByText('50 比特流片')).toBeInTheDocument();
  });
});
