import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMyBids, useOpenChallenges } from '../api/bids';
import { BidStatusBadge } from '../components/BidReceipt';
import { DateTime, Money } from '../components/format';
import { RequireRole } from '../components/RequireRole';
import { Empty, ErrorState, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';

function MyBids() {
  const { t } = useI18n();
  const challenges = useOpenChallenges();
  const bids = useMyBids(challenges.data);
  if (challenges.isPending || bids.some((b) => b.isPending)) return <Loading />;
  if (challenges.isError) return <ErrorState error={challenges.error} onRetry={() => void challenges.refetch()} />;
  const rows = challenges.data.flatMap((c, i) => (bids[i]?.data?.items ?? []).map((bid) => ({ challenge: c, bid })));
  if (rows.length === 0)
    return (
      <Empty title={t('myBids.empty')} hint={t('myBids.emptyHint')}>
        <Anchor component={Link} to="/">
          {t('nav.challenges')}
        </Anchor>
      </Empty>
    );
  return (
    <Stack gap="sm" component="ul" p={0} style={{ listStyle: 'none' }}>
      {rows.map(({ challenge, bid }) => (
        <Card key={bid.id} withBorder padding="sm" component="li">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Anchor component={Link} to={`/challenges/${challenge.id}/bid`} fw={600}>
              {challenge.title}
            </Anchor>
            <BidStatusBadge status={bid.status} />
          </Group>
          <Text size="sm">
            {t('bid.requested')}: <Money fen={bid.requestedFundingFen} /> · {t('bid.revision')} {bid.revision} ·{' '}
            <DateTime iso={bid.submittedAt} />
          </Text>
          <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
            SHA-256 {bid.receipt.hash}
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

/** The team's bids on open and closed challenges, with their receipts. */
export default function MyBidsPage() {
  const { t } = useI18n();
  return (
    <RequireRole role="team" message={t('bid.teamOnly')}>
      <Stack gap="md" maw={960}>
        <Title order={1}>{t('myBids.title')}</Title>
        <MyBids />
      </Stack>
    </RequireRole>
  );
}
