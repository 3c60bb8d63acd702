import fc from 'fast-check';
import { STAFF_DECISIONS, publicActorId } from './public-actor';

describe('publicActorId', () => {
  const actor = '6f1d8f5e-3c1b-4d2a-9e7f-0a1b2c3d4e5f';

  it('shows the official behind a staff decision, and no one for a job', () => {
    expect(publicActorId({ action: 'award.granted', actorId: actor })).toBe(actor);
    expect(publicActorId({ action: 'objection.upheld', actorId: actor })).toBe(actor);
    expect(publicActorId({ action: 'challenge.closed', actorId: null })).toBeNull();
  });

  it('never shows who lodged an objection, even on rows that recorded it', () => {
    expect(publicActorId({ action: 'objection.lodged', actorId: actor })).toBeNull();
  });

  it('shows no actor for any action it does not know (fails closed)', () => {
    fc.assert(
      fc.property(fc.string(), fc.uuid(), (action, id) => {
        fc.pre(!STAFF_DECISIONS.has(action));
        expect(publicActorId({ action, actorId: id })).toBeNull();
      }),
    );
  });
});
