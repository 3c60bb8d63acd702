/**
 * The order and the pages of a portfolio (pure). Health and the next due date are worked out per
 * project from its milestones, so the list is sorted in memory; every sort ends on the project id,
 * so the order is total and a page's cursor — the sort key of its last item — says exactly where
 * the next page starts, even if projects were added or changed in between.
 */
import type { Health } from './milestone-rules';

export const PORTFOLIO_SORTS = ['next_due', 'health', 'paid', 'granted', 'title'] as const;
export type PortfolioSort = (typeof PORTFOLIO_SORTS)[number];

export interface Orderable {
  id: string;
  title: string;
  health: Health;
  grantedFen: number;
  paidFen: number;
  /** Epoch ms of the next open milestone, or null when none is open. */
  nextDueMs: number | null;
}

/** A sort key: numbers ascending or a title (Chinese collation), then the id. */
export type SortKey = [number | string, ...(number | string)[]];

const HEALTH_ORDER: Record<Health, number> = { late: 0, at_risk: 1, on_track: 2 };
/** No next milestone sorts last. */
const NONE = Number.MAX_SAFE_INTEGER;
const zh = new Intl.Collator('zh');

export function sortKey(item: Orderable, sort: PortfolioSort): SortKey {
  const due = item.nextDueMs ?? NONE;
  switch (sort) {
    case 'health':
      return [HEALTH_ORDER[item.health], due, item.id];
    case 'paid':
      return [-item.paidFen, item.id];
    case 'granted':
      return [-item.grantedFen, item.id];
    case 'title':
      return [item.title, item.id];
    default:
      return [due, item.id];
  }
}

const byCodePoint = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);

/** Compares two keys of the same sort: numbers as numbers, a title by collation, the id (always last) by code points. */
export function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i], b[i]];
    const order =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : i === a.length - 1
          ? byCodePoint(String(x), String(y))
          : zh.compare(String(x), String(y)) || byCodePoint(String(x), String(y));
    if (order !== 0) return order;
  }
  return 0;
}

const KEY_SHAPE: Record<PortfolioSort, readonly ('number' | 'string')[]> = {
  next_due: ['number', 'string'],
  health: ['number', 'number', 'string'],
  paid: ['number', 'string'],
  granted: ['number', 'string'],
  title: ['string', 'string'],
};

/** How many values a key of this sort has (a cursor holds the sort's name and then its key). */
export const sortKeyLength = (sort: PortfolioSort): number => KEY_SHAPE[sort].length;

/** Whether a decoded cursor has the shape of a key of this sort (anything else is refused as invalid). */
export function isSortKey(value: unknown[], sort: PortfolioSort): value is SortKey {
  const want = KEY_SHAPE[sort];
  return (
    value.length === want.length &&
    value.every((v, i) => typeof v === want[i] && (typeof v !== 'number' || Number.isSafeInteger(v))) &&
    /^[0-9a-f-]{36}$/i.test(String(value[value.length - 1]))
  );
}

/** One page: the items after `after` (or from the start), in order, and the key to continue from. */
export function pageOf<T extends Orderable>(
  items: readonly T[],
  sort: PortfolioSort,
  limit: number,
  after?: SortKey,
): { items: T[]; nextKey: SortKey | null } {
  const keyed = items.map((item) => ({ item, key: sortKey(item, sort) })).sort((a, b) => compareKeys(a.key, b.key));
  const rest = after ? keyed.filter((k) => compareKeys(k.key, after) > 0) : keyed;
  const page = rest.slice(0, limit);
  return { items: page.map((k) => k.item), nextKey: rest.length > limit ? page[page.length - 1].key : null };
}
