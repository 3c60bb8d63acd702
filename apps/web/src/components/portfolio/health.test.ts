import { describe, expect, it } from 'vitest';
import { countOf, isHealthFilter } from './health';

const totals = { projects: 4, onTrack: 1, atRisk: 1, late: 2 };

describe('health filter', () => {
  it('counts what each filter lists from the totals, whatever page is loaded', () => {
    expect(countOf(totals, 'all')).toBe(4);
    expect(countOf(totals, 'on_track')).toBe(1);
    expect(countOf(totals, 'at_risk')).toBe(1);
    expect(countOf(totals, 'late')).toBe(2);
  });
  it('accepts only known values from the URL', () => {
    expect(isHealthFilter('late')).toBe(true);
    expect(isHealthFilter('all')).toBe(true);
    expect(isHealthFilter('green')).toBe(false);
    expect(isHealthFilter(null)).toBe(false);
  });
});
