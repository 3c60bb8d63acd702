import fc from 'fast-check';
import { GENESIS_HASH, canonicalEntry, chainOf, normalizeJson } from './hash-chain';
import { UnchainedEntry, canonicalTemplate, fillTemplate } from './hash-template';

const text = fc.string({ unit: 'binary', maxLength: 40 });
const uuid = fc.uuid();
const jsonObject = fc
  .option(fc.dictionary(text, fc.jsonValue({ maxDepth: 3 }), { maxKeys: 6 }), { nil: null })
  .map((value) => normalizeJson(value as Record<string, unknown> | null));

const unchained: fc.Arbitrary<UnchainedEntry> = fc.record({
  id: uuid,
  challengeId: fc.option(uuid, { nil: null }),
  actorId: fc.option(uuid, { nil: null }),
  action: text,
  subjectType: text,
  subjectId: text,
  before: jsonObject,
  after: jsonObject,
  public: fc.boolean(),
  recordedAt: fc.date({ min: new Date(0), max: new Date(Date.UTC(2200, 0)), noInvalidDate: true }).map((d) => d.toISOString()),
});

const hash = fc.stringMatching(/^[0-9a-f]{64}$/);

describe('canonical template', () => {
  it('filled with any head, is exactly the canonical text the chain hashes', () => {
    fc.assert(
      fc.property(unchained, hash, fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (entry, prevHash, seq) => {
        expect(fillTemplate(canonicalTemplate(entry), prevHash, seq)).toBe(
          canonicalEntry({ ...entry, chain: chainOf(entry.challengeId), prevHash, seq }),
        );
      }),
      { numRuns: 500 },
    );
  });

  it('keeps the holes where the sorted keys put them', () => {
    const template = canonicalTemplate({
      id: '00000000-0000-4000-8000-000000000001',
      challengeId: null,
      actorId: null,
      action: 'a',
      subjectType: 't',
      subjectId: 's',
      before: null,
      after: { 名称: '榜单' },
      public: true,
      recordedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(template.beforePrevHash.endsWith('"id":"00000000-0000-4000-8000-000000000001","prevHash":"')).toBe(true);
    expect(template.beforeSeq).toBe('","public":true,"recordedAt":"2026-01-01T00:00:00.000Z","seq":');
    expect(template.afterSeq).toBe(',"subjectId":"s","subjectType":"t","v":1}');
    expect(fillTemplate(template, GENESIS_HASH, 1)).toContain(`"prevHash":"${GENESIS_HASH}","public":true`);
  });
});
