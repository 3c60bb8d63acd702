import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import type { Challenge } from '../api/client';
import { BidForm } from '../components/bid/BidForm';
import { renderPage } from '../test/render';
import { draftContentOf, valuesOfDraft } from './bid-draft';
import { emptyBid, type BidValues } from './bid-form';

const challenge = {
  id: '7b0c7f5e-1111-4111-8111-111111111111',
  objectives: [
    { metric: '量子比特数', target: 100, unit: 'qubits' },
    { metric: '保真度', target: 99, unit: '%' },
  ],
  eligibility: { orgKinds: ['enterprise'], consortiumAllowed: true, maxMembers: 3 },
  track: 'core_tech',
  status: 'published',
} as unknown as Challenge;

const values: fc.Arbitrary<BidValues> = fc.record({
  totalInvestment: fc.string(),
  requested: fc.string(),
  text: fc.string(),
  approach: fc.tuple(fc.string(), fc.string()),
  leadShare: fc.string(),
  members: fc.array(fc.record({ creditCode: fc.string(), share: fc.string() }), { maxLength: 3 }),
  milestones: fc.array(fc.record({ title: fc.string(), dueAt: fc.string(), deliverable: fc.string(), tranche: fc.string() }), {
    minLength: 1,
    maxLength: 4,
  }),
  documents: fc.array(
    fc.uuid().chain((id) =>
      fc.record({
        documentId: fc.constant(id),
        id: fc.constant(id),
        role: fc.constantFrom('application', 'budget', 'other'),
        name: fc.string(),
        mediaType: fc.constant('application/pdf'),
        size: fc.nat(),
        sha256: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 64, maxLength: 64 }),
      }),
    ),
    { maxLength: 3 },
  ),
});

describe('bid drafts (pure)', () => {
  it('reads back what it saved, through JSON, for any form', () => {
    fc.assert(
      fc.property(values, (v) => {
        const stored = JSON.parse(JSON.stringify(draftContentOf(v))) as unknown;
        expect(valuesOfDraft(stored, challenge)).toEqual(v);
      }),
    );
  });

  it('never throws on what the server hands back, and fills only strings where the form has strings', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.jsonValue(), (junk, inner) => {
        expect(valuesOfDraft(junk, challenge)).toBeNull();
        const read = valuesOfDraft({ format: 1, values: inner }, challenge);
        if (read === null) return;
        expect(typeof read.text).toBe('string');
        expect(read.approach).toHaveLength(challenge.objectives.length);
        expect(read.milestones.length).toBeGreaterThan(0);
        for (const m of read.milestones) expect(Object.values(m).every((x) => typeof x === 'string')).toBe(true);
      }),
    );
  });

  it('follows the challenge’s objectives as they are now', () => {
    const saved = draftContentOf({ ...emptyBid(challenge), approach: ['倒装焊', '校准', '多余的一条'] });
    expect(valuesOfDraft(saved, challenge)?.approach).toEqual(['倒装焊', '校准']);
    expect(valuesOfDraft({ format: 2, values: {} }, challenge)).toBeNull();
  });
});

describe('bid form: save draft', () => {
  it('hands the form’s values to the draft’s save, without checking them (a draft may be unfinished)', async () => {
    const user = userEvent.setup();
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.reject(new Error('no request expected')));
    const save = vi.fn();
    renderPage(<BidForm challenge={challenge} leadCreditCode={null} onDone={() => undefined} draft={{ save, saving: false }} />, {
      lang: 'zh',
    });
    await user.click(screen.getByLabelText(/^方案概述/));
    await user.paste('只写了一半');
    await user.click(screen.getByRole('button', { name: '保存草稿' }));
    expect(save).toHaveBeenCalledWith(expect.objectContaining({ text: '只写了一半', requested: '' }));
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('offers no draft when replacing a bid', () => {
    renderPage(<BidForm challenge={challenge} bidId="b1" leadCreditCode={null} onDone={() => undefined} />, { lang: 'en' });
    expect(screen.queryByRole('button', { name: 'Save draft' })).toBeNull();
  });
});
