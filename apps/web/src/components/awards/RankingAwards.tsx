import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Fact } from '../Fact';
import { useRanking, useReviewers, type RankingView } from '../../api/bids';
import type { Challenge } from '../../api/client';
import { slotsOf } from '../../forms/award-form';
import { useI18n } from '../../i18n/i18n';
import { BidStatusBadge } from '../BidReceipt';
import { Money } from '../format';
import { tieBreakText } from '../RankingTable';
import { Empty, ErrorState, Loading } from '../states';
import { AwardForm } from './AwardForm';

type Ranked = RankingView['items'][number];

function RankedBid({
  item,
  challenge,
  canAward,
  hasPanel,
}: {
  item: Ranked;
  challenge: Challenge;
  canAward: boolean;
  hasPanel: boolean;
}) {
  const { t } = useI18n();
  const name = item.organizationName;
  // As the server decides: a shortlisted bid, or a submitted one when the challenge had no review panel.
  const awardable = canAward && (item.status === 'shortlisted' || (item.status === 'submitted' && !hasPanel));
  return (
    <Card withBorder padding="sm" component="li" data-testid={`ranked-${item.bidId}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h5">
            {t('awards.rankLine', { rank: item.rank, name })}
          </Title>
          <Group gap="xs">
            <BidStatusBadge status={item.status} />
            {item.eligible ? (
              <Badge color="green" variant="light" c="dark.7">
                {t('awards.eligible')}
              </Badge>
            ) : (
              <Badge color="red" variant="light" c="dark.7">
                {t('awards.ineligible')}
              </Badge>
            )}
          </Group>
        </Group>
        <SimpleGrid cols={{ base: 2, sm: 3 }} spacing="xs" component="dl" m={0}>
          <Fact label={t('awards.score')} small value={{ fw: 600 }}>
            {item.score === null ? '—' : item.score.toFixed(2)}
          </Fact>
          <Fact label={t('bid.requested')} small>
            <Money fen={item.requestedFundingFen} />
          </Fact>
          <Fact label={t('awards.reviewers')} small>
            {item.reviewers}
          </Fact>
        </SimpleGrid>
        {canAward && !awardable && item.status === 'submitted' && (
          <Text size="sm" c="dimmed">
            {t('awards.shortlistFirst')}
          </Text>
        )}
        {awardable && <AwardForm challenge={challenge} bidId={item.bidId} requestedFen={item.requestedFundingFen} label={name} />}
      </Stack>
    </Card>
  );
}

/** The ranking, best first, each bid with its score and eligibility; an award form on each bid that may be awarded. */
export function RankingAwards({ challenge }: { challenge: Challenge }) {
  const { t } = useI18n();
  const ranking = useRanking(challenge.id, 'none');
  const reviewers = useReviewers(challenge.id);
  const hasPanel = !!ranking.data?.panelClosed || (reviewers.data?.items.length ?? 0) > 0;
  const canAward = challenge.status === 'closed' && challenge.awardedCount < slotsOf(challenge);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="award-ranking-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="award-ranking-title">
          {t('awards.ranking')}
        </Title>
        {challenge.status === 'closed' && !canAward && <Text size="sm">{t('awards.noSlotLeft')}</Text>}
        {challenge.status !== 'closed' && <Text size="sm">{t('awards.notClosed')}</Text>}
        {ranking.isPending ? (
          <Loading />
        ) : ranking.isError ? (
          <ErrorState error={ranking.error} onRetry={() => void ranking.refetch()} />
        ) : ranking.data.items.length === 0 ? (
          <Empty title={t('review.noBids')} />
        ) : (
          <>
            <Text size="xs" c="dimmed">
              {t('ranking.tieBreak', { rule: tieBreakText(t, ranking.data.tieBreakOrder) })}
            </Text>
            <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
              {ranking.data.items
                .filter((i) => i.status !== 'withdrawn')
                .map((item) => (
                  <RankedBid key={item.bidId} item={item} challenge={challenge} canAward={canAward} hasPanel={hasPanel} />
                ))}
            </Stack>
          </>
        )}
      </Stack>
    </Card>
  );
}
