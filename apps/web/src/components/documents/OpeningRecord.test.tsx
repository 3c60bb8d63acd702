import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Challenge } from '../../api/client';
import { jsonResponse, problemResponse, renderPage } from '../../test/render';
import { ChallengeDocuments } from './ChallengeDocuments';
import { OpeningRecord } from './OpeningRecord';

const CID = '7b0c7f5e-1111-4111-8111-111111111111';
const HASH = 'ab'.repeat(32);
const RECEIPT = 'cd'.repeat(32);
const challenge = {
  id: CID,
  agencyId: '7b0c7f5e-9999-4999-8999-999999999999',
  status: 'closed',
  bidDeadline: '2020-01-31T09:00:00.000Z',
  requiredBidDocuments: ['application', 'budget'],
  documents: [
    {
      id: '7b0c7f5e-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
      role: 'notice',
      name: '公告.pdf',
      mediaType: 'application/pdf',
      size: 2048,
      sha256: HASH,
    },
  ],
} as unknown as Challenge;

const entry = (n: number, org: string) => ({
  bidId: `7b0c7f5e-bbbb-4bbb-8bbb-bbbbbbbbbbb${n}`,
  organizationId: `7b0c7f5e-cccc-4ccc-8ccc-ccccccccccc${n}`,
  organizationName: org,
  submittedAt: '2020-01-30T16:30:00.000Z',
  receiptHash: RECEIPT,
  documents: [{ name: `申报书${n}.pdf`, size: 1_572_864, sha256: HASH, role: 'application' }],
});
const opening = (entries: unknown[]) => ({ challengeId: CID, openedAt: '2020-01-31T09:00:05.000Z', bidCount: 3, entries });

function signInAs(role: string) {
  const user = {
    id: '7b0c7f5e-1111-4111-8111-222222222222',
    email: 'x@example.cn',
    displayName: '李伟',
    role,
    organizationId: null,
    active: true,
    createdAt: '2030-01-01T00:00:00.000Z',
  };
  sessionStorage.setItem('jiebang.session', JSON.stringify({ token: 't', user, expiresAt: Date.now() + 3_600_000 }));
}

describe('OpeningRecord', () => {
  it('shows the agency every bid: organisation, Beijing time, receipt hash, files with sizes and hashes', async () => {
    signInAs('agency');
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(jsonResponse(200, opening([entry(1, '光芯科技'), entry(2, '鹏城大学')])));
    renderPage(<OpeningRecord challenge={challenge} owner />);
    const table = await screen.findByTestId('opening-table');
    expect(String(fetch.mock.calls[0][0])).toMatch(new RegExp(`/api/v1/challenges/${CID}/opening$`));
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toHaveTextContent('光芯科技');
    expect(rows[1]).toHaveTextContent('2020-01-31 00:30');
    expect(rows[1]).toHaveTextContent('cdcdcdcd…cdcd');
    expect(rows[1]).toHaveTextContent('申报书1.pdf · 申报书 · 1.5 MB');
    expect(screen.getByTestId('opening-record')).toHaveTextContent('共 3 份有效申报');
  });

  it('shows a bidder its own line and the count, in English too', async () => {
    signInAs('team');
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(200, opening([entry(1, 'Guangxin')])));
    renderPage(<OpeningRecord challenge={challenge} owner={false} />, { lang: 'en' });
    const table = await screen.findByTestId('opening-table');
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(table).toHaveTextContent('Your organisation’s bid');
    expect(screen.getByTestId('opening-record')).toHaveTextContent('3 valid bids');
  });

  it('shows nothing before the deadline, nor when the API says no', async () => {
    signInAs('team');
    const fetch = vi.spyOn(globalThis, 'fetch').mockResolvedValue(problemResponse(404, { code: 'bids.not_opened' }));
    const future = { ...challenge, status: 'published', bidDeadline: '2999-01-01T00:00:00.000Z' } as Challenge;
    const { unmount } = renderPage(<OpeningRecord challenge={future} owner={false} />);
    expect(screen.queryByTestId('opening-record')).not.toBeInTheDocument();
    expect(fetch).not.toHaveBeenCalled();
    unmount();
    renderPage(<OpeningRecord challenge={challenge} owner={false} />);
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(screen.queryByTestId('opening-record')).not.toBeInTheDocument();
  });
});

describe('ChallengeDocuments', () => {
  it('lists the notice with a download and says what bids must include', () => {
    renderPage(<ChallengeDocuments challenge={challenge} />);
    expect(screen.getByTestId('challenge-document-list')).toHaveTextContent('公告.pdf');
    expect(screen.getByRole('button', { name: '下载 公告.pdf' })).toBeInTheDocument();
    expect(screen.getByTestId('challenge-required-documents')).toHaveTextContent('揭榜须提交的材料：申报书、预算表');
  });

  it('is absent for a challenge without documents (or from a server without them)', () => {
    const bare = { ...challenge, documents: undefined, requiredBidDocuments: undefined } as unknown as Challenge;
    renderPage(<ChallengeDocuments challenge={bare} />);
    expect(screen.queryByTestId('challenge-documents')).not.toBeInTheDocument();
  });
});
