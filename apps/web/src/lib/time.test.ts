import { describe, expect, it } from 'vitest';
import { countdown, formatDate, formatDateTime, fromShanghaiInput, toShanghaiInput } from './time';

describe('Asia/Shanghai time', () => {
  it('shows instants in Shanghai time, whatever the device zone', () => {
    expect(formatDateTime('2030-01-31T16:00:00Z')).toBe('2030-02-01 00:00');
    expect(formatDate('2030-01-31T16:00:00Z')).toBe('2030-02-01');
    expect(formatDateTime('2030-06-30T23:59:00+08:00')).toBe('2030-06-30 23:59');
    expect(formatDateTime(null)).toBe('—');
  });

  it('reads typed wall-clock time as Shanghai time, with its offset', () => {
    expect(fromShanghaiInput('2030-02-01T00:00')).toBe('2030-02-01T00:00:00+08:00');
    expect(new Date(fromShanghaiInput('2030-02-01T00:00') as string).toISOString()).toBe('2030-01-31T16:00:00.000Z');
    expect(toShanghaiInput('2030-01-31T16:00:00Z')).toBe('2030-02-01T00:00');
  });

  it('refuses impossible dates and times', () => {
    for (const bad of ['2030-02-30T10:00', '2030-13-01T10:00', '2030-01-01T24:00', '2030-01-01', '', 'soon']) {
      expect(fromShanghaiInput(bad)).toBeNull();
    }
  });

  it('counts down in whole units and stops at zero', () => {
    const deadline = '2030-01-02T01:01:01Z';
    const now = Date.parse('2030-01-01T00:00:00Z');
    expect(countdown(deadline, now)).toEqual({ past: false, days: 1, hours: 1, minutes: 1, seconds: 1 });
    expect(countdown(deadline, Date.parse(deadline))).toEqual({ past: true, days: 0, hours: 0, minutes: 0, seconds: 0 });
  });
});
