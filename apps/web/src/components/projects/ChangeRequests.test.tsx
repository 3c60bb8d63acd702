import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeRequestView } from '../../api/projects';
import { jsonResponse, renderPage } from '../../test/render';
import { ChangeRequests } from './ChangeRequests';

const PID = '00000000-0000-4000-8000-000000000001';
const request = {
  id: '00000000-0000-4000-8000-0000000000c1',
  milestoneId: 'm',
  milestoneSeq: 1,
  milestoneTitle: '100 比特流片',
  status: 'pending',
  currentDueAt: '2030-03-01T04:00:00Z',
  dueAt: null,
  currentTrancheFen: 2_000_000_000,
  trancheFen: 1_500_000_000,
  reason: '工艺调整',
  comment: null,
  createdAt: '2030-01-01T00:00:00Z',
  decidedAt: null,
} as unknown as ChangeRequestView;

function serve() {
  const sent: unknown[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    sent.push(await (input as Request).json());
    return jsonResponse(200, { ...request, status: 'approved' });
  });
  return sent;
}

afterEach(() => vi.restoreAllMocks());

describe('ChangeRequests', () => {
  it('approving a tranche change first says the milestone and the tranche before and after; cancel sends nothing', async () => {
    const sent = serve();
    renderPage(<ChangeRequests projectId={PID} items={[request]} canDecide />, { lang: 'zh' });
    fireEvent.click(screen.getByRole('button', { name: '批准' }));
    let dialog = await screen.findByRole('dialog', { name: '确认批准计划调整？' });
    expect(within(dialog).getByText('里程碑 2“100 比特流片”将按新计划执行：')).toBeInTheDocument();
    expect(within(dialog).getByText('拨付金额：¥20,000,000.00 → ¥15,000,000.00')).toBeInTheDocument();
    expect(within(dialog).getByText(/^截止时间：.*（不变）$/)).toBeInTheDocument();
    expect(within(dialog).getByTestId('confirm-amount')).toHaveTextContent('调整后的拨付：¥15,000,000.00');
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sent).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: '批准' }));
    dialog = await screen.findByRole('dialog', { name: '确认批准计划调整？' });
    fireEvent.click(within(dialog).getByRole('button', { name: '批准调整' }));
    await waitFor(() => expect(sent).toEqual([{ approve: true }]));
  });

  it('a date change says the dates before and after (en), with no amount line', async () => {
    serve();
    const moved = { ...request, trancheFen: null, dueAt: '2030-06-01T04:00:00Z' } as ChangeRequestView;
    renderPage(<ChangeRequests projectId={PID} items={[moved]} canDecide />, { lang: 'en' });
    fireEvent.click(await screen.findByRole('button', { name: 'Approve' }));
    const dialog = await screen.findByRole('dialog', { name: 'Approve the plan change?' });
    expect(within(dialog).getByText(/^Due: .*2030.* → .*2030/)).toBeInTheDocument();
    expect(within(dialog).getByText('Tranche: ¥20,000,000.00 (unchanged)')).toBeInTheDocument();
    expect(within(dialog).queryByTestId('confirm-amount')).toBeNull();
  });

  it('rejecting needs no confirmation (nothing changes)', async () => {
    const sent = serve();
    renderPage(<ChangeRequests projectId={PID} items={[request]} canDecide />, { lang: 'zh' });
    fireEvent.click(screen.getByRole('button', { name: '驳回' }));
    await waitFor(() => expect(sent).toEqual([{ approve: false }]));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
