import fc from 'fast-check';
import { assessSelection } from './gate-rules';
import {
  GatePublicityState,
  finaliseVerdict,
  gatePhase,
  lodgeRefusal,
  periodEndAfterUphold,
  upholdSelection,
} from './gate-publicity-rules';

const state = fc.record({
  finalised: fc.boolean(),
  msLeft: fc.integer({ min: -100_000, max: 100_000 }),
  openObjections: fc.nat(3),
});

/** A race of 2–7 projects with points, a slot count below its size, and a valid selection chosen by the evidence. */
const gate = fc.tuple(fc.array(fc.nat(6), { minLength: 2, maxLength: 7 }), fc.nat(5)).map(([points, s]) => {
  const ranking = points.map((p, i) => ({ projectId: `p${i}`, points: p }));
  const advancingSlots = 1 + (s % (ranking.length - 1));
  const ranked = assessSelection(ranking, advancingSlots, []).ranking;
  const advancing = ranked.slice(0, advancingSlots).map((e) => e.projectId);
  const eliminated = ranked.slice(advancingSlots).map((e) => e.projectId);
  return { ranking, advancingSlots, advancing, eliminated };
});

describe('gate phase and finalisation', () => {
  it('final is for good; finalising happens only when due and no objection is open', () => {
    fc.assert(
      fc.property(state, (s: GatePublicityState) => {
        const v = finaliseVerdict(s);
        if (s.finalised) expect(v.kind).toBe('moved_on');
        expect(v.kind === 'finalise').toBe(!s.finalised && s.msLeft <= 0 && s.openObjections === 0);
        // The phase agrees with the verdict: held exactly when the period is over and an objection holds it.
        expect(gatePhase(s) === 'held').toBe(v.kind === 'objection_open');
        expect(gatePhase(s) === 'final').toBe(s.finalised);
      }),
    );
  });

  it('too early says how long is left', () => {
    expect(finaliseVerdict({ finalised: false, msLeft: 1500, openObjections: 2 })).toEqual({ kind: 'too_early', msLeft: 1500 });
  });
});

describe('lodging an objection to a gate', () => {
  const base = {
    finalised: false,
    inPeriod: true,
    eliminated: ['b'],
    projectId: 'b',
    actsForLead: true,
    hasOpenObjection: false,
  };

  it('only during the period, only for a stopped project, only by its lead, one open at a time', () => {
    expect(lodgeRefusal(base)).toBeNull();
    expect(lodgeRefusal({ ...base, inPeriod: false })?.code).toBe('awards.gate_publicity_over');
    expect(lodgeRefusal({ ...base, finalised: true })?.code).toBe('awards.gate_publicity_over');
    expect(lodgeRefusal({ ...base, projectId: 'a' })?.code).toBe('awards.gate_not_stopping');
    expect(lodgeRefusal({ ...base, actsForLead: false })).toMatchObject({ status: 403, code: 'awards.not_project_lead' });
    expect(lodgeRefusal({ ...base, hasOpenObjection: true })?.code).toBe('awards.gate_objection_open');
  });

  it('any failed condition refuses', () => {
    fc.assert(
      fc.property(fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), fc.boolean(), (fin, inP, stopped, lead, open) => {
        const r = lodgeRefusal({
          ...base,
          finalised: fin,
          inPeriod: inP,
          projectId: stopped ? 'b' : 'a',
          actsForLead: lead,
          hasOpenObjection: open,
        });
        expect(r === null).toBe(!fin && inP && stopped && lead && !open);
      }),
    );
  });
});

describe('upholding an objection', () => {
  it('keeps the slot rule, moves the objector to advancing, and keeps every project in exactly one list', () => {
    fc.assert(
      fc.property(gate, fc.nat(10), fc.option(fc.nat(10), { nil: null }), (g, pick, swap) => {
        const objector = g.eliminated[pick % g.eliminated.length];
        const stopInstead = swap === null ? null : g.advancing[swap % g.advancing.length];
        const out = upholdSelection(g, objector, stopInstead);
        if (!out.ok) return;
        expect(assessSelection(g.ranking, g.advancingSlots, out.advancing).tooMany).toBe(false);
        expect(out.advancing).toContain(objector);
        expect(out.eliminated).not.toContain(objector);
        expect([...out.advancing, ...out.eliminated].sort()).toEqual(g.ranking.map((e) => e.projectId).sort());
        expect(out.newlyStopped).toEqual(stopInstead ? [stopInstead] : []);
        expect(out.advancing.length).toBe(g.advancing.length + (stopInstead ? 0 : 1));
      }),
    );
  });

  it('with every slot taken, upholding needs stopInstead; with a slot free, it refuses one', () => {
    const full = {
      ranking: [
        { projectId: 'a', points: 4 },
        { projectId: 'b', points: 2 },
        { projectId: 'c', points: 1 },
      ],
      advancingSlots: 2,
      advancing: ['a', 'b'],
      eliminated: ['c'],
    };
    expect(upholdSelection(full, 'c', null)).toMatchObject({ ok: false, refusal: { code: 'awards.gate_slots_full' } });
    expect(upholdSelection(full, 'c', 'b')).toEqual({ ok: true, advancing: ['a', 'c'], eliminated: ['b'], newlyStopped: ['b'] });
    expect(upholdSelection(full, 'c', 'c')).toMatchObject({ ok: false, refusal: { code: 'awards.stop_instead_not_advancing' } });
    expect(upholdSelection(full, 'a', 'b')).toMatchObject({ ok: false, refusal: { code: 'awards.gate_not_stopping' } });
    const free = { ...full, advancing: ['a'], eliminated: ['b', 'c'] };
    expect(upholdSelection(free, 'c', null)).toEqual({ ok: true, advancing: ['a', 'c'], eliminated: ['b'], newlyStopped: [] });
    expect(upholdSelection(free, 'c', 'a')).toMatchObject({ ok: false, refusal: { code: 'awards.stop_instead_not_needed' } });
  });

  it('a newly stopped project gets a whole period from now; the end never moves earlier', () => {
    fc.assert(
      fc.property(fc.nat(1e9), fc.nat(1e9), fc.nat(1e7), fc.boolean(), (end, now, period, stopped) => {
        const next = periodEndAfterUphold(end, now, period, stopped ? ['x'] : []);
        expect(next).toBeGreaterThanOrEqual(end);
        if (stopped) expect(next).toBeGreaterThanOrEqual(now + period);
        else expect(next).toBe(end);
      }),
    );
  });
});
