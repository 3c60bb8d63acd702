import { Badge, Checkbox, Table, Text } from '@mantine/core';
import type { RankingView } from '../api/bids';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { BidStatusBadge } from './BidReceipt';
import { Money } from './format';
import { WideTable } from './WideTable';

/** The server's tie-break steps, in the reader's words (a new step fails the type check until worded). */
export const tieBreakText = (t: (k: MessageKey) => string, order: RankingView['tieBreakOrder']): string =>
  order.map((step) => t(`ranking.step.${step}`)).join(t('ranking.tieBreakJoin'));

export const criterionLabel = (t: (k: MessageKey) => string, key: string): string =>
  ['technical', 'team', 'plan'].includes(key) ? t(`criterion.${key}` as MessageKey) : key;

/** The ranking, best first: score, per-criterion aggregates, eligibility; optional selection (shortlist). */
export function RankingTable({
  ranking,
  selected,
  onToggle,
}: {
  ranking: RankingView;
  selected?: Set<string>;
  onToggle?: (bidId: string) => void;
}) {
  const { t } = useI18n();
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
                {criterionLabel(t, c.key)} ({c.weight}%)
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
              <Table.Td>
                <Text size="xs" ff="monospace">
                  {r.bidId.slice(0, 8)}
                </Text>
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
                  <Badge color="red" variant="light" c="dark.7" title={r.failedCriteria.join(', ')}>
                    {t('ranking.ineligible', { criteria: r.failedCriteria.map((k) => criterionLabel(t, k)).join('、') })}
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
