import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FakeXhr } from '../test/fake-xhr';
import type { Challenge } from '../api/client';
import type { UploadedDocument } from '../api/documents';
import { BidForm } from '../components/bid/BidForm';
import { jsonResponse, renderPage } from '../test/render';
import { emptyBid, toBidBody, validateBid, valuesOfBid, type Bid, type BidValues } from './bid-form';

const challenge = {
  id: '7b0c7f5e-1111-4111-8111-111111111111',
  title: '超导量子芯片',
  track: 'core_tech',
  budgetFen: 9_000_000_000,
  maxAwardFen: 3_000_000_000,
  objectives: [{ metric: '量子比特数', target: 100, unit: 'qubits' }],
  eligibility: { orgKinds: ['enterprise'], consortiumAllowed: false, maxMembers: 1 },
  projectEndsAt: '2034-01-31T09:00:00.000Z',
  bidDeadline: '2031-01-31T09:00:00.000Z',
  status: 'published',
  requiredBidDocuments: ['application', 'budget'],
} as unknown as Challenge;

const NOW = Date.parse('2030-06-01T00:00:00Z');
const HASH = 'ab'.repeat(32);
const doc = (role: string, n: number): UploadedDocument => ({
  documentId: `7b0c7f5e-aaaa-4aaa-8aaa-aaaaaaaaaaa${n}`,
  id: `7b0c7f5e-aaaa-4aaa-8aaa-aaaaaaaaaaa${n}`,
  role,
  name: `${role}.pdf`,
  mediaType: 'application/pdf',
  size: 1000,
  sha256: HASH,
});

const filled = (documents: UploadedDocument[]): BidValues => ({
  ...emptyBid(challenge),
  totalInvestment: '60,000,000',
  requested: '30,000,000',
  text: '研制 100 比特超导量子芯片。',
  approach: ['倒装焊 + 可调耦合器。'],
  milestones: [{ title: '验收', dueAt: '2033-06-30T17:00', deliverable: '100 比特芯片', tranche: '30,000,000' }],
  documents,
});

describe('the documents a challenge requires of a bid', () => {
  it('names each missing required kind, in zh and en', () => {
    expect(validateBid(filled([doc('other', 1)]), challenge, { lang: 'zh', now: NOW }).documents).toBe(
      '缺少必需材料：申报书、预算表',
    );
    expect(validateBid(filled([doc('application', 1)]), challenge, { lang: 'en', now: NOW }).documents).toBe(
      'Missing required documents: Budget sheet',
    );
    expect(validateBid(filled([doc('budget', 1), doc('application', 2)]), challenge, { lang: 'zh', now: NOW })).toEqual({});
  });

  it('requires nothing of a challenge without requirements (or from a server without them)', () => {
    const plain = { ...challenge, requiredBidDocuments: undefined } as unknown as Challenge;
    expect(validateBid(filled([]), plain, { lang: 'zh', now: NOW })).toEqual({});
  });

  it('sends each document as {documentId, role}, and reads them back from a bid', () => {
    const values = filled([doc('application', 1), doc('budget', 2)]);
    const body = toBidBody(values, challenge, null) as { documents?: unknown };
    expect(body.documents).toEqual([
      { documentId: doc('application', 1).documentId, role: 'application' },
      { documentId: doc('budget', 2).documentId, role: 'budget' },
    ]);
    expect((toBidBody(filled([]), challenge, null) as { documents?: unknown }).documents).toBeUndefined();
    const bid = {
      proposal: { text: 'x' },
      consortium: [],
      milestones: [],
      documents: [{ ...doc('budget', 3) }],
    } as unknown as Bid;
    expect(valuesOfBid(bid, challenge).documents?.[0]).toMatchObject({ documentId: doc('budget', 3).id, role: 'budget' });
    expect(valuesOfBid({ ...bid, documents: undefined } as unknown as Bid, challenge).documents).toEqual([]);
  });

  it('the form marks the required kinds and refuses to send while one is missing, saying which', () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(jsonResponse(404, {})));
    renderPage(<BidForm challenge={challenge} leadCreditCode={null} onDone={() => undefined} />);
    expect(screen.getByTestId('bid-required-documents')).toHaveTextContent('✗ 申报书 · 必需');
    expect(screen.getByTestId('bid-required-documents')).toHaveTextContent('✗ 预算表 · 必需');
    fireEvent.click(screen.getByRole('button', { name: '提交申报' }));
    expect(screen.getByTestId('bid-documents-error')).toHaveTextContent('缺少必需材料：申报书、预算表');
    expect(fetch.mock.calls.some(([r]) => (r as Request).url.endsWith('/bids'))).toBe(false);
  });

  it('waits for files still uploading, then lists the uploaded one as the chosen kind', async () => {
    FakeXhr.sent = [];
    vi.stubGlobal('XMLHttpRequest', FakeXhr);
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(jsonResponse(404, {})));
    renderPage(<BidForm challenge={challenge} leadCreditCode={null} onDone={() => undefined} />, { lang: 'en' });
    fireEvent.change(screen.getByTestId('document-input'), { target: { files: [new File(['%PDF-1.7'], 'plan.pdf')] } });
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    expect(screen.getByRole('button', { name: 'Submit bid' })).toBeDisabled();
    expect(screen.getByRole('status')).toHaveTextContent('Files are still uploading');
    FakeXhr.sent[0].answer(201, {
      ...doc('application', 1),
      id: doc('application', 1).documentId,
      name: 'plan.pdf',
      createdAt: '2030-01-01T00:00:00Z',
    });
    await waitFor(() => expect(screen.getByRole('button', { name: 'Submit bid' })).toBeEnabled());
    expect(screen.getByTestId('bid-documents')).toHaveTextContent('plan.pdf');
    expect(screen.getByTestId('bid-required-documents')).toHaveTextContent('✓ Application · required');
    expect(screen.getByTestId('bid-required-documents')).toHaveTextContent('✗ Budget sheet · required');
    vi.unstubAllGlobals();
  });
});
