import { Anchor, Badge, Card, Group, Progress, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useAssignments } from '../api/bids';
import { DateTime } from '../components/format';
import { StatusBadge } from '../components/ChallengeCard';
import { RequireRole } from '../components/RequireRole';
import { Empty, ErrorState, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';

function Assigned() {
  const { t } = useI18n();
  const assignments = useAssignments();
  if (assignments.isPending) return <Loading />;
  if (assignments.isError) return <ErrorState error={assignments.error} onRetry={() => void assignments.refetch()} />;
  if (assignments.data.items.length === 0)
    return <Empty title={t('review.noAssignments')} hint={t('review.noAssignmentsHint')} />;
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {assignments.data.items.map((a) => {
        // A bid the reviewer declared a conflict on is not theirs to score.
        const toScore = Math.max(a.bids - a.conflicts, 0);
        return (
          <Card key={a.challengeId} withBorder padding="sm" component="li" data-testid="assignment">
            <Group justify="space-between" wrap="wrap">
              <Anchor component={Link} to={`/review/${a.challengeId}`} fw={600}>
                {a.title}
              </Anchor>
              <Group gap={6}>
                <StatusBadge status={a.status} />
                {a.panelClosedAt ? (
                  <Badge color="gray">{t('review.panelClosed')}</Badge>
                ) : !a.unsealed ? (
                  <Badge color="yellow">{t('review.sealed')}</Badge>
                ) : null}
              </Group>
            </Group>
            <Text size="sm" c="dimmed">
              {t('challenge.bidDeadline')}: <DateTime iso={a.bidDeadline} />
            </Text>
            {a.unsealed ? (
              <Stack gap={4} mt={4}>
                <Text size="sm">{t('review.progress', { scored: a.scored, total: toScore, conflicts: a.conflicts })}</Text>
                <Progress
                  value={toScore === 0 ? 100 : (100 * Math.min(a.scored, toScore)) / toScore}
                  aria-label={t('review.progress', { scored: a.scored, total: toScore, conflicts: a.conflicts })}
                />
              </Stack>
            ) : (
              <Text size="sm">{t('review.sealedCount', { n: a.bids })}</Text>
            )}
          </Card>
        );
      })}
    </Stack>
  );
}

/** The reviewer's assigned challenges with how far the scoring has come (GET /review/assignments). */
export default function AssignedPage() {
  const { t } = useI18n();
  useDocumentTitle(t('review.title'));
  return (
    <RequireRole role="reviewer" message={t('review.reviewerOnly')}>
      <Stack maw={960}>
        <Title order={1}>{t('review.title')}</Title>
        <Assigned />
      </Stack>
    </RequireRole>
  );
}
