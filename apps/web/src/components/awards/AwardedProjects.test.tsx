import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Challenge } from '../../api/client';
import { jsonResponse, renderPage } from '../../test/render';
import { AwardedProjects } from './AwardedProjects';

const CID = '00000000-0000-4000-8000-000000000001';
const PID = '00000000-0000-4000-8000-0000000000b1';
const OID = '00000000-0000-4000-8000-0000000000a1';
const challenge = { id: CID, mechanism: 'open_call', title: '量子芯片' } as Challenge;
const project = {
  id: PID,
  challengeId: CID,
  bidId: 'b',
  organizationId: 'o',
  organizationName: '深圳光量子测量仪器有限公司',
  title: '百比特超导量子芯片',
  amountFen: 2_500_000_000,
  paidFen: 0,
  status: 'publicity',
  programManagerId: null,
  stageReached: 0,
  publicityEndsAt: '2030-05-10T00:00:00Z',
  createdAt: '2030-05-01T00:00:00Z',
  challengeTitle: '量子芯片',
  mechanism: 'open_call',
  nextMilestone: null,
};
const objection = {
  id: OID,
  projectId: PID,
  status: 'open',
  reason: '核心成员同时承担另一项同类资助。',
  resolutionComment: null,
  createdAt: '2030-05-02T00:00:00Z',
};

function serve() {
  const sent: unknown[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request;
    const url = new URL(request.url);
    if (request.method === 'POST') {
      sent.push(await request.json());
      return jsonResponse(200, {
        objection: { ...objection, status: 'upheld' },
        projectStatus: 'revoked',
        returnedFen: project.amountFen,
        challengeAwardedFen: 0,
        challengeAwardedCount: 0,
      });
    }
    if (url.pathname.endsWith('/objections')) return jsonResponse(200, { items: [objection], nextCursor: null });
    if (url.pathname.endsWith('/staff')) return jsonResponse(200, { items: [] });
    return jsonResponse(200, { items: [project], nextCursor: null });
  });
  return sent;
}

afterEach(() => vi.restoreAllMocks());

describe('AwardedProjects: resolving a publicity objection', () => {
  it('upholding asks first, naming the project, its organisation and the grant revoked; cancel sends nothing', async () => {
    const sent = serve();
    renderPage(<AwardedProjects challenge={challenge} />, { lang: 'zh' });
    await screen.findByText(objection.reason);
    fireEvent.click(screen.getByLabelText(/^成立/));
    fireEvent.change(screen.getByLabelText(/^说明/), { target: { value: '经核实属实' } });
    fireEvent.click(screen.getByRole('button', { name: '提交处理' }));
    let dialog = await screen.findByRole('dialog', { name: '确认异议成立并撤销立项？' });
    expect(within(dialog).getByText(/深圳光量子测量仪器有限公司 的项目“百比特超导量子芯片”的立项/)).toBeInTheDocument();
    expect(within(dialog).getByTestId('confirm-amount')).toHaveTextContent('撤销的立项资助：¥25,000,000.00');
    fireEvent.click(within(dialog).getByRole('button', { name: '取消' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(sent).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: '提交处理' }));
    dialog = await screen.findByRole('dialog', { name: '确认异议成立并撤销立项？' });
    fireEvent.click(within(dialog).getByRole('button', { name: '异议成立，撤销立项' }));
    await waitFor(() => expect(sent).toEqual([{ decision: 'upheld', comment: '经核实属实' }]));
  });

  it('dismissing is sent without a confirmation (the award stands)', async () => {
    const sent = serve();
    renderPage(<AwardedProjects challenge={challenge} />, { lang: 'en' });
    await screen.findByText(objection.reason);
    fireEvent.click(screen.getByLabelText(/^Dismiss/));
    fireEvent.change(screen.getByLabelText(/^Comment/), { target: { value: 'Not founded' } });
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    await waitFor(() => expect(sent).toEqual([{ decision: 'dismissed', comment: 'Not founded' }]));
    expect(screen.queryByRole('dialog')).toBeNull();
  });
});
