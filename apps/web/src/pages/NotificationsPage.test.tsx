import { screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { setAuth } from '../api/client';
import { jsonResponse, renderPage } from '../test/render';
import NotificationsPage from './NotificationsPage';

const KEY = 'jiebang.session';
const USER = {
  id: '7b0c7f5e-1111-4111-8111-111111111111',
  email: 'li.wei@example.cn',
  displayName: '李伟',
  role: 'team' as const,
  organizationId: '7b0c7f5e-2222-4222-8222-222222222222',
  active: true,
  createdAt: '2030-01-01T00:00:00.000Z',
};
const PID = '7b0c7f5e-3333-4333-8333-333333333333';
const note = (n: number, kind: string, params: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  id: `7b0c7f5e-4444-4444-8444-44444444444${n}`,
  kind,
  params,
  subjectId: '7b0c7f5e-5555-4555-8555-555555555555',
  offset: null,
  projectId: PID,
  dueAt: null,
  createdAt: '2030-02-01T00:00:00.000Z',
  readAt: null,
  emailedAt: null,
  ...extra,
});

function serve(extra: ReturnType<typeof note>[] = []) {
  sessionStorage.setItem(KEY, JSON.stringify({ token: 't', user: USER, expiresAt: Date.now() + 3_600_000 }));
  return vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) =>
    String((input as Request).url).includes('/me/notification-preferences')
      ? jsonResponse(200, { language: 'zh', kinds: [{ kind: 'disbursement.paid', mail: true }] })
      : jsonResponse(200, {
          items: [
            note(1, 'disbursement.paid', {
              disbursementId: 'd',
              milestoneId: 'm',
              milestoneTitle: '样机验收',
              amountFen: 720_000_000,
            }),
            note(
              2,
              'milestone.overdue',
              { milestoneId: 'm', milestoneTitle: '样机验收', projectTitle: '量子芯片', dueAt: '2030-01-31T16:00:00.000Z' },
              { readAt: '2030-02-02T00:00:00.000Z' },
            ),
            ...extra,
          ],
          nextCursor: null,
          unreadCount: 1,
        }),
  );
}

afterEach(() => {
  setAuth(null);
  sessionStorage.clear();
  vi.restoreAllMocks();
});

describe('the notification list words each event in the reader’s language', () => {
  it('in Chinese: money in 万, dates in Beijing time, never fen', async () => {
    serve();
    renderPage(<NotificationsPage />, { lang: 'zh' });
    expect(await screen.findByText('拨款已支付：样机验收')).toBeInTheDocument();
    expect(screen.getByText('里程碑「样机验收」的拨款 ¥720万 已支付。')).toBeInTheDocument();
    expect(
      screen.getByText('项目「量子芯片」的里程碑「样机验收」已于 2030年2月1日 00:00（北京时间） 到期，尚未提交。'),
    ).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/fen|720000000/);
  });

  it('in English: money in yuan with separators', async () => {
    serve();
    renderPage(<NotificationsPage />, { lang: 'en' });
    expect(await screen.findByText('Tranche paid: 样机验收')).toBeInTheDocument();
    expect(screen.getByText('¥7,200,000.00 has been paid for milestone “样机验收”.')).toBeInTheDocument();
    expect(screen.getByText('Milestone overdue: 样机验收')).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/fen|720000000/);
  });
});

describe('notices derived from the ledger link to their object', () => {
  const CID = '7b0c7f5e-6666-4666-8666-666666666666';
  const ledgerNotes = () => [
    note(3, 'question.asked', { challengeId: CID, challengeTitle: '光芯片', questionId: 'q' }, { projectId: null }),
    note(
      4,
      'bid.received',
      {
        challengeId: CID,
        challengeTitle: '光芯片',
        bidId: 'b',
        receiptHash: 'ab12',
        revision: 2,
        submittedAt: '2030-01-31T16:00:00.000Z',
      },
      { projectId: null },
    ),
  ];

  it('in Chinese: a new question leads to its challenge, a receipt to my bids, with the receipt hash', async () => {
    serve(ledgerNotes());
    renderPage(<NotificationsPage />, { lang: 'zh' });
    expect(await screen.findByText('新问题待答复：光芯片')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '查看榜单' })).toHaveAttribute('href', `/challenges/${CID}`);
    expect(screen.getByText(/第 2 版.*回执哈希：ab12/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '查看我的申报' })).toHaveAttribute('href', '/bids/mine');
  });

  it('in English', async () => {
    serve(ledgerNotes());
    renderPage(<NotificationsPage />, { lang: 'en' });
    expect(await screen.findByText('Bid received: 光芯片')).toBeInTheDocument();
    expect(screen.getByText(/revision 2.*Receipt hash: ab12/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'View challenge' })).toHaveAttribute('href', `/challenges/${CID}`);
  });
});

describe('a team hears what happens to its award during publicity', () => {
  const award = {
    challengeId: '7b0c7f5e-6666-4666-8666-666666666666',
    challengeTitle: '光芯片',
    projectId: PID,
    projectTitle: '量子芯片',
  };
  const awardNotes = () => [
    note(5, 'award.objected', { ...award, amountFen: 720_000_000 }),
    note(6, 'award.revoked', { ...award, amountFen: 720_000_000, comment: '资质不符' }),
    note(7, 'award.final', { ...award, amountFen: 720_000_000, activatedAt: '2030-01-31T16:00:00.000Z' }),
  ];

  it('in Chinese: an objection, a revocation with its reason, the award final; ¥ and names, no ids', async () => {
    serve(awardNotes());
    renderPage(<NotificationsPage />, { lang: 'zh' });
    expect(await screen.findByText('您的立项收到异议：量子芯片')).toBeInTheDocument();
    expect(screen.getByText('立项已撤销：量子芯片')).toBeInTheDocument();
    expect(screen.getByText(/已撤销，资助 ¥720万 不再拨付。理由：资质不符/)).toBeInTheDocument();
    expect(screen.getByText(/公示期已于 2030年2月1日 00:00（北京时间） 结束/)).toBeInTheDocument();
    expect(document.body.textContent).not.toMatch(/720000000|7b0c7f5e/);
  });

  it('in English', async () => {
    serve(awardNotes());
    renderPage(<NotificationsPage />, { lang: 'en' });
    expect(await screen.findByText('Award revoked: 量子芯片')).toBeInTheDocument();
    expect(screen.getByText('Award final: 量子芯片')).toBeInTheDocument();
    expect(screen.getByText(/\(¥7,200,000.00\) is final and the project starts/)).toBeInTheDocument();
  });
});

describe('consortium consent: the member is asked, the lead hears answers and what is missing', () => {
  const CID = '7b0c7f5e-6666-4666-8666-666666666666';
  const BID = '7b0c7f5e-7777-4777-8777-777777777777';
  const about = { challengeId: CID, challengeTitle: '光芯片', bidId: BID, bidDeadline: '2030-01-31T16:00:00.000Z' };
  const consentNotes = () => [
    note(
      5,
      'consent.requested',
      { ...about, leadOrganizationName: '深圳光子科技有限公司', sharePercent: 30 },
      { projectId: null },
    ),
    note(6, 'consent.declined', { ...about, memberOrganizationName: '南山大学', reasonGiven: true }, { projectId: null }),
    note(
      7,
      'consent.incomplete',
      { ...about, members: [{ organizationName: '南山大学', state: 'declined' }] },
      { projectId: null },
    ),
  ];

  it('in Chinese: names, share and Beijing time, links to the requests and the bid; no ids, no English', async () => {
    serve(consentNotes());
    renderPage(<NotificationsPage />, { lang: 'zh' });
    expect(await screen.findByText('联合体成员邀请：光芯片')).toBeInTheDocument();
    expect(
      screen.getByText(/「深圳光子科技有限公司」.*（份额 30%），请于 2030年2月1日 00:00（北京时间） 申报截止前/),
    ).toBeInTheDocument();
    expect(screen.getByText('联合体成员已拒绝：南山大学')).toBeInTheDocument();
    expect(screen.getByText(/并说明了理由（请在申报页面查看）/)).toBeInTheDocument();
    expect(screen.getByText(/以下联合体成员尚未同意：「南山大学」（已拒绝）/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: '查看联合体邀请' })).toHaveAttribute('href', '/consents');
    expect(screen.getAllByRole('link', { name: '查看本单位申报' })[0]).toHaveAttribute('href', `/challenges/${CID}/bid`);
    const text = document.body.textContent ?? '';
    expect(text).not.toContain(BID);
    expect(text).not.toMatch(/consent|Consortium|declined/);
  });

  it('in English', async () => {
    serve(consentNotes());
    renderPage(<NotificationsPage />, { lang: 'en' });
    expect(await screen.findByText('Consortium consent requested: 光芯片')).toBeInTheDocument();
    expect(screen.getByText(/\(30% share\).*before bids close on 1 Feb 2030, 00:00 \(Beijing time\)/)).toBeInTheDocument();
    expect(screen.getByText('Consortium member declined: 南山大学')).toBeInTheDocument();
    expect(screen.getByText(/have not accepted: “南山大学” \(declined\)/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'View consent requests' })).toHaveAttribute('href', '/consents');
    expect(screen.getAllByRole('link', { name: 'View your bid' })).toHaveLength(2);
  });
});
