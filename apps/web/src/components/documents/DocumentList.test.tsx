import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { problemResponse, renderPage } from '../../test/render';
import { DocumentList } from './DocumentList';

const HASH = '0123456789abcdef'.repeat(4);
const DOC = '7b0c7f5e-aaaa-4aaa-8aaa-aaaaaaaaaaaa';
const docs = [
  { id: DOC, role: 'application', name: '申报书.pdf', size: 1_234_567, sha256: HASH, mediaType: 'application/pdf' },
  {
    id: '7b0c7f5e-bbbb-4bbb-8bbb-bbbbbbbbbbbb',
    role: 'other',
    name: 'logo.png',
    size: 512,
    sha256: HASH,
    mediaType: 'image/png',
  },
];

function signIn(token: string) {
  const user = {
    id: DOC,
    email: 'li@example.cn',
    displayName: '李伟',
    role: 'team',
    organizationId: null,
    active: true,
    createdAt: '2030-01-01T00:00:00.000Z',
  };
  sessionStorage.setItem('jiebang.session', JSON.stringify({ token, user, expiresAt: Date.now() + 3_600_000 }));
}

describe('DocumentList', () => {
  it('shows each file with its role in words, a human size and a short hash (the full one kept)', () => {
    renderPage(<DocumentList documents={docs} />);
    const rows = within(screen.getByTestId('document-list')).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('申报书.pdf');
    expect(rows[1]).toHaveTextContent('申报书');
    expect(rows[1]).toHaveTextContent('1.2 MB');
    expect(rows[2]).toHaveTextContent('其他材料');
    expect(rows[2]).toHaveTextContent('512 B');
    const hash = within(rows[1]).getByTestId('doc-hash');
    expect(hash).toHaveTextContent('01234567…cdef');
    expect(hash).toHaveAttribute('title', HASH);
    expect(within(rows[1]).getByRole('button', { name: '复制完整哈希' })).toBeInTheDocument();
  });

  it('words roles and sizes in English too', () => {
    renderPage(<DocumentList documents={[{ ...docs[0], size: 50 * 1024 * 1024 }]} />, { lang: 'en' });
    const row = within(screen.getByTestId('document-list')).getAllByRole('row')[1];
    expect(row).toHaveTextContent('Application');
    expect(row).toHaveTextContent('50 MB');
  });

  it('downloads with the session token and saves the file under its own name', async () => {
    signIn('tok-9');
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response(new Blob(['%PDF-1.7']), { status: 200, headers: { 'content-type': 'application/pdf' } }));
    const createObjectURL = vi.fn(() => 'blob:http://localhost/1');
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    const saved: { name: string; href: string }[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push({ name: this.download, href: this.href });
    });
    renderPage(<DocumentList documents={docs} />);
    fireEvent.click(screen.getByRole('button', { name: '下载 申报书.pdf' }));
    await waitFor(() => expect(saved).toEqual([{ name: '申报书.pdf', href: 'blob:http://localhost/1' }]));
    const [url, init] = fetch.mock.calls[0] as [string, RequestInit];
    expect(url).toMatch(new RegExp(`/api/v1/documents/${DOC}/content$`));
    expect((init.headers as Record<string, string>).authorization).toBe('Bearer tok-9');
    expect(createObjectURL).toHaveBeenCalledTimes(1);
  });

  it('says why a download failed', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(problemResponse(403, { code: 'documents.forbidden', detail: 'forbidden' }));
    renderPage(<DocumentList documents={docs} />, { lang: 'en' });
    fireEvent.click(screen.getByRole('button', { name: 'Download logo.png' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/^Download failed: /);
  });

  it('offers no download for a file it knows only by its hash (the opening record)', () => {
    renderPage(<DocumentList documents={[{ name: 'a.pdf', size: 10, sha256: HASH, role: 'budget' }]} />);
    expect(screen.queryByRole('button', { name: /下载/ })).not.toBeInTheDocument();
    expect(screen.getByText('预算表')).toBeInTheDocument();
  });

  it('lets a form remove a file', () => {
    const onRemove = vi.fn();
    renderPage(<DocumentList documents={docs} onRemove={onRemove} />);
    fireEvent.click(screen.getByRole('button', { name: '删除 logo.png' }));
    expect(onRemove).toHaveBeenCalledWith(docs[1], 1);
  });
});
