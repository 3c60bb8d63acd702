import fc from 'fast-check';
import { effectiveWindow, isInForce, policySettings } from './effective-window';
import { domainError, FIRST_DAY_OUT, LAST_DAY_IN, SETTINGS } from './test-support';

describe('effective window: [effectiveFrom, effectiveFrom + 5 years) in UTC days', () => {
  it('runs from the start day to the day before the fifth anniversary', () => {
    expect(effectiveWindow(SETTINGS)).toEqual({ firstDay: '2023-06-01', lastDay: '2028-05-31' });
  });

  it.each([
    ['2023-05-31T23:59:59.999Z', false], // day before the first day
    ['2023-06-01T00:00:00.000Z', true], // first day in
    ['2025-01-01T12:00:00.000Z', true],
    [LAST_DAY_IN.toISOString(), true], // last day in, last millisecond
    [FIRST_DAY_OUT.toISOString(), false], // first day out, first millisecond
  ])('%s in force: %p', (iso, expected) => {
    expect(isInForce(new Date(iso), SETTINGS)).toBe(expected);
  });

  it('ignores the time of day of effectiveFrom: only its UTC day counts', () => {
    const s = policySettings({ effectiveFrom: new Date('2023-06-01T17:30:00Z') });
    expect(isInForce(new Date('2023-06-01T00:00:00Z'), s)).toBe(true);
    expect(isInForce(new Date('2028-06-01T00:00:00Z'), s)).toBe(false);
  });

  it('a 29 February start ends after 28 February', () => {
    const s = policySettings({ effectiveFrom: '2024-02-29' });
    expect(effectiveWindow(s)).toEqual({ firstDay: '2024-02-29', lastDay: '2029-02-28' });
  });

  it('notices a settings object changed in place (the window is cached per settings object)', () => {
    const s = { effectiveFrom: new Date('2023-06-01'), validityYears: 5, pmMajorRateBp: null };
    expect(isInForce(new Date('2028-06-01'), s)).toBe(false);
    s.effectiveFrom.setTime(Date.parse('2023-06-02'));
    expect(isInForce(new Date('2028-06-01'), s)).toBe(true);
    s.validityYears = 1;
    expect(isInForce(new Date('2028-06-01'), s)).toBe(false);
  });

  it('follows validityYears', () => {
    expect(effectiveWindow(policySettings({ effectiveFrom: '2023-06-01', validityYears: 1 })).lastDay).toBe('2024-05-31');
  });

  it('agrees with comparing ISO calendar days for any date', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2020-01-01'), max: new Date('2031-12-31'), noInvalidDate: true }), (date) => {
        const day = date.toISOString().slice(0, 10);
        expect(isInForce(date, SETTINGS)).toBe(day >= '2023-06-01' && day < '2028-06-01');
      }),
    );
  });

  it('defaults to 5 years and no project-manager ratio', () => {
    expect(SETTINGS).toMatchObject({ validityYears: 5, pmMajorRateBp: null });
    expect(Object.isFrozen(SETTINGS)).toBe(true);
  });

  it.each([
    [{ effectiveFrom: 'not a date' }, 'settings.effectiveFrom', 'policy.invalid_date'],
    [{ effectiveFrom: '2023-06-01', validityYears: 0 }, 'settings.validityYears', 'policy.invalid_settings'],
    [{ effectiveFrom: '2023-06-01', validityYears: 2.5 }, 'settings.validityYears', 'policy.invalid_settings'],
    [{ effectiveFrom: '2023-06-01', pmMajorRateBp: 10_001 }, 'settings.pmMajorRateBp', 'policy.invalid_rate'],
  ])('refuses bad settings %p', (input, field, code) => {
    const error = domainError(() => policySettings(input as never), 'invalid');
    expect(error.code).toBe(code);
    expect(error.fieldErrors[0].field).toBe(field);
  });

  it('refuses a bad decision date', () => {
    const error = domainError(() => isInForce(new Date('nope'), SETTINGS), 'invalid');
    expect(error).toMatchObject({ code: 'policy.invalid_date', fieldErrors: [{ field: 'date' }] });
  });
});
