import { describe, expect, it } from 'vitest';
import { gateOutcome, mayObject, nextGateStage, slotsFull, toGateResolutionBody, validateGateResolution } from './gate-objection';

// Two slots, both taken by a and b; c is to be stopped.
const full = { advancing: ['a', 'b'], eliminated: ['c'], advancingSlots: 2, phase: 'in_publicity' as const };
const free = { ...full, advancingSlots: 3 };

describe('gate objection rules', () => {
  it('upholding with every slot taken needs an advancing project to stop instead', () => {
    expect(slotsFull(full)).toBe(true);
    expect(validateGateResolution({ decision: 'upheld', comment: 'ok', stopInstead: '' }, full)).toEqual({
      stopInstead: 'stopInsteadRequired',
    });
    // Not the objector itself, nor anyone not advancing.
    expect(validateGateResolution({ decision: 'upheld', comment: 'ok', stopInstead: 'c' }, full).stopInstead).toBe(
      'stopInsteadRequired',
    );
    expect(validateGateResolution({ decision: 'upheld', comment: 'ok', stopInstead: 'b' }, full)).toEqual({});
  });

  it('with a free slot, or dismissing, nobody is named (the server refuses stopInstead then)', () => {
    expect(validateGateResolution({ decision: 'upheld', comment: 'ok', stopInstead: '' }, free)).toEqual({});
    expect(toGateResolutionBody({ decision: 'upheld', comment: ' ok ', stopInstead: 'b' }, free)).toEqual({
      decision: 'upheld',
      comment: 'ok',
    });
    expect(toGateResolutionBody({ decision: 'dismissed', comment: 'no', stopInstead: 'b' }, full)).toEqual({
      decision: 'dismissed',
      comment: 'no',
    });
    expect(toGateResolutionBody({ decision: 'upheld', comment: 'ok', stopInstead: 'b' }, full).stopInstead).toBe('b');
  });

  it('needs a decision and a comment', () => {
    expect(validateGateResolution({ decision: '', comment: ' ', stopInstead: '' }, full)).toEqual({
      decision: 'decisionRequired',
      comment: 'commentRequired',
    });
  });

  it('says what will happen: the result stands, the objector takes a free slot, or someone is stopped instead', () => {
    expect(gateOutcome({ decision: 'dismissed', comment: '', stopInstead: '' }, full)).toEqual({ kind: 'stands' });
    expect(gateOutcome({ decision: 'upheld', comment: '', stopInstead: '' }, free)).toEqual({ kind: 'advances' });
    expect(gateOutcome({ decision: 'upheld', comment: '', stopInstead: 'b' }, full)).toEqual({ kind: 'swaps', stopped: 'b' });
  });

  it('a team may object only while the gate that would stop its project is in publicity', () => {
    expect(mayObject(full, 'c')).toBe(true);
    expect(mayObject(full, 'a')).toBe(false);
    expect(mayObject({ ...full, phase: 'held' }, 'c')).toBe(false);
    expect(mayObject(null, 'c')).toBe(false);
    expect(nextGateStage(0, 2)).toBe(1);
    expect(nextGateStage(2, 2)).toBeNull();
  });
});
