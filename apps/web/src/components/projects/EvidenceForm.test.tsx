import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FakeXhr } from '../../test/fake-xhr';
import { jsonResponse, renderPage } from '../../test/render';
import { EvidenceForm } from './EvidenceForm';

const PID = '7b0c7f5e-1111-4111-8111-111111111111';
const MID = '7b0c7f5e-2222-4222-8222-222222222222';
const DOC = '7b0c7f5e-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const HASH = 'ef'.repeat(32);

beforeEach(() => {
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => vi.unstubAllGlobals());

describe('EvidenceForm with uploaded files', () => {
  it('uploads a file as evidence, lists it, and sends it as {documentId} beside the report', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(jsonResponse(201, { id: 'x' })));
    const onDone = vi.fn();
    renderPage(<EvidenceForm projectId={PID} milestoneId={MID} objectives={[]} onDone={onDone} onCancel={() => undefined} />);
    fireEvent.change(screen.getByTestId('document-input'), {
      target: { files: [new File(['%PDF-1.7'], '测试报告.pdf', { type: 'application/pdf' })] },
    });
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    FakeXhr.sent[0].answer(201, {
      id: DOC,
      name: '测试报告.pdf',
      mediaType: 'application/pdf',
      size: 3_000,
      sha256: HASH,
      createdAt: '2030-01-01T00:00:00Z',
    });
    const list = await screen.findByTestId('evidence-documents');
    expect(within(list).getByText('测试报告.pdf')).toBeInTheDocument();
    expect(list).toHaveTextContent('2.9 KB');
    fireEvent.change(screen.getByLabelText(/^成果报告/), { target: { value: '样片完成。' } });
    fireEvent.click(screen.getByRole('button', { name: '提交成果' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    const request = fetch.mock.calls[0][0] as Request;
    expect(request.url).toMatch(new RegExp(`/projects/${PID}/milestones/${MID}/submissions$`));
    expect(await request.clone().json()).toEqual({ report: '样片完成。', documents: [{ documentId: DOC }] });
  });
});
