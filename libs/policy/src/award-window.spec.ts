import fc from 'fast-check';
import { awardWindowError } from './award-window';
import { beijingDate, effectiveWindow, policySettings } from './effective-window';
import { SETTINGS } from './test-support';

describe('awardWindowError (publishing checks the window)', () => {
  // SETTINGS: in force 2023-06-01 … 2028-05-31, Beijing days.
  it('refuses a bid deadline on a Beijing day after the last day, naming the field and both days', () => {
    const error = awardWindowError(new Date('2028-06-01T00:00:00+08:00'), SETTINGS);
    expect(error).toMatchObject({
      kind: 'rule_violation',
      code: 'policy.awards_after_window',
      details: { bidDeadlineDay: '2028-06-01', firstDay: '2023-06-01', lastDay: '2028-05-31' },
      fieldErrors: [{ field: 'bidDeadline' }],
    });
    expect(error?.details.explanation).toMatchObject({
      zh: expect.stringContaining('第（二十四）条'),
      en: expect.stringContaining('Beijing time'),
    });
  });

  it('accepts the last Beijing day to its last millisecond, and any day before the window starts', () => {
    expect(awardWindowError(new Date('2028-05-31T23:59:59.999+08:00'), SETTINGS)).toBeNull();
    expect(awardWindowError(new Date('2020-01-01T00:00:00+08:00'), SETTINGS)).toBeNull();
  });

  it('refuses exactly the deadlines whose Beijing day is after the last day in force', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 8000 * 86_400 }),
        (startDay, years, secondsAfter2020) => {
          const settings = policySettings({
            effectiveFrom: new Date(Date.parse('2020-01-01T00:00:00+08:00') + startDay * 86_400_000),
            validityYears: years,
          });
          const deadline = new Date(Date.parse('2020-01-01T00:00:00Z') + secondsAfter2020 * 1000);
          const refused = awardWindowError(deadline, settings) !== null;
          expect(refused).toBe(beijingDate(deadline) > effectiveWindow(settings).lastDay);
        },
      ),
    );
  });
});
