import { Badge, Checkbox, Table, Text } from '@mantine/core';
import type { Criterion, RankingView } from '../api/bids';
import { useI18n, type Lang } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { BidStatusBadge } from './BidReceipt';
import { Money } from './format';
import { WideTable } from './WideTable';

/** The server's tie-break steps, in the reader's words (a new step fails the type check until worded). */
export const tieBreakText = (t: (k: MessageKey) => string, order: RankingView['tieBreakOrder']): string =>
  order.map((step) => t(`ranking.step.${step}`)).join(t('ranking.tieBreakJoin'));

/** A criterion as people read it: the name the agency gave it, else the default's built-in name (the server's `label`). */
export const criterionName = (c: Pick<Criterion, 'label'>, lang: Lang): string => c.label[lang];

/** The names of criteria given by key (a key the criteria do not know is shown as it is). */
export const criterionNames = (criteria: readonly Criterion[], keys: readonly string[], lang: Lang): string[] =>
  keys.map((k) => {
    const c = criteria.find((x) => x.key === k);
    return c ? criterionName(c, lang) : k;
  });

/**
 * Bids numbered as the bid list numbers them ("申报 1/2/3"): by submission, then id — the order of
 * GET /challenges/:id/bids — counting from 1.
 */
export function submissionNumbers(bids: readonly { id: string; submittedAt: string }[]): Map<string, number> {
  const ordered = [...bids].sort(
    (a, b) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  return new Map(ordered.map((b, i) => [b.id, i + 1]));
}

/** The ranking's own numbering of its bids, by submission (the agency sees every live bid in it). */
export const rankingNumbers = (ranking: RankingView): Map<string, number> =>
  submissionNumbers(ranking.items.map((r) => ({ id: r.bidId, submittedAt: r.submittedAt })));

/** A bid as the ranking and the shortlist confirmation name it: "申报 2" and its organisation. */
export function BidName({ n, organizationName }: { n: number | undefined; organizationName: string }) {
  const { t } = useI18n();
  return (
    <>
      {n !== undefined && (
        <Text size="sm" fw={600}>
          {t('review.bidN', { n })}
        </Text>
      )}
      <Text size={n !== undefined ? 'xs' : 'sm'} c={n !== undefined ? 'dimmed' : undefined}>
        {organizationName}
      </Text>
    </>
  );
}

/**
 * The ranking, best first: score, per-criterion aggregates, eligibility; optional selection (shortlist).
 * Each bid is named as in the bid list (`numbers`, by default the submission order) and by its organisation.
 */
export function RankingTable({
  ranking,
  selected,
  onToggle,
  numbers,
}: {
  ranking: RankingView;
  selected?: Set<string>;
  onToggle?: (bidId: string) => void;
  numbers?: ReadonlyMap<string, number>;
}) {
  const { t, lang } = useI18n();
  const numberOf = numbers ?? rankingNumbers(ranking);
  const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '—' : n.toFixed(2));
  return (
    <WideTable minWidth={640}>
      <Table striped withTableBorder data-testid="ranking">
        <Table.Caption>{t('ranking.tieBreak', { rule: tieBreakText(t, ranking.tieBreakOrder) })}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            {onToggle && <Table.Th scope="col">{t('ranking.shortlist')}</Table.Th>}
            <Table.Th scope="col">{t('ranking.rank')}</Table.Th>
            <Table.Th scope="col">{t('ranking.bid')}</Table.Th>
            <Table.Th scope="col">{t('ranking.score')}</Table.Th>
            {ranking.criteria.map((c) => (
              <Table.Th scope="col" key={c.key}>
                {criterionName(c, lang)} ({c.weight}%)
              </Table.Th>
            ))}
            <Table.Th scope="col">{t('bid.requested')}</Table.Th>
            <Table.Th scope="col">{t('ranking.eligible')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {ranking.items.map((r) => (
            <Table.Tr key={r.bidId}>
              {onToggle && (
                <Table.Td>
                  <Checkbox
                    aria-label={t('ranking.selectBid', { rank: r.rank })}
                    checked={selected?.has(r.bidId) ?? false}
                    disabled={!r.eligible || r.status !== 'submitted'}
                    onChange={() => onToggle(r.bidId)}
                  />
                </Table.Td>
              )}
              <Table.Td>{r.rank}</Table.Td>
              <Table.Td data-testid={`ranking-bid-${r.rank}`}>
                <BidName n={numberOf.get(r.bidId)} organizationName={r.organizationName} />
                <BidStatusBadge status={r.status} />
              </Table.Td>
              <Table.Td fw={600}>{fmt(r.score)}</Table.Td>
              {ranking.criteria.map((c) => (
                <Table.Td key={c.key}>{fmt(r.scores[c.key])}</Table.Td>
              ))}
              <Table.Td>
                <Money fen={r.requestedFundingFen} />
              </Table.Td>
              <Table.Td>
                {r.eligible ? (
                  <Badge color="green" variant="light" c="dark.7">
                    {t('common.yes')}
                  </Badge>
                ) : (
                  <Badge color="red" variant="light" c="dark.7">
                    {t('ranking.ineligible', {
                      criteria: criterionNames(ranking.criteria, r.failedCriteria, lang).join(t('ranking.criteriaJoin')),
                    })}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
