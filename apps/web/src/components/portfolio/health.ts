/** Pure helpers of the portfolio's health lights and filters. */
export type Health = 'on_track' | 'at_risk' | 'late';
export const HEALTHS: readonly Health[] = ['on_track', 'at_risk', 'late'];
export type HealthFilter = Health | 'all';

export function filterByHealth<T extends { health: Health }>(items: readonly T[], filter: HealthFilter): T[] {
  return filter === 'all' ? [...items] : items.filter((i) => i.health === filter);
}

export function countByHealth(items: readonly { health: Health }[]): Record<Health, number> {
  const counts: Record<Health, number> = { on_track: 0, at_risk: 0, late: 0 };
  for (const i of items) counts[i.health] += 1;
  return counts;
}

export function isHealthFilter(value: string | null): value is HealthFilter {
  return value === 'all' || value === 'on_track' || value === 'at_risk' || value === 'late';
}
