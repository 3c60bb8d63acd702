import type { EntityManager } from 'typeorm';
import { loadOpenDataConfig } from '../open-data.config';
import { ocdsValidators } from '../testing/ocds-validator';
import { EventRow, ReleaseAssembler, ReleaseBuilder, assembleRelease } from './release-builder';
import {
  ChallengeFacts,
  TENDER_BUILDERS,
  answerEnquiryBuilder,
  closedBuilder,
  deadlineAmendmentBuilder,
  eligibilityText,
  tenderBuilder,
} from './tender.builders';

const config = loadOpenDataConfig({});
const ocds = ocdsValidators();
const CHALLENGE = '7d0c9a3e-5a8e-4b8f-9d58-0b6f1f1f2a01';

const event = (over: Partial<EventRow> = {}): EventRow => ({
  xid: '100',
  seq: '1',
  entry_id: '11111111-1111-4111-8111-111111111111',
  action: 'challenge.published',
  subject_type: 'challenge',
  subject_id: CHALLENGE,
  before: { status: 'draft' },
  after: { status: 'published', publishedAt: '2025-03-01T02:00:00.000Z', bidDeadline: '2025-04-01T02:00:00.000Z' },
  recorded_at: '2025-03-01T02:00:00.000Z',
  challenge_id: CHALLENGE,
  published_at: '2025-03-01T02:00:00.000Z',
  agency_organization_id: '22222222-2222-4222-8222-222222222222',
  buyer_name: '深圳市科技创新局',
  buyer_credit_code: '11440300MB2C92058N',
  ...over,
});

const facts: ChallengeFacts = {
  id: CHALLENGE,
  title: '光计算芯片',
  summary: '研制可编程光计算芯片',
  industry: 'optical_comm_computing',
  secondary_industry: null,
  field: 'key_components',
  mechanism: 'horse_race',
  track: 'core_tech',
  budget_fen: '123456789',
  parallel_slots: 3,
  stages: [{ name: '初赛', endsAt: '2025-06-01T00:00:00.000Z', advancingSlots: 2 }],
  objectives: [{ metric: '算力', target: 100, unit: 'TOPS' }],
  eligibility: { orgKinds: ['enterprise', 'university'], consortiumAllowed: true, maxMembers: 3 },
  project_ends_at: '2026-03-01T00:00:00.000Z',
  zone: 'guangming_science_city',
};

describe('tender builders', () => {
  it('tender: the call as published, valid against our schema; fen become CNY with two decimals', () => {
    const body = tenderBuilder.build(event(), new Map([[CHALLENGE, facts]]), config);
    const release = assembleRelease(event(), body!, config);
    ocds.assert('release', release);
    expect(release).toMatchObject({
      ocid: `ocds-xxxxxx-${CHALLENGE}`,
      id: '11111111-1111-4111-8111-111111111111',
      date: '2025-03-01T02:00:00.000Z',
      tag: ['tender'],
      buyer: { id: 'CN-USCI-11440300MB2C92058N', name: '深圳市科技创新局' },
      tender: {
        procuringEntity: { id: 'CN-USCI-11440300MB2C92058N', name: '深圳市科技创新局' },
        value: { amount: 1234567.89, currency: 'CNY' },
        tenderPeriod: { startDate: '2025-03-01T02:00:00.000Z', endDate: '2025-04-01T02:00:00.000Z' },
        contractPeriod: { endDate: '2026-03-01T00:00:00.000Z' },
        procurementMethodDetails: expect.stringContaining('最多 3 个团队'),
        jiebang: {
          industry: 'optical_comm_computing',
          zone: 'guangming_science_city',
          parallelSlots: 3,
          objectives: [{ metric: '算力', target: 100, unit: 'TOPS' }],
        },
      },
    });
    // Targets are not things bought: no items with a quantity of "100 TOPS".
    expect(release.tender).not.toHaveProperty('items');
    // language is zh: the platform's own words are Chinese; English only in the `_en` variants.
    const t = release.tender!;
    for (const text of [t.awardCriteriaDetails, t.submissionMethodDetails, t.eligibilityCriteria, t.procurementMethodDetails])
      expect(text).not.toMatch(/[A-Za-z]{3,}/);
    for (const text of [t.awardCriteriaDetails_en, t.submissionMethodDetails_en, t.eligibilityCriteria_en])
      expect(text).toMatch(/^[\x20-\x7e]+$/);
    expect(JSON.stringify(release.tender?.value)).toBe('{"amount":1234567.89,"currency":"CNY"}');
  });

  it('tender.documents: the call’s files with their public URL, documentType by role, SHA-256 and size in the extension', () => {
    const doc = (id: string, role: string, name: string) => ({
      id,
      role,
      name,
      mediaType: 'application/pdf',
      size: 1234,
      sha256: 'ab'.repeat(32),
      attachedAt: '2025-02-20T00:00:00.000Z',
    });
    const withDocs: ChallengeFacts = {
      ...facts,
      documents: [
        doc('aaaaaaaa-0000-4000-8000-000000000001', 'notice', '榜单公告.pdf'),
        doc('aaaaaaaa-0000-4000-8000-000000000002', 'technical_annex', '技术附件.pdf'),
        doc('aaaaaaaa-0000-4000-8000-000000000003', 'something_else', 'x.pdf'),
      ],
    };
    const body = tenderBuilder.build(event(), new Map([[CHALLENGE, withDocs]]), config);
    const release = assembleRelease(event(), body!, config);
    ocds.assert('release', release);
    expect(release.tender?.documents).toEqual([
      {
        id: 'aaaaaaaa-0000-4000-8000-000000000001',
        documentType: 'tenderNotice',
        title: '榜单公告.pdf',
        url: `${config.baseUrl}/api/v1/documents/aaaaaaaa-0000-4000-8000-000000000001/content`,
        datePublished: '2025-03-01T02:00:00.000Z',
        format: 'application/pdf',
        language: 'zh',
        jiebang: { sha256: 'ab'.repeat(32), size: 1234 },
      },
      expect.objectContaining({ id: 'aaaaaaaa-0000-4000-8000-000000000002', documentType: 'technicalSpecifications' }),
    ]);
    // No documents: no `documents` (our schema, like OCDS practice, wants a non-empty list or none).
    expect(tenderBuilder.build(event(), new Map([[CHALLENGE, { ...facts, documents: [] }]]), config)?.tender).not.toHaveProperty(
      'documents',
    );
  });

  it('a challenge missing from the batch publishes nothing rather than half a release', () => {
    expect(tenderBuilder.build(event(), new Map(), config)).toBeNull();
  });

  it('eligibility reads as text in Chinese, with its English variant apart (never mixed in one field)', () => {
    expect(eligibilityText({ orgKinds: ['enterprise', 'university'], consortiumAllowed: false, maxMembers: 1 })).toEqual({
      zh: '可申报主体：企业、高校。不接受联合体申报。',
      en: 'Eligible applicants: enterprises, universities. No consortia.',
    });
    expect(eligibilityText({ orgKinds: ['institute'], consortiumAllowed: true, maxMembers: 3 })).toEqual({
      zh: '可申报主体：科研院所。允许组建创新联合体，最多 3 家成员。',
      en: 'Eligible applicants: research institutes. Consortia allowed, at most 3 members.',
    });
  });
});

describe('tender builders: updates', () => {
  it('deadline extension: the new end date and an amendment; nothing without a deadline in the entry', () => {
    const row = event({
      action: 'challenge.deadline_extended',
      before: { bidDeadline: '2025-04-01T02:00:00.000Z' },
      after: { bidDeadline: '2025-04-08T02:00:00.000Z' },
    });
    const release = assembleRelease(row, deadlineAmendmentBuilder.build(row, undefined, config)!, config);
    ocds.assert('release', release);
    expect(release.tender).toMatchObject({
      tenderPeriod: { endDate: '2025-04-08T02:00:00.000Z' },
      amendments: [
        {
          id: row.entry_id,
          rationale: '截止时间延长',
          description: expect.stringContaining('→ 2025-04-08'),
        },
      ],
    });
    expect(
      deadlineAmendmentBuilder.build(event({ action: 'challenge.deadline_extended', after: {} }), undefined, config),
    ).toBeNull();
  });

  it('answer: an enquiry (not an amendment) with the question and the answer; closed: a count, 0 when no bid came', () => {
    const QUESTION = '33333333-3333-4333-8333-333333333333';
    const answer = event({
      action: 'question.answered',
      subject_type: 'question',
      subject_id: QUESTION,
      after: { question: '可以联合申报吗？', answer: '可以。' },
    });
    const a = assembleRelease(answer, answerEnquiryBuilder.build(answer, undefined, config)!, config);
    ocds.assert('release', a);
    expect(a.tag).toEqual(['tenderUpdate']);
    expect(a.tender).toEqual({
      id: CHALLENGE,
      hasEnquiries: true,
      enquiries: [{ id: QUESTION, description: '可以联合申报吗？', answer: '可以。', dateAnswered: answer.recorded_at }],
    });
    const closed = event({ action: 'challenge.closed', after: { status: 'closed', bidDeadline: '2025-04-08T02:00:00.000Z' } });
    const c = assembleRelease(closed, closedBuilder.build(closed, new Map(), config)!, config);
    ocds.assert('release', c);
    expect(c.tender).toMatchObject({ status: 'active', numberOfTenderers: 0 });
  });

  it('the buyer is the agency organisation, identified by its credit code (CN-USCI)', () => {
    const release = assembleRelease(
      event(),
      { tag: ['tenderCancellation'], tender: { id: CHALLENGE, status: 'cancelled' } },
      config,
    );
    ocds.assert('release', release);
    expect(release.buyer).toEqual({ id: 'CN-USCI-11440300MB2C92058N', name: '深圳市科技创新局' });
    expect(release.parties![0]).toMatchObject({
      id: 'CN-USCI-11440300MB2C92058N',
      identifier: { scheme: 'CN-USCI', id: '11440300MB2C92058N', legalName: '深圳市科技创新局' },
      roles: ['buyer', 'procuringEntity', 'payer'],
    });
  });

  it('an unverified agency (no code on record yet): its name under a stable id, and no invented identifier', () => {
    const row = event({ buyer_name: '某市科技局', buyer_credit_code: null });
    const release = assembleRelease(row, { tag: ['tenderCancellation'], tender: { id: CHALLENGE, status: 'cancelled' } }, config);
    ocds.assert('release', release);
    expect(release.buyer).toEqual({ id: `jiebang-agency-${row.agency_organization_id}`, name: '某市科技局' });
    expect(release.parties![0]!.identifier).toBeUndefined();
  });

  it('the assembler refuses two builders for one action and skips actions nobody publishes', async () => {
    const dup: ReleaseBuilder<void> = { name: 'dup', actions: ['challenge.published'], build: () => null };
    expect(() => new ReleaseAssembler([...TENDER_BUILDERS, dup], config)).toThrow(/two release builders/);
    const assembler = new ReleaseAssembler(TENDER_BUILDERS, config);
    // None of these events needs a prefetch: no query is made.
    const db = {} as EntityManager;
    const out = await assembler.build(db, [
      event({ action: 'review.scored' }),
      event({ action: 'challenge.cancelled', after: { status: 'cancelled' } }),
    ]);
    expect(out.map((r) => r.tag)).toEqual([['tenderCancellation']]);
  });
});
