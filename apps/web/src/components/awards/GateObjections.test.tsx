import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GateView } from '../../api/awards';
import { jsonResponse, renderPage } from '../../test/render';
import { GateObjections } from './GateObjections';

const CID = '00000000-0000-4000-8000-000000000001';
const OID = '00000000-0000-4000-8000-0000000000aa';
const gate = {
  challengeId: CID,
  stage: 1,
  advancing: ['pa', 'pb'],
  eliminated: ['pc'],
  advancingSlots: 2,
  phase: 'in_publicity',
} as GateView;
const names: Record<string, string> = { pa: 'Alpha Ltd', pb: 'Beta Ltd', pc: 'Gamma Ltd' };
const objection = {
  id: OID,
  gateId: 'g',
  projectId: 'pc',
  status: 'open',
  reason: 'Milestone misjudged',
  createdAt: '2030-05-01T00:00:00Z',
  documents: [],
};

function serve() {
  const sent: unknown[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request;
    if (request.method === 'POST') {
      sent.push(await request.json());
      return jsonResponse(200, { objection: { ...objection, status: 'upheld' }, gate });
    }
    return jsonResponse(200, { items: [objection], nextCursor: null });
  });
  return sent;
}

afterEach(() => vi.restoreAllMocks());

describe('GateObjections', () => {
  it('upholding with every slot taken asks who stops instead, says so in the confirmation, then sends it', async () => {
    const sent = serve();
    renderPage(<GateObjections gate={gate} name={(id) => names[id]} title={() => undefined} />, { lang: 'en' });
    await screen.findByText('Milestone misjudged');
    fireEvent.click(screen.getByLabelText('Uphold'));
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    expect(await screen.findByText('Choose the project to stop instead')).toBeInTheDocument();
    fireEvent.change(screen.getByLabelText(/^Project stopped instead/), { target: { value: 'pb' } });
    fireEvent.change(screen.getByLabelText(/^Comment/), { target: { value: 'Reviewed' } });
    fireEvent.click(screen.getByRole('button', { name: 'Resolve' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/Gamma Ltd passes the gate of stage 1; Beta Ltd is stopped instead/)).toBeInTheDocument();
    expect(sent).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Uphold the objection' }));
    await waitFor(() => expect(sent).toEqual([{ decision: 'upheld', comment: 'Reviewed', stopInstead: 'pb' }]));
  });

  it('dismissing says the result stands (zh)', async () => {
    serve();
    renderPage(<GateObjections gate={gate} name={(id) => names[id]} title={() => undefined} />, { lang: 'zh' });
    await screen.findByText('Milestone misjudged');
    fireEvent.click(screen.getByLabelText('驳回异议'));
    expect(screen.queryByLabelText(/^改为止步的项目/)).toBeNull();
    fireEvent.change(screen.getByLabelText(/^处理意见/), { target: { value: '评定无误' } });
    fireEvent.click(screen.getByRole('button', { name: '提交处理' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('驳回异议：关口结果不变，Gamma Ltd 仍止步于第 1 阶段。')).toBeInTheDocument();
  });
});
