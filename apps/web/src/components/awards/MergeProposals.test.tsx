import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Challenge } from '../../api/client';
import { jsonResponse, problemResponse, renderPage } from '../../test/render';
import { MergeProposals } from './MergeProposals';

const CID = '00000000-0000-4000-8000-000000000001';
const PA = '00000000-0000-4000-8000-0000000000a1';
const PB = '00000000-0000-4000-8000-0000000000b1';
const PC = '00000000-0000-4000-8000-0000000000c1';
const OA = '00000000-0000-4000-8000-0000000000a2';
const OB = '00000000-0000-4000-8000-0000000000b2';
const OM = '00000000-0000-4000-8000-0000000000d2';
const challenge = {
  id: CID,
  mechanism: 'horse_race',
  status: 'awarded',
  stages: [{ name: 'Prototype', endsAt: '2030-06-01T00:00:00Z', advancingSlots: 2 }],
} as Challenge;
const summary = (id: string, organizationId: string, organizationName: string, title: string, extra = {}) => ({
  id,
  challengeId: CID,
  organizationId,
  organizationName,
  title,
  amountFen: 2_000_000_00,
  paidFen: 750_000_00,
  status: 'active',
  stageReached: 1,
  ...extra,
});
const projects = [
  summary(PA, OA, 'Alpha Ltd', 'Chip A'),
  summary(PB, OB, 'Beta Ltd', 'Chip B'),
  summary(PC, OM, 'Gamma Ltd', 'Chip C', { status: 'eliminated', stageReached: 0 }),
];
const consortium: Record<string, unknown[]> = {
  [PA]: [
    { organizationId: OA, organizationName: 'Alpha Ltd', creditCode: '91440300MA5F00000A', role: 'lead', sharePercent: 80 },
    { organizationId: OM, organizationName: 'Mu Institute', creditCode: '91440300MA5F00000M', role: 'member', sharePercent: 20 },
  ],
  [PB]: [],
};
const existing = {
  id: 'm1',
  challengeId: CID,
  stage: 1,
  status: 'proposed',
  projectIds: [PA, PB],
  consents: [
    { projectId: PA, organizationId: OA, decision: 'accepted', comment: null, at: '2030-07-01T00:00:00Z' },
    { projectId: PB, organizationId: OB, decision: 'pending', comment: null, at: null },
  ],
  leadOrganizationId: OA,
  members: [
    { organizationId: OA, organizationName: 'Alpha Ltd', creditCode: '91440300MA5F00000A', role: 'lead', sharePercent: 60 },
    { organizationId: OB, organizationName: 'Beta Ltd', creditCode: '91440300MA5F00000B', role: 'member', sharePercent: 40 },
  ],
  title: 'Joint chip',
  totalInvestmentFen: 1,
  grantFen: 3_000_000_00,
  milestones: [],
  resultProjectId: null,
  createdAt: '2030-07-01T00:00:00Z',
  decidedAt: null,
};

function serve(answer: () => Response = () => jsonResponse(201, existing)) {
  const sent: unknown[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const request = input as Request;
    const path = new URL(request.url).pathname;
    if (request.method === 'POST') {
      sent.push(await request.json());
      return answer();
    }
    if (path.endsWith('/stages/1/gate'))
      return jsonResponse(200, { run: true, challengeId: CID, stage: 1, phase: 'final', advancing: [PA, PB] });
    if (path.endsWith('/merges')) return jsonResponse(200, { items: [existing], nextCursor: null });
    if (path === '/api/v1/projects') return jsonResponse(200, { items: projects, nextCursor: null });
    return jsonResponse(200, { id: path.split('/').pop(), consortium: consortium[path.split('/').pop() ?? ''] ?? [] });
  });
  return sent;
}

const type = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

/** Fills a whole proposal: Alpha leads (50%), Beta 30%, Alpha's consortium member 20%; ¥1,500,000 left to plan. */
async function fillProposal(labels: Record<string, RegExp>, tranches: [string, string]) {
  fireEvent.click(await screen.findByLabelText('Chip A · Alpha Ltd'));
  fireEvent.click(screen.getByLabelText('Chip B · Beta Ltd'));
  type(labels.lead, OA);
  type(labels.shareB, '30');
  // The consortium member appears once Alpha's project has been read in full.
  fireEvent.change(await screen.findByLabelText(labels.shareM), { target: { value: '20' } });
  type(labels.title, 'Joint chip');
  type(labels.investment, '10,000,000');
  type(labels.grant, '3000000');
  type(labels.title1, 'Wafer');
  type(labels.due1, '2031-06-30T00:00');
  type(labels.deliverable1, 'Wafers');
  type(labels.tranche1, tranches[0]);
  fireEvent.click(screen.getByRole('button', { name: labels.add }));
  type(labels.title2, 'System');
  type(labels.due2, '2031-12-31T12:30');
  type(labels.deliverable2, 'Board');
  type(labels.tranche2, tranches[1]);
}

const en = {
  lead: /^Lead organisation/,
  shareB: /^Share of Beta Ltd/,
  shareM: /^Share of Mu Institute \(consortium member 91440300MA5F00000M, of Chip A\)/,
  title: /^Title of the merged project/,
  investment: /^Merged total investment/,
  grant: /^Merged grant/,
  title1: /^Milestone 1 title/,
  due1: /^Milestone 1 due/,
  deliverable1: /^Milestone 1 deliverable/,
  tranche1: /^Milestone 1 tranche/,
  title2: /^Milestone 2 title/,
  due2: /^Milestone 2 due/,
  deliverable2: /^Milestone 2 deliverable/,
  tranche2: /^Milestone 2 tranche/,
  add: /Add a milestone/,
};
const zh = {
  lead: /^牵头单位/,
  shareB: /^Beta Ltd 的比例/,
  shareM: /^Mu Institute（联合体成员 91440300MA5F00000M，来自 Chip A） 的比例/,
  title: /^合并后项目名称/,
  investment: /^合并后总投资/,
  grant: /^合并后资助/,
  title1: /^里程碑 1 名称/,
  due1: /^里程碑 1 完成时间/,
  deliverable1: /^里程碑 1 交付成果/,
  tranche1: /^里程碑 1 拨付金额/,
  title2: /^里程碑 2 名称/,
  due2: /^里程碑 2 完成时间/,
  deliverable2: /^里程碑 2 交付成果/,
  tranche2: /^里程碑 2 拨付金额/,
  add: /添加里程碑/,
};

afterEach(() => vi.restoreAllMocks());

describe('MergeProposals', () => {
  it('lists proposals by project and organisation name with each lead’s answer, never an id', async () => {
    serve();
    renderPage(<MergeProposals challenge={challenge} />, { lang: 'en' });
    const card = await screen.findByTestId('merge-m1');
    expect(within(card).getByText('Awaiting consent')).toBeInTheDocument();
    expect(within(card).getByText('Chip A · Alpha Ltd')).toBeInTheDocument();
    expect(within(card).getByText('Accepted')).toBeInTheDocument();
    expect(within(card).getByText('Not answered')).toBeInTheDocument();
    expect(card.textContent).toContain('¥3,000,000.00');
    expect(
      within(within(card).getByTestId('consortium'))
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Alpha Ltd(lead 60%)91440300MA5F00000A', 'Beta Ltd(member 40%)91440300MA5F00000B']);
    expect(card.textContent).not.toMatch(/0000-4000/);
    // The eliminated project is not offered.
    expect(screen.queryByLabelText('Chip C · Gamma Ltd')).toBeNull();
  });

  it('refuses tranches that miss grant − paid, then sends fen, ISO dates and shares after confirmation', async () => {
    const sent = serve();
    renderPage(<MergeProposals challenge={challenge} />, { lang: 'en' });
    await fillProposal(en, ['1000000', '400000']);
    expect(screen.getByTestId('merge-lead-share')).toHaveTextContent('The lead holds the remaining 50%');
    fireEvent.click(screen.getByRole('button', { name: 'Propose the merge' }));
    expect(await screen.findByText('The tranches must add up to exactly ¥1,500,000.00')).toBeInTheDocument();
    type(en.tranche2, '500,000');
    fireEvent.click(screen.getByRole('button', { name: 'Propose the merge' }));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText(/Merge Chip A · Alpha Ltd; Chip B · Beta Ltd into “Joint chip”, led by Alpha Ltd/),
    ).toBeInTheDocument();
    expect(within(dialog).getByTestId('confirm-amount')).toHaveTextContent('¥3,000,000.00');
    expect(sent).toHaveLength(0);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Propose the merge' }));
    await waitFor(() =>
      expect(sent).toEqual([
        {
          projectIds: [PA, PB],
          leadOrganizationId: OA,
          members: [
            { organizationId: OB, sharePercent: 30 },
            { organizationId: OM, sharePercent: 20 },
          ],
          title: 'Joint chip',
          totalInvestmentFen: 10_000_000_00,
          grantFen: 3_000_000_00,
          milestones: [
            { title: 'Wafer', dueAt: '2031-06-30T00:00:00+08:00', deliverable: 'Wafers', trancheFen: 1_000_000_00 },
            { title: 'System', dueAt: '2031-12-31T12:30:00+08:00', deliverable: 'Board', trancheFen: 500_000_00 },
          ],
        },
      ]),
    );
  });

  it('shows the server’s refusal of the grant beside the grant (zh)', async () => {
    const sent = serve(() => problemResponse(422, { code: 'awards.merge_over_cap', detail: 'over cap' }));
    renderPage(<MergeProposals challenge={challenge} />, { lang: 'zh' });
    expect(await screen.findByText('待各方确认')).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: '提出合并方案' }));
    expect(await screen.findByText('请至少选择两个项目')).toBeInTheDocument();
    await fillProposal(zh, ['1000000', '500000']);
    fireEvent.click(screen.getByRole('button', { name: '提出合并方案' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: '提出合并方案' }));
    await waitFor(() => expect(sent).toHaveLength(1));
    const grant = screen.getByLabelText(zh.grant);
    await waitFor(() => expect(grant).toHaveAccessibleDescription(/合并后资助超过资助规则允许的上限/));
  });
});
