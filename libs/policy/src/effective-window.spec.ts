import fc from 'fast-check';
import { effectiveWindow, isInForce, policySettings } from './effective-window';
import { domainError, FIRST_DAY_OUT, LAST_DAY_IN, SETTINGS } from './test-support';

// The reference asks Intl for the calendar date in Asia/Shanghai (the tz database), independently of
// the engine's fixed UTC+8 offset; en-CA formats dates as YYYY-MM-DD.
const shanghaiDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('effective window: [effectiveFrom, effectiveFrom + 5 years) in Beijing days', () => {
  it('runs from the start day to the day before the fifth anniversary', () => {
    expect(effectiveWindow(SETTINGS)).toEqual({ firstDay: '2023-06-01', lastDay: '2028-05-31' });
  });

  it.each([
    ['2023-05-31T23:59:59.999+08:00', false], // the last moment before the first Beijing day
    ['2023-06-01T00:00:00.000+08:00', true], // first Beijing day in, first moment (still 31 May in UTC)
    ['2023-05-31T16:00:00.000Z', true], // the same instant written in UTC
    ['2025-01-01T12:00:00.000Z', true],
    [LAST_DAY_IN.toISOString(), true], // last Beijing day in, last millisecond
    [FIRST_DAY_OUT.toISOString(), false], // first Beijing day out, first millisecond (still 31 May in UTC)
    ['2028-05-31T23:59:59.999Z', false], // 31 May in UTC, but 1 June in Beijing
  ])('%s in force: %p', (iso, expected) => {
    expect(isInForce(new Date(iso), SETTINGS)).toBe(expected);
  });

  it('ignores the time of day of effectiveFrom: only its Beijing day counts', () => {
    // 23:30 in Beijing on 1 June, 15:30 UTC: the first day is 1 June either way.
    const s = policySettings({ effectiveFrom: new Date('2023-06-01T15:30:00Z') });
    expect(effectiveWindow(s)).toEqual({ firstDay: '2023-06-01', lastDay: '2028-05-31' });
    // 00:30 in Beijing on 2 June is 16:30 UTC on 1 June: the first day is 2 June.
    const late = policySettings({ effectiveFrom: new Date('2023-06-01T16:30:00Z') });
    expect(effectiveWindow(late)).toEqual({ firstDay: '2023-06-02', lastDay: '2028-06-01' });
  });

  it('takes Beijing midnight (how the configuration reads POLICY_EFFECTIVE_FROM) as that Beijing day', () => {
    const s = policySettings({ effectiveFrom: new Date('2023-01-01T00:00:00+08:00') });
    expect(effectiveWindow(s)).toEqual({ firstDay: '2023-01-01', lastDay: '2027-12-31' });
    expect(isInForce(new Date('2023-01-01T07:59:59+08:00'), s)).toBe(true);
    expect(isInForce(new Date('2022-12-31T23:59:59+08:00'), s)).toBe(false);
    expect(isInForce(new Date('2027-12-31T23:59:59+08:00'), s)).toBe(true);
    expect(isInForce(new Date('2028-01-01T05:00:00+08:00'), s)).toBe(false);
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

  it('for any instant: in force exactly when its Beijing calendar date is within [first day, last day]', () => {
    // Instants near the window's edges (either side of Beijing and UTC midnight) as well as anywhere.
    const edges = [Date.parse('2023-05-31T16:00:00Z'), Date.parse('2028-05-31T16:00:00Z')];
    const instant = fc.oneof(
      fc.date({ min: new Date('2020-01-01'), max: new Date('2031-12-31'), noInvalidDate: true }),
      fc
        .tuple(fc.constantFrom(...edges), fc.integer({ min: -36 * 3_600_000, max: 36 * 3_600_000 }))
        .map(([edge, offset]) => new Date(edge + offset)),
    );
    fc.assert(
      fc.property(instant, (date) => {
        const day = shanghaiDate.format(date);
        expect(isInForce(date, SETTINGS)).toBe(day >= '2023-06-01' && day <= '2028-05-31');
      }),
      { numRuns: 2000 },
    );
  });

  it('for any start instant: the window starts on its Beijing date and ends the day before the anniversary', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2090-12-31'), noInvalidDate: true }), (from) => {
        const first = shanghaiDate.format(from);
        const [y, m, d] = first.split('-').map(Number);
        // The day before the fifth anniversary (a 29 February start: the anniversary is 1 March).
        const last = new Date(Date.UTC(y + 5, m - 1, d) - 86_400_000).toISOString().slice(0, 10);
        expect(effectiveWindow(policySettings({ effectiveFrom: from }))).toEqual({ firstDay: first, lastDay: last });
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
