import fc from 'fast-check';
import { DomainError } from '@app/common/domain-error';
import { GateEvidence, decideGate, pointsOf } from './gate-rules';

const ev = (projectId: string, points: number): GateEvidence => ({
  projectId,
  organizationId: `org-${projectId}`,
  points,
  milestones: [],
});
const code = (fn: () => unknown) => {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return (e as DomainError).code;
  }
};

describe('stage points', () => {
  it('2 per met, 1 per partially met, nothing else', () => {
    expect(pointsOf(['met', 'partially_met', 'not_met', 'overdue', 'scheduled', 'submitted', 'cancelled'])).toBe(3);
  });
});

describe('decideGate', () => {
  const race = [ev('a', 4), ev('b', 3), ev('c', 1)];

  it('following the evidence needs no reason', () => {
    const d = decideGate({ stage: 1, advancingSlots: 2, inRace: race, advancing: ['a', 'b'] });
    expect(d).toMatchObject({ advancing: ['a', 'b'], eliminated: ['c'], tieBroken: false, tieGroupAdvanced: false });
    expect(d.ranking.map((e) => e.projectId)).toEqual(['a', 'b', 'c']);
  });

  it('at most advancingSlots advance', () => {
    expect(code(() => decideGate({ stage: 1, advancingSlots: 2, inRace: race, advancing: ['a', 'b', 'c'] }))).toBe(
      'awards.too_many_advancing',
    );
  });

  it('projects not in the race cannot advance; duplicates are malformed', () => {
    expect(code(() => decideGate({ stage: 1, advancingSlots: 2, inRace: race, advancing: ['a', 'x'] }))).toBe(
      'awards.not_in_race',
    );
    expect(code(() => decideGate({ stage: 1, advancingSlots: 2, inRace: race, advancing: ['a', 'a'] }))).toBe(
      'awards.invalid_gate',
    );
  });

  it('overruling the evidence needs a reason', () => {
    expect(code(() => decideGate({ stage: 1, advancingSlots: 2, inRace: race, advancing: ['a', 'c'] }))).toBe(
      'awards.tie_break_required',
    );
    const d = decideGate({ stage: 1, advancingSlots: 2, inRace: race, advancing: ['a', 'c'], tieBreakReason: '现场核查' });
    expect(d).toMatchObject({ eliminated: ['b'], tieBroken: true });
  });

  describe('a tie at the cut-off', () => {
    const tied = [ev('a', 4), ev('b', 2), ev('c', 2), ev('d', 0)];
    it('broken one way: the reason is required', () => {
      expect(code(() => decideGate({ stage: 1, advancingSlots: 2, inRace: tied, advancing: ['a', 'b'] }))).toBe(
        'awards.tie_break_required',
      );
      expect(
        decideGate({ stage: 1, advancingSlots: 2, inRace: tied, advancing: ['a', 'b'], tieBreakReason: '答辩' }).eliminated,
      ).toEqual(['c', 'd']);
    });
    it('the whole tied group may advance if someone is still stopped', () => {
      const d = decideGate({ stage: 1, advancingSlots: 2, inRace: tied, advancing: ['a', 'b', 'c'] });
      expect(d).toMatchObject({ eliminated: ['d'], tieGroupAdvanced: true, tieBroken: false });
    });
    it('but not a part of it beyond the slots, nor everyone', () => {
      const all = [ev('a', 2), ev('b', 2), ev('c', 2)];
      expect(code(() => decideGate({ stage: 1, advancingSlots: 2, inRace: all, advancing: ['a', 'b', 'c'] }))).toBe(
        'awards.too_many_advancing',
      );
      const five = [ev('a', 4), ev('b', 2), ev('c', 2), ev('d', 2), ev('e', 0)];
      expect(code(() => decideGate({ stage: 1, advancingSlots: 2, inRace: five, advancing: ['a', 'b', 'c'] }))).toBe(
        'awards.too_many_advancing',
      );
    });
  });

  it('property: an accepted gate advances ≤ slots or exactly a tied group, and the rest are eliminated', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
        fc.boolean(),
        (points, slots, pick, withReason) => {
          const inRace = points.map((p, i) => ev(`p${i}`, p));
          const advancing = inRace.filter((_, i) => pick[i]).map((e) => e.projectId);
          let d;
          try {
            d = decideGate({ stage: 1, advancingSlots: slots, inRace, advancing, tieBreakReason: withReason ? 'r' : null });
          } catch (e) {
            expect(['awards.too_many_advancing', 'awards.tie_break_required']).toContain((e as DomainError).code);
            return;
          }
          expect(d.advancing.length + d.eliminated.length).toBe(inRace.length);
          if (d.advancing.length > slots) {
            expect(d.tieGroupAdvanced).toBe(true);
            expect(d.eliminated.length).toBeGreaterThan(0);
          }
          const minAdv = Math.min(...d.advancing.map((id) => inRace.find((e) => e.projectId === id)!.points));
          const maxElim = Math.max(...d.eliminated.map((id) => inRace.find((e) => e.projectId === id)!.points));
          if (!withReason && d.advancing.length && d.eliminated.length) expect(minAdv).toBeGreaterThan(maxElim);
        },
      ),
    );
  });
});
