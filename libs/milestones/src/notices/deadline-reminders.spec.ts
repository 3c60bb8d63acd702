import fc from 'fast-check';
import { reminderBands, reminderDue } from './deadline-reminders';

const windows = fc.array(fc.integer({ min: 1, max: 30 * 86_400_000 }), { minLength: 1, maxLength: 5 });

describe('bid-deadline reminder bands', () => {
  it('3 days and 1 day: 20 hours left is the 1-day reminder, 2 days the 3-day one, 4 days none', () => {
    const bands = reminderBands([259_200_000, 86_400_000]);
    expect(reminderDue(bands, 20 * 3_600_000)?.windowMs).toBe(86_400_000);
    expect(reminderDue(bands, 2 * 86_400_000)?.windowMs).toBe(259_200_000);
    expect(reminderDue(bands, 4 * 86_400_000)).toBeNull();
    expect(reminderDue(bands, 0)).toBeNull();
  });

  it('the bands partition (0, longest window]: exactly one reminder is due inside, none outside', () => {
    fc.assert(
      fc.property(windows, fc.integer({ min: -86_400_000, max: 40 * 86_400_000 }), (ws, msLeft) => {
        const bands = reminderBands(ws);
        const inside = bands.filter((b) => msLeft > b.aboveMs && msLeft <= b.windowMs);
        expect(inside.length).toBe(msLeft > 0 && msLeft <= Math.max(...ws) ? 1 : 0);
        expect(reminderDue(bands, msLeft)).toEqual(inside[0] ?? null);
      }),
    );
  });

  it('the due reminder is the shortest window that still contains the time left', () => {
    fc.assert(
      fc.property(windows, fc.integer({ min: 1, max: 40 * 86_400_000 }), (ws, msLeft) => {
        const due = reminderDue(reminderBands(ws), msLeft);
        const containing = ws.filter((w) => msLeft <= w);
        expect(due?.windowMs ?? null).toBe(containing.length ? Math.min(...containing) : null);
      }),
    );
  });
});
