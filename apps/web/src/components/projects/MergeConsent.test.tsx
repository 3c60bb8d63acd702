import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ProjectView } from '../../api/projects';
import { jsonResponse, renderPage } from '../../test/render';
import { MergeConsent } from './MergeConsent';

const CID = '00000000-0000-4000-8000-000000000001';
const PID = '00000000-0000-4000-8000-0000000000a1';
const ORG = '00000000-0000-4000-8000-0000000000a2';
const OTHER = '00000000-0000-4000-8000-0000000000b2';
const project = { id: PID, challengeId: CID, organizationId: ORG } as ProjectView;

const proposal = (decision: 'pending' | 'accepted', status = 'proposed') => ({
  id: 'm1',
  challengeId: CID,
  stage: 1,
  status,
  projectIds: [PID, 'pb'],
  consents: [
    { projectId: PID, organizationId: ORG, decision, comment: null, at: null },
    { projectId: 'pb', organizationId: OTHER, decision: 'accepted', comment: null, at: '2030-07-01T00:00:00Z' },
  ],
  leadOrganizationId: OTHER,
  members: [
    { organizationId: OTHER, organizationName: '深芯科技', creditCode: '91440300MA5F00000B', role: 'lead', sharePercent: 60 },
    { organizationId: ORG, organizationName: '光量研究院', creditCode: '91440300MA5F00000A', role: 'member', sharePercent: 40 },
  ],
  title: 'Joint chip',
  totalInvestmentFen: 10_000_000_00,
  grantFen: 3_000_000_00,
  milestones: [{ title: 'Wafer', dueAt: '2031-06-30T00:00:00Z', deliverable: 'Wafers', trancheFen: 1_500_000_00 }],
  resultProjectId: null,
  createdAt: '2030-07-01T00:00:00Z',
  decidedAt: null,
});

function serve(merge: ReturnType<typeof proposal>) {
  const sent: { path: string; body: unknown }[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request;
    if (request.method === 'POST') {
      sent.push({ path: new URL(request.url).pathname, body: await request.json() });
      return jsonResponse(200, { ...merge, status: 'declined' });
    }
    return jsonResponse(200, { items: [merge], nextCursor: null });
  });
  return sent;
}

beforeEach(() =>
  sessionStorage.setItem(
    'jiebang.session',
    JSON.stringify({
      token: 't',
      expiresAt: Date.now() + 3_600_000,
      user: { id: 'u', email: 'x@example.test', displayName: 'X', role: 'team', organizationId: ORG, active: true },
    }),
  ),
);
afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
});

describe('MergeConsent', () => {
  it('shows the terms and accepts only after confirmation', async () => {
    const sent = serve(proposal('pending'));
    renderPage(<MergeConsent project={project} />, { lang: 'en' });
    expect(await screen.findByText('Wafer')).toBeInTheDocument();
    expect(screen.getByText('¥1,500,000.00')).toBeInTheDocument();
    // Members by name with role and share; the credit code beside each, secondary.
    const members = within(screen.getByTestId('consortium')).getAllByRole('listitem');
    expect(members.map((li) => li.textContent)).toEqual([
      '深芯科技(lead 60%)91440300MA5F00000B',
      '光量研究院(member 40%)91440300MA5F00000A',
    ]);
    fireEvent.click(screen.getByRole('button', { name: 'Accept the merge' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByTestId('confirm-amount')).toHaveTextContent('¥3,000,000.00');
    expect(sent).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Accept the merge' }));
    await waitFor(() => expect(sent).toEqual([{ path: `/api/v1/challenges/${CID}/merges/m1/consents`, body: { accept: true } }]));
  });

  it('declines with a comment after confirmation; cancelling sends nothing (zh)', async () => {
    const sent = serve(proposal('pending'));
    renderPage(<MergeConsent project={project} />, { lang: 'zh' });
    fireEvent.change(await screen.findByLabelText('意见（选填）'), { target: { value: '分工不合理' } });
    fireEvent.click(screen.getByRole('button', { name: '拒绝合并' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '取消' }));
    fireEvent.click(screen.getByRole('button', { name: '拒绝合并' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('拒绝后该合并方案即告终止，本项目照常进行。')).toBeInTheDocument();
    expect(sent).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: '拒绝合并' }));
    await waitFor(() => expect(sent.map((s) => s.body)).toEqual([{ accept: false, comment: '分工不合理' }]));
  });

  it('an answered proposal shows its state and no buttons', async () => {
    serve(proposal('accepted', 'merged'));
    renderPage(<MergeConsent project={project} />, { lang: 'zh' });
    expect(await screen.findByText('已合并')).toBeInTheDocument();
    expect(screen.getByText('本项目答复：已同意')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '同意合并' })).toBeNull();
  });
});
