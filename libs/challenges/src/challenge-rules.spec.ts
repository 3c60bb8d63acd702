import { DomainError } from '@app/common/domain-error';
import {
  ChallengeSpec,
  FIELD_MAY_BE_LEFT_OUT,
  FIELD_REQUIRED_BY_POLICY,
  assertChallenge,
  crossFieldErrors,
  describeMs,
  fieldRequired,
  fundingRuleError,
  publishErrors,
} from './challenge-rules';

const day = 86_400_000;
const t0 = new Date('2030-01-01T00:00:00Z');
const at = (days: number) => new Date(t0.getTime() + days * day);

const openCall = (over: Partial<ChallengeSpec> = {}): ChallengeSpec => ({
  title: '量子芯片',
  summary: 'summary',
  industry: 'quantum_information',
  secondaryIndustry: null,
  field: 'key_components',
  mechanism: 'open_call',
  track: 'core_tech',
  budgetFen: 3_000_000_000,
  maxAwardFen: null,
  parallelSlots: null,
  stages: [],
  objectives: [{ metric: 'qubits', target: 100, unit: 'qubits' }],
  eligibility: { orgKinds: ['enterprise'], consortiumAllowed: false, maxMembers: 1 },
  bidDeadline: at(30),
  projectEndsAt: at(400),
  zone: null,
  ...over,
});

const horseRace = (over: Partial<ChallengeSpec> = {}): ChallengeSpec =>
  openCall({
    mechanism: 'horse_race',
    parallelSlots: 4,
    stages: [
      { name: 'first', endsAt: at(100), advancingSlots: 2 },
      { name: 'second', endsAt: at(200), advancingSlots: 1 },
    ],
    ...over,
  });

const fields = (spec: ChallengeSpec) => crossFieldErrors(spec);

describe('challenge rules', () => {
  it('accepts a consistent open call and horse race', () => {
    expect(fields(openCall())).toEqual([]);
    expect(fields(openCall({ parallelSlots: 1 }))).toEqual([]);
    expect(fields(horseRace())).toEqual([]);
  });

  it('an open call has one slot and no stages', () => {
    expect(fields(openCall({ parallelSlots: 2 }))).toEqual([
      { field: 'parallelSlots', message: 'must be 1: an open call has exactly one winner' },
    ]);
    expect(fields(openCall({ stages: [{ name: 'x', endsAt: at(50), advancingSlots: 1 }] }))).toEqual([
      { field: 'stages', message: 'must be empty: only a horse race has stages' },
    ]);
  });

  it('a horse race has at least two slots and at least one stage', () => {
    expect(fields(horseRace({ parallelSlots: 1, stages: [{ name: 'a', endsAt: at(100), advancingSlots: 1 }] }))).toContainEqual({
      field: 'parallelSlots',
      message: 'must be at least 2 for a horse race',
    });
    expect(fields(horseRace({ parallelSlots: null }))).toContainEqual({
      field: 'parallelSlots',
      message: 'is required for a horse race (at least 2 parallel teams)',
    });
    expect(fields(horseRace({ stages: [] }))).toEqual([
      { field: 'stages', message: 'must have at least one stage for a horse race' },
    ]);
  });

  it('stages end in order, after the deadline, before the project ends, with shrinking advancing slots', () => {
    const errs = fields(
      horseRace({
        stages: [
          { name: 'a', endsAt: at(10), advancingSlots: 4 },
          { name: 'b', endsAt: at(5), advancingSlots: 4 },
          { name: 'c', endsAt: at(500), advancingSlots: 1 },
        ],
      }),
    );
    expect(errs).toEqual(
      expect.arrayContaining([
        { field: 'stages[0].endsAt', message: 'must be after bidDeadline' },
        { field: 'stages[0].advancingSlots', message: 'must be fewer than parallelSlots' },
        { field: 'stages[1].endsAt', message: 'must be after bidDeadline' },
        { field: 'stages[1].endsAt', message: 'must be after stages[0].endsAt (stages are in order)' },
        { field: 'stages[1].advancingSlots', message: 'must be fewer than stages[0].advancingSlots (each gate stops someone)' },
        { field: 'stages[2].endsAt', message: 'must be before projectEndsAt' },
      ]),
    );
  });

  it('the project ends after the deadline; the second industry differs; maxAward within budget', () => {
    expect(fields(openCall({ projectEndsAt: at(30) }))).toEqual([
      { field: 'projectEndsAt', message: 'must be after bidDeadline' },
    ]);
    expect(fields(openCall({ secondaryIndustry: 'quantum_information' }))).toEqual([
      { field: 'secondaryIndustry', message: 'must differ from industry' },
    ]);
    expect(fields(openCall({ maxAwardFen: 3_000_000_001 }))).toEqual([
      { field: 'maxAwardFen', message: 'must not exceed budgetFen' },
    ]);
  });

  it('consortium size fits whether consortia are allowed', () => {
    expect(fields(openCall({ eligibility: { orgKinds: ['enterprise'], consortiumAllowed: false, maxMembers: 3 } }))).toEqual([
      { field: 'eligibility.maxMembers', message: 'must be 1 when consortiumAllowed is false' },
    ]);
    expect(fields(openCall({ eligibility: { orgKinds: ['enterprise'], consortiumAllowed: true, maxMembers: 1 } }))).toEqual([
      { field: 'eligibility.maxMembers', message: 'must be at least 2 when consortiumAllowed is true' },
    ]);
    expect(
      fields(openCall({ eligibility: { orgKinds: ['enterprise', 'enterprise'], consortiumAllowed: false, maxMembers: 1 } })),
    ).toEqual([{ field: 'eligibility.orgKinds', message: 'must not repeat a kind' }]);
  });

  it('publishing needs the deadline at least the minimum bid window away', () => {
    expect(publishErrors(openCall(), at(23), 7 * day)).toEqual([]);
    expect(publishErrors(openCall(), at(24), 7 * day)).toEqual([
      {
        field: 'bidDeadline',
        message: expect.stringMatching(/^must be at least 7 days after publishing/),
        constraint: { name: 'bidWindow', args: [7 * day, at(31).toISOString()] },
      },
    ]);
  });

  it('maxAwardFen within the track’s cap: 30 million CNY for core_tech, 100 million for pm_major (422)', () => {
    expect(fundingRuleError({ track: 'core_tech', maxAwardFen: 3_000_000_000 })).toBeNull();
    const err = fundingRuleError({ track: 'core_tech', maxAwardFen: 3_000_000_001 });
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({
      kind: 'rule_violation',
      code: 'policy.cap_exceeded',
      details: { rule: 'art4.core_tech', capFen: 3_000_000_000, allowedFen: 3_000_000_000 },
    });
    expect(fundingRuleError({ track: 'pm_major', maxAwardFen: 10_000_000_000 })).toBeNull();
    expect(fundingRuleError({ track: 'pm_major', maxAwardFen: 10_000_000_001 })).toMatchObject({
      details: { rule: 'art4.pm_major' },
    });
  });

  it('assertChallenge throws 400 with every field first, then the 422', () => {
    expect(() => assertChallenge(openCall({ parallelSlots: 3, budgetFen: 9_000_000_000, maxAwardFen: 4_000_000_000 }))).toThrow(
      expect.objectContaining({ kind: 'invalid', fieldErrors: [{ field: 'parallelSlots', message: expect.any(String) }] }),
    );
    expect(() => assertChallenge(openCall({ budgetFen: 9_000_000_000, maxAwardFen: 4_000_000_000 }))).toThrow(
      expect.objectContaining({ kind: 'rule_violation' }),
    );
  });

  it('a core_tech challenge names one of clause 4 (四)’s four fields, whether left out or null', () => {
    const expected = {
      field: 'field',
      message:
        "is required for a core_tech challenge: one of clause 4 (四)'s fields, " +
        'foundational_software, key_components, major_equipment, test_instruments',
    };
    expect(fields(openCall({ field: undefined }))).toEqual([expected]);
    expect(fields(openCall({ field: null }))).toEqual([expected]);
    expect(fields(openCall({ field: 'major_equipment' }))).toEqual([]);
    expect(fieldRequired('core_tech')).toBe(true);
  });

  it('the policy does not confine the project-manager track to those fields', () => {
    expect(FIELD_REQUIRED_BY_POLICY).toEqual({ core_tech: true, pm_major: false });
    expect(fields(openCall({ track: 'pm_major', field: 'major_equipment' }))).toEqual([]);
  });

  it('a pm_major challenge may name no field (storage allows it since the ChallengeFieldOptional migration)', () => {
    expect(FIELD_MAY_BE_LEFT_OUT).toBe(true);
    expect(fieldRequired('pm_major')).toBe(false);
    expect(fields(openCall({ track: 'pm_major', field: undefined }))).toEqual([]);
    expect(fields(openCall({ track: 'pm_major', field: null }))).toEqual([]);
  });

  it('describes durations for messages', () => {
    expect(describeMs(2000)).toBe('2 seconds');
    expect(describeMs(7 * day)).toBe('7 days');
    expect(describeMs(day + 3_600_000)).toBe('1 day 1 hour');
    expect(describeMs(1500)).toBe('1 second 500 ms');
  });
});
