import { describe, expect, it } from 'vitest';
import { countByHealth, filterByHealth, isHealthFilter } from './health';

const items = [
  { id: 'a', health: 'on_track' as const },
  { id: 'b', health: 'late' as const },
  { id: 'c', health: 'at_risk' as const },
  { id: 'd', health: 'late' as const },
];

describe('health filter', () => {
  it('keeps every project for "all", in order', () =>
    expect(filterByHealth(items, 'all').map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']));
  it('keeps only the projects of one light', () => {
    expect(filterByHealth(items, 'late').map((i) => i.id)).toEqual(['b', 'd']);
    expect(filterByHealth(items, 'at_risk').map((i) => i.id)).toEqual(['c']);
    expect(filterByHealth([], 'on_track')).toEqual([]);
  });
  it('counts each light', () => expect(countByHealth(items)).toEqual({ on_track: 1, at_risk: 1, late: 2 }));
  it('accepts only known values from the URL', () => {
    expect(isHealthFilter('late')).toBe(true);
    expect(isHealthFilter('all')).toBe(true);
    expect(isHealthFilter('green')).toBe(false);
    expect(isHealthFilter(null)).toBe(false);
  });
});
