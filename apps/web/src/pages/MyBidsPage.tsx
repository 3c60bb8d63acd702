import { Anchor, Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useBidDrafts, type BidDraftSummary } from '../api/bid-drafts';
import { useMyBids } from '../api/bids';
import { StatusBadge } from '../components/ChallengeCard';
import { BidStatusBadge } from '../components/BidReceipt';
import { DateTime, Money } from '../components/format';
import { RequireRole } from '../components/RequireRole';
import { Empty, ErrorState, LoadMore, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { formatDateTime } from '../lib/time';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** The organisation's saved drafts on open challenges: where to go on, never their content. */
function MyDrafts({ items }: { items: BidDraftSummary[] }) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="my-drafts-title">
      <Title order={2} size="h4" id="my-drafts-title">
        {t('draft.listTitle')}
      </Title>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {items.map((d) => (
          <Card key={d.challengeId} withBorder padding="sm" component="li">
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600}>{d.challengeTitle}</Text>
              <Anchor component={Link} to={`/challenges/${d.challengeId}/bid`} size="sm">
                {t('draft.continue')}
              </Anchor>
            </Group>
            <Text size="sm" c="dimmed">
              {t('draft.savedAt', { time: formatDateTime(d.savedAt), name: d.savedByName })} · {t('challenge.bidDeadline')}:{' '}
              <DateTime iso={d.bidDeadline} />
            </Text>
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}

function MyBids() {
  const { t } = useI18n();
  const bids = useMyBids();
  const drafts = useBidDrafts();
  if (bids.isPending || drafts.isPending) return <Loading />;
  if (bids.isError) return <ErrorState error={bids.error} onRetry={() => void bids.refetch()} />;
  const rows = bids.data.pages.flatMap((page) => page.items);
  const draftItems = drafts.data?.items ?? [];
  if (rows.length === 0 && draftItems.length === 0)
    return (
      <Empty title={t('myBids.empty')} hint={t('myBids.emptyHint')}>
        <Anchor component={Link} to="/">
          {t('nav.challenges')}
        </Anchor>
      </Empty>
    );
  return (
    <Stack gap="sm">
      <MyDrafts items={draftItems} />
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
