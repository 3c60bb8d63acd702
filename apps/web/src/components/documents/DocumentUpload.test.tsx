import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UploadedDocument } from '../../api/documents';
import { FakeXhr } from '../../test/fake-xhr';
import { renderPage } from '../../test/render';
import { DocumentUpload } from './DocumentUpload';

const HASH = 'ab'.repeat(32);
const meta = (name: string) => ({
  id: '7b0c7f5e-aaaa-4aaa-8aaa-aaaaaaaaaaaa',
  name,
  mediaType: 'application/pdf',
  size: 2048,
  sha256: HASH,
  createdAt: '2030-01-01T00:00:00Z',
});
const pdf = (name = 'plan.pdf', size = 2048) => {
  const file = new File(['%PDF-1.7'], name, { type: 'application/pdf' });
  Object.defineProperty(file, 'size', { value: size });
  return file;
};
const choose = (...files: File[]) => fireEvent.change(screen.getByTestId('document-input'), { target: { files } });
const lastXhr = () => FakeXhr.sent[FakeXhr.sent.length - 1];

beforeEach(() => {
  FakeXhr.sent = [];
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
});
afterEach(() => {
  vi.unstubAllGlobals();
});

/** A signed-in team member, as the session keeps it. */
function signIn(token: string) {
  const user = {
    id: '7b0c7f5e-1111-4111-8111-111111111111',
    email: 'li@example.cn',
    displayName: '李伟',
    role: 'team',
    organizationId: null,
    active: true,
    createdAt: '2030-01-01T00:00:00.000Z',
  };
  sessionStorage.setItem('jiebang.session', JSON.stringify({ token, user, expiresAt: Date.now() + 3_600_000 }));
}

describe('DocumentUpload', () => {
  it('sends the file with the token, shows the upload percentage and reports {documentId, role}', async () => {
    signIn('tok-1');
    const uploaded = vi.fn<(doc: UploadedDocument) => void>();
    renderPage(<DocumentUpload roles={['application', 'other']} onUploaded={uploaded} />);
    fireEvent.change(screen.getByLabelText('材料类型'), { target: { value: 'other' } });
    choose(pdf());
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    const xhr = lastXhr();
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toMatch(/\/api\/v1\/documents$/);
    expect(xhr.headers.authorization).toBe('Bearer tok-1');
    expect((xhr.body as FormData).get('file')).toBeInstanceOf(File);
    xhr.progress(30, 100);
    const bar = await screen.findByRole('progressbar', { name: 'plan.pdf 上传进度' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuenow', '30'));
    expect(screen.getByText('正在上传 30%')).toBeInTheDocument();
    xhr.answer(201, meta('plan.pdf'));
    await waitFor(() => expect(uploaded).toHaveBeenCalledTimes(1));
    expect(uploaded.mock.calls[0][0]).toMatchObject({ documentId: meta('').id, role: 'other', name: 'plan.pdf', sha256: HASH });
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('sends queued files one after the other', async () => {
    const uploaded = vi.fn();
    renderPage(<DocumentUpload roles={['other']} onUploaded={uploaded} />);
    choose(pdf('a.pdf'), pdf('b.pdf'));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    expect(screen.getByText('等待上传')).toBeInTheDocument();
    lastXhr().answer(201, meta('a.pdf'));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
    lastXhr().answer(201, { ...meta('b.pdf'), id: '7b0c7f5e-bbbb-4bbb-8bbb-bbbbbbbbbbbb' });
    await waitFor(() => expect(uploaded).toHaveBeenCalledTimes(2));
    expect(uploaded.mock.calls.map((c) => (c[0] as UploadedDocument).name)).toEqual(['a.pdf', 'b.pdf']);
  });

  const unsupported = {
    type: 'about:blank',
    title: 'Unsupported Media Type',
    code: 'documents.unsupported_type',
    detail: 'This type of file is not accepted.',
    accepted: ['application/pdf', 'application/ofd', 'image/png'],
  };

  it('words a 415 in Chinese with the accepted types', async () => {
    const uploaded = vi.fn();
    renderPage(<DocumentUpload onUploaded={uploaded} />);
    choose(pdf('virus.exe'));
    expect(await screen.findByText(/扩展名不在接受之列/)).toBeInTheDocument();
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    lastXhr().answer(415, { status: 415, ...unsupported });
    const alert = await screen.findByTestId('upload-error');
    expect(alert).toHaveTextContent('virus.exe 未能上传：不支持此文件类型；接受：PDF、OFD、PNG');
    expect(uploaded).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: '关闭' }));
    expect(screen.queryByTestId('upload-error')).not.toBeInTheDocument();
  });

  it('words a 415 in English, and the other refusals by their codes', async () => {
    renderPage(<DocumentUpload onUploaded={vi.fn()} />, { lang: 'en' });
    choose(pdf('virus.exe'), pdf('big.pdf'), pdf('cut.pdf'));
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    lastXhr().answer(415, { status: 415, ...unsupported });
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(2));
    lastXhr().answer(413, { status: 413, code: 'documents.too_large', detail: 'too large' });
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(3));
    lastXhr().answer(400, { status: 400, code: 'documents.upload_incomplete', detail: 'cut' });
    await waitFor(() => expect(screen.getAllByTestId('upload-error')).toHaveLength(3));
    const texts = screen.getAllByTestId('upload-error').map((e) => e.textContent);
    expect(texts).toEqual([
      'virus.exe was not uploaded: This type of file is not accepted; accepted: PDF, OFD, PNG',
      'big.pdf was not uploaded: The file is larger than the limit (50 MB)',
      'cut.pdf was not uploaded: The upload was cut short or the file is incomplete; please try again',
    ]);
  });

  it('refuses a file above the limit before sending it', async () => {
    renderPage(<DocumentUpload onUploaded={vi.fn()} />);
    choose(pdf('huge.pdf', 60 * 1024 * 1024));
    expect(await screen.findByTestId('upload-error')).toHaveTextContent('huge.pdf 大小为 60 MB，超过上限 50 MB');
    expect(FakeXhr.sent).toHaveLength(0);
  });

  it('takes dropped files', async () => {
    renderPage(<DocumentUpload onUploaded={vi.fn()} />);
    fireEvent.drop(screen.getByTestId('drop-zone'), { dataTransfer: { files: [pdf('dropped.pdf')] } });
    await waitFor(() => expect(FakeXhr.sent).toHaveLength(1));
    expect(screen.getByText(/dropped\.pdf/)).toBeInTheDocument();
  });
});
