/** Pure helpers of the portfolio's health lights and filters. */
export type Health = 'on_track' | 'at_risk' | 'late';
export const HEALTHS: readonly Health[] = ['on_track', 'at_risk', 'late'];
export type HealthFilter = Health | 'all';

/** The server's totals of a portfolio (every page, before the health filter). */
export interface HealthTotals {
  projects: number;
  onTrack: number;
  atRisk: number;
  late: number;
}

/** How many projects a health filter lists, from the totals (the list itself may be a first page). */
export function countOf(totals: HealthTotals, filter: HealthFilter): number {
  switch (filter) {
    case 'on_track':
      return totals.onTrack;
    case 'at_risk':
      return totals.atRisk;
    case 'late':
      return totals.late;
    default:
      return totals.projects;
  }
}

export function isHealthFilter(value: string | null): value is HealthFilter {
  return value === 'all' || value === 'on_track' || value === 'at_risk' || value === 'late';
}
