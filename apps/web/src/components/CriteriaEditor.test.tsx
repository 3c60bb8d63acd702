import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '../test/render';
import { CriteriaEditor } from './CriteriaEditor';

const CID = '7b0c7f5e-2222-4222-8222-222222222222';
const builtIn = (key: string, zh: string, en: string, weight: number, minScore: number) => ({
  key,
  name: null,
  description: null,
  label: { zh, en },
  weight,
  minScore,
});
const defaults = [
  builtIn('technical', '技术方案', 'Technical approach', 60, 60),
  builtIn('team', '团队能力', 'Team capability', 20, 50),
  builtIn('plan', '实施计划', 'Implementation plan', 20, 50),
];

function serve() {
  const sent: unknown[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    const req = input as Request;
    if (req.method === 'PUT') {
      const body = (await req.json()) as { criteria: Record<string, unknown>[] };
      sent.push(body);
      const criteria = body.criteria.map((c, i) => ({
        key: c.key ?? `c${i + 1}`,
        name: c.name ?? null,
        description: c.description ?? null,
        label: c.name ? { zh: c.name, en: c.name } : defaults.find((d) => d.key === c.key)?.label,
        weight: c.weight,
        minScore: c.minScore,
      }));
      return jsonResponse(200, { challengeId: CID, criteria, custom: true });
    }
    return jsonResponse(200, { challengeId: CID, criteria: defaults, custom: false });
  });
  return sent;
}

afterEach(() => vi.restoreAllMocks());

const type = (label: RegExp, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('the criteria editor', () => {
  it('edits names and descriptions, not codes; the defaults show their built-in names', async () => {
    const sent = serve();
    renderPage(<CriteriaEditor challengeId={CID} />, { lang: 'zh' });
    expect(await screen.findByLabelText(/^评审项 1 名称/)).toHaveValue('技术方案');
    expect(screen.getByLabelText(/^评审项 2 名称/)).toHaveValue('团队能力');
    expect(screen.queryByText(/代码/)).toBeNull();
    expect(screen.queryByDisplayValue('technical')).toBeNull();

    type(/^评审项 1 名称/, '核心技术路线');
    type(/^评审项 1 说明/, '路线是否可行、是否领先');
    type(/^评审项 1 权重/, '40');
    fireEvent.click(screen.getByRole('button', { name: '添加评审项' }));
    type(/^评审项 4 权重/, '20');
    fireEvent.click(screen.getByRole('button', { name: '保存评分标准' }));
    // a new criterion needs a name
    expect(await screen.findByText('请填写评审项名称')).toBeInTheDocument();
    expect(sent).toHaveLength(0);
    type(/^评审项 4 名称/, ' 产业化前景 ');
    fireEvent.click(screen.getByRole('button', { name: '保存评分标准' }));
    await screen.findByText('评分标准已保存');
    // the key stays the stable id (none for the new one: the server makes it); a built-in name left alone is not sent
    expect(sent).toEqual([
      {
        criteria: [
          { key: 'technical', name: '核心技术路线', description: '路线是否可行、是否领先', weight: 40, minScore: 60 },
          { key: 'team', weight: 20, minScore: 50 },
          { key: 'plan', weight: 20, minScore: 50 },
          { name: '产业化前景', weight: 20, minScore: 0 },
        ],
      },
    ]);
    // the rows now carry the server's key: a second save keeps it
    fireEvent.click(screen.getByRole('button', { name: '保存评分标准' }));
    await waitFor(() => expect(sent).toHaveLength(2));
    expect((sent[1] as { criteria: { key?: string }[] }).criteria.map((c) => c.key)).toEqual(['technical', 'team', 'plan', 'c4']);
  });

  it('in English the built-in names are English', async () => {
    serve();
    renderPage(<CriteriaEditor challengeId={CID} />, { lang: 'en' });
    expect(await screen.findByLabelText(/^Criterion 1 name/)).toHaveValue('Technical approach');
    expect(screen.getByLabelText(/^Criterion 3 name/)).toHaveValue('Implementation plan');
  });
});
