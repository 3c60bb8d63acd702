import { Anchor, Card, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useAssignments, useOpenChallenges } from '../api/bids';
import { useSession } from '../auth/session';
import { DateTime } from '../components/format';
import { StatusBadge } from '../components/ChallengeCard';
import { RequireRole } from '../components/RequireRole';
import { Empty, ErrorState, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';

function Assigned() {
  const { t } = useI18n();
  const { user } = useSession();
  const challenges = useOpenChallenges();
  const assignments = useAssignments(challenges.data, user?.id);
  if (challenges.isPending || assignments.pending) return <Loading />;
  if (challenges.isError) return <ErrorState error={challenges.error} onRetry={() => void challenges.refetch()} />;
  if (assignments.assigned.length === 0) return <Empty title={t('review.noAssignments')} hint={t('review.noAssignmentsHint')} />;
  return (
    <Stack gap="sm" component="ul" p={0} style={{ listStyle: 'none' }}>
      {assignments.assigned.map((c) => (
        <Card key={c.id} withBorder padding="sm" component="li">
          <Group justify="space-between" wrap="wrap">
            <Anchor component={Link} to={`/review/${c.id}`} fw={600}>
              {c.title}
            </Anchor>
            <StatusBadge status={c.status} />
          </Group>
          <Text size="sm" c="dimmed">
            {t('challenge.bidDeadline')}: <DateTime iso={c.bidDeadline} />
          </Text>
        </Card>
      ))}
    </Stack>
  );
}

/** The reviewer's assigned challenges (published and closed ones whose panel lists them). */
export default function AssignedPage() {
  const { t } = useI18n();
  return (
    <RequireRole role="reviewer" message={t('review.reviewerOnly')}>
      <Stack maw={960}>
        <Title order={1}>{t('review.title')}</Title>
        <Assigned />
      </Stack>
    </RequireRole>
  );
}
