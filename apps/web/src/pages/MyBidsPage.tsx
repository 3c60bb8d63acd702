import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMyBids } from '../api/bids';
import { StatusBadge } from '../components/ChallengeCard';
import { BidStatusBadge } from '../components/BidReceipt';
import { DateTime, Money } from '../components/format';
import { RequireRole } from '../components/RequireRole';
import { Empty, ErrorState, LoadMore, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';

function MyBids() {
  const { t } = useI18n();
  const bids = useMyBids();
  if (bids.isPending) return <Loading />;
  if (bids.isError) return <ErrorState error={bids.error} onRetry={() => void bids.refetch()} />;
  const rows = bids.data.pages.flatMap((page) => page.items);
  if (rows.length === 0)
    return (
      <Empty title={t('myBids.empty')} hint={t('myBids.emptyHint')}>
        <Anchor component={Link} to="/">
          {t('nav.challenges')}
        </Anchor>
      </Empty>
    );
  return (
    <Stack gap="sm">
      <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {rows.map((bid) => (
          <Card key={bid.id} withBorder padding="sm" component="li">
            <Group justify="space-between" wrap="wrap" gap="xs">
              {/* A consortium member may not open the lead's bid (it stays sealed to it); it sees the challenge. */}
              <Anchor
                component={Link}
                to={bid.role === 'lead' ? `/challenges/${bid.challengeId}/bid` : `/challenges/${bid.challengeId}`}
                fw={600}
              >
                {bid.challengeTitle}
              </Anchor>
              <Group gap={6}>
                <Badge variant="outline" color="gray">
                  {t(`bid.role.${bid.role}`)}
                </Badge>
                <StatusBadge status={bid.challengeStatus} />
                <BidStatusBadge status={bid.status} />
              </Group>
            </Group>
            <Text size="sm">
              {t('bid.requested')}: <Money fen={bid.requestedFundingFen} /> · {t('bid.revision')} {bid.revision} ·{' '}
              <DateTime iso={bid.submittedAt} />
            </Text>
            <Text size="sm" c="dimmed">
              {t('challenge.bidDeadline')}: <DateTime iso={bid.bidDeadline} />
            </Text>
            <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
              SHA-256 {bid.receiptHash}
            </Text>
          </Card>
        ))}
      </Stack>
      <LoadMore query={bids} />
    </Stack>
  );
}

/** The team's bids on every challenge (as lead or consortium member), with their receipts. */
export default function MyBidsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('myBids.title'));
  return (
    <RequireRole role="team" message={t('bid.teamOnly')}>
      <Stack gap="md" maw={960}>
        <Title order={1}>{t('myBids.title')}</Title>
        <MyBids />
      </Stack>
    </RequireRole>
  );
}
