import { loadOpenDataConfig } from '../open-data.config';
import { ocdsValidators } from '../testing/ocds-validator';
import { compileRelease } from '../compile';
import { ProjectFacts, activationBuilder, awardBuilder, gateBuilder, objectionUpheldBuilder } from './award.builders';
import { milestoneOutcomeBuilder } from './implementation.builders';
import { mergeBuilder } from './merge.builder';
import { EventRow, assembleRelease } from './release-builder';

const config = loadOpenDataConfig({});
const ocds = ocdsValidators();
const CHALLENGE = '7d0c9a3e-5a8e-4b8f-9d58-0b6f1f1f2a01';
const P1 = 'aaaaaaaa-0000-4000-8000-000000000001';
const P2 = 'aaaaaaaa-0000-4000-8000-000000000002';

const event = (over: Partial<EventRow>): EventRow => ({
  xid: '100',
  seq: '1',
  entry_id: '11111111-1111-4111-8111-111111111111',
  action: 'award.granted',
  subject_type: 'project',
  subject_id: P1,
  before: null,
  after: null,
  recorded_at: '2025-05-01T00:00:00.000Z',
  challenge_id: CHALLENGE,
  published_at: '2025-03-01T02:00:00.000Z',
  agency_organization_id: '22222222-2222-4222-8222-222222222222',
  buyer_name: '深圳市科技创新局',
  buyer_credit_code: '11440300MB2C92058N',
  ...over,
});

const project = (id: string, activatedAt: string | null): ProjectFacts => ({
  id,
  granted_fen: '900000001',
  activated_at: activatedAt,
  suppliers: [
    { name: '牵头企业', creditCode: '91440300MA5F12345X' },
    { name: '成员高校', creditCode: '12440000455859543A' },
  ],
  milestones: [
    { id: 'bbbbbbbb-0000-4000-8000-000000000001', title: '样机', dueAt: '2025-09-01T00:00:00.000Z', trancheFen: '450000000' },
    { id: 'bbbbbbbb-0000-4000-8000-000000000002', title: '验收', dueAt: '2026-01-01T00:00:00.000Z', trancheFen: '450000001' },
  ],
});

const projects = new Map([
  [P1, project(P1, '2025-05-06T00:00:00.000Z')],
  [P2, project(P2, null)],
]);

describe('award builders', () => {
  it('award: pending, the amount awarded, every consortium member a supplier; completes the tender when it filled the last slot', () => {
    const row = event({
      before: { challengeStatus: 'closed' },
      after: { amountFen: 900_000_001, publicityEndsAt: '2025-05-06T00:00:00.000Z', challengeStatus: 'awarded' },
    });
    const release = assembleRelease(row, awardBuilder.build(row, projects, config)!, config);
    ocds.assert('release', release);
    expect(release.tag).toEqual(['award', 'tenderUpdate']);
    expect(release.tender).toEqual({ id: CHALLENGE, status: 'complete' });
    expect(release.awards).toEqual([
      expect.objectContaining({
        id: P1,
        status: 'pending',
        date: '2025-05-01T00:00:00.000Z',
        value: { amount: 9_000_000.01, currency: 'CNY' },
        suppliers: [
          { id: 'CN-USCI-91440300MA5F12345X', name: '牵头企业' },
          { id: 'CN-USCI-12440000455859543A', name: '成员高校' },
        ],
      }),
    ]);
    expect(release.parties?.map((p) => [p.id, p.roles])).toEqual([
      ['CN-USCI-11440300MB2C92058N', ['buyer', 'procuringEntity', 'payer']],
      ['CN-USCI-91440300MA5F12345X', ['supplier', 'payee']],
      ['CN-USCI-12440000455859543A', ['supplier']],
    ]);
    const more = event({ before: { challengeStatus: 'closed' }, after: { amountFen: 1, challengeStatus: 'closed' } });
    expect(awardBuilder.build(more, projects, config)?.tag).toEqual(['award']);
  });

  it('publicity over: award active and the contract with its planned milestones, in implementation and without value', () => {
    const row = event({
      action: 'project.publicity_ended',
      after: { status: 'active', activatedAt: '2025-05-06T00:00:00.000Z' },
    });
    const release = assembleRelease(row, activationBuilder.build(row, projects, config)!, config);
    ocds.assert('release', release);
    expect(release.contracts?.[0]).toMatchObject({
      id: P1,
      awardID: P1,
      status: 'active',
      dateSigned: '2025-05-06T00:00:00.000Z',
      value: { amount: 9_000_000.01, currency: 'CNY' },
      implementation: {
        milestones: [
          { status: 'scheduled', type: 'delivery', description: '达成后拨付 4500000.00 元' },
          { status: 'scheduled', description: '达成后拨付 4500000.01 元' },
        ],
      },
    });
    expect(release.contracts?.[0].milestones).toBeUndefined();
    for (const m of release.contracts?.[0].implementation?.milestones ?? []) expect('value' in m).toBe(false);
  });

  it('a gate terminates the contract of an active project and cancels the award of one still in publicity', () => {
    const row = event({
      recorded_at: '2025-07-01T00:00:00.000Z',
      action: 'gate.decided',
      subject_type: 'challenge',
      subject_id: CHALLENGE,
      after: { stage: 1, stageName: '初赛', eliminated: [P1, P2], advancing: [] },
    });
    const release = assembleRelease(row, gateBuilder.build(row, projects, config)!, config);
    ocds.assert('release', release);
    expect(release.tag).toEqual(['awardCancellation', 'contractTermination']);
    expect(release.contracts).toEqual([expect.objectContaining({ id: P1, status: 'terminated' })]);
    expect(release.awards).toEqual([expect.objectContaining({ id: P2, status: 'cancelled' })]);
    expect(gateBuilder.build(event({ action: 'gate.decided', after: { eliminated: [] } }), projects, config)).toBeNull();
  });

  it('a gate in publicity stops no one; its finalisation terminates as a gate decided before publicity existed did', () => {
    const published = {
      stage: 1,
      stageName: '初赛',
      eliminated: [P1],
      advancing: [],
      publicityEndsAt: '2025-07-06T00:00:00.000Z',
    };
    expect(gateBuilder.build(event({ action: 'gate.decided', after: published }), projects, config)).toBeNull();
    const row = event({
      recorded_at: '2025-07-06T00:00:01.000Z',
      action: 'gate.finalised',
      subject_type: 'challenge',
      subject_id: CHALLENGE,
      after: { stage: 1, stageName: '初赛', eliminated: [P1], advancing: [] },
    });
    const release = assembleRelease(row, gateBuilder.build(row, projects, config)!, config);
    ocds.assert('release', release);
    expect(release.contracts).toEqual([expect.objectContaining({ id: P1, status: 'terminated' })]);
  });
});

describe('merge builder', () => {
  const P3 = 'aaaaaaaa-0000-4000-8000-000000000003';
  const merged = new Map([[P3, { ...project(P3, '2025-08-01T00:00:00.000Z'), granted_fen: '1800000000' }]]);
  const row = event({
    recorded_at: '2025-08-01T00:00:00.000Z',
    action: 'project.merged',
    subject_id: P3,
    after: { mergedProjectIds: [P1, P2], stage: 1, grantFen: 1_800_000_000 },
  });

  it('a merge: the new project awarded and contracted at once, the merged contracts terminated, naming where they went', () => {
    const release = assembleRelease(row, mergeBuilder.build(row, merged, config)!, config);
    ocds.assert('release', release);
    expect(release.tag).toEqual(['award', 'contract', 'contractTermination']);
    expect(release.awards).toEqual([
      expect.objectContaining({ id: P3, status: 'active', value: { amount: 18_000_000, currency: 'CNY' } }),
    ]);
    expect(release.awards?.[0].suppliers?.map((s) => s.id)).toEqual(['CN-USCI-91440300MA5F12345X', 'CN-USCI-12440000455859543A']);
    expect(release.contracts?.map((c) => [c.id, c.status])).toEqual([
      [P3, 'active'],
      [P1, 'terminated'],
      [P2, 'terminated'],
    ]);
    expect(release.contracts?.[0].implementation?.milestones).toHaveLength(2);
    expect(release.contracts?.[1].description).toContain(P3);
    const compiled = compileRelease([release]);
    expect(compiled.contracts?.find((c) => c.id === P1)?.status).toBe('terminated');
  });

  it('publishes nothing for an entry it cannot read', () => {
    expect(mergeBuilder.build(event({ ...row, after: { stage: 1 } }), merged, config)).toBeNull();
    expect(mergeBuilder.build(event({ ...row, subject_id: P1 }), merged, config)).toBeNull();
  });
});

describe('award builders: cancellations and the compiled record', () => {
  it('objection upheld: the award is cancelled', () => {
    const row = event({ action: 'objection.upheld', after: { comment: '核实属实', projectStatus: 'terminated' } });
    const release = assembleRelease(row, objectionUpheldBuilder.build(row, undefined, config)!, config);
    ocds.assert('release', release);
    expect(release.awards).toEqual([
      {
        id: P1,
        status: 'cancelled',
        description: '异议成立，撤销授予：核实属实',
        description_en: 'Objection upheld; the award is withdrawn: 核实属实',
      },
    ]);
  });

  it('the compiled record holds one status per milestone: the plan, then the review, in the same place', () => {
    const activation = event({
      action: 'project.publicity_ended',
      after: { status: 'active', activatedAt: '2025-05-06T00:00:00.000Z' },
    });
    const planned = assembleRelease(activation, activationBuilder.build(activation, projects, config)!, config);
    const M1 = 'bbbbbbbb-0000-4000-8000-000000000001';
    const review = event({
      entry_id: '44444444-4444-4444-8444-444444444444',
      recorded_at: '2025-09-02T00:00:00.000Z',
      action: 'milestone.review.accept',
      subject_type: 'milestone',
      subject_id: M1,
      after: { status: 'met', payFen: 450_000_000 },
    });
    const facts = new Map([
      [
        M1,
        {
          id: M1,
          project_id: P1,
          title: '样机',
          organization_id: 'cccccccc-0000-4000-8000-000000000001',
          lead: { id: 'cccccccc-0000-4000-8000-000000000001', name: '牵头企业', credit_code: '91440300MA5F12345X' },
        },
      ],
    ]);
    const met = assembleRelease(review, milestoneOutcomeBuilder.build(review, facts, config)!, config);
    ocds.assert('release', met);
    const compiled = compileRelease([planned, met]);
    const contract = compiled.contracts?.find((c) => c.id === P1);
    expect(contract?.milestones).toBeUndefined();
    expect(contract?.implementation?.milestones).toEqual([
      expect.objectContaining({
        id: M1,
        status: 'met',
        dueDate: '2025-09-01T00:00:00.000Z',
        dateMet: '2025-09-02T00:00:00.000Z',
      }),
      expect.objectContaining({ id: 'bbbbbbbb-0000-4000-8000-000000000002', status: 'scheduled' }),
    ]);
    expect(JSON.stringify(compiled).split(M1).length - 1).toBe(1);
  });
});
