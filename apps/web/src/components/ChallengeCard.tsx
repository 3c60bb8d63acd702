import { Anchor, Badge, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Challenge } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { FIELDS, INDUSTRIES, MECHANISMS } from '../lib/taxonomy';
import { DateTime, Money } from './format';

export const STATUS_COLOR: Record<string, string> = {
  draft: 'gray',
  published: 'green',
  closed: 'orange',
  awarded: 'blue',
  completed: 'teal',
  cancelled: 'gray',
};

export function StatusBadge({ status }: { status: Challenge['status'] }) {
  const { t } = useI18n();
  return (
    // Dark text on the light tint keeps 4.5:1 contrast whatever the tint.
    <Badge color={STATUS_COLOR[status]} variant="light" c="dark.7">
      {t(`status.${status}` as MessageKey)}
    </Badge>
  );
}

export function ChallengeCard({ challenge }: { challenge: Challenge }) {
  const { t, pick } = useI18n();
  return (
    <Card withBorder padding="md" component="article" aria-labelledby={`c-${challenge.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Anchor component={Link} to={`/challenges/${challenge.id}`} fw={600} size="lg" id={`c-${challenge.id}`}>
            {challenge.title}
          </Anchor>
          <StatusBadge status={challenge.status} />
        </Group>
        <Group gap={6}>
          <Badge variant="outline" color="red.9">
            {pick(MECHANISMS[challenge.mechanism])}
          </Badge>
          <Badge variant="outline" color="gray.8">
            {pick(INDUSTRIES[challenge.industry])}
          </Badge>
          {challenge.field && (
            <Badge variant="outline" color="gray.8">
              {pick(FIELDS[challenge.field])}
            </Badge>
          )}
        </Group>
        <Text size="sm" lineClamp={2}>
          {challenge.summary}
        </Text>
        <Group gap="lg">
          <Text size="sm">
            {t('list.budget')}: <Money fen={challenge.budgetFen} />
          </Text>
          <Text size="sm">
            {t('list.deadline')}: <DateTime iso={challenge.bidDeadline} />
          </Text>
        </Group>
      </Stack>
    </Card>
  );
}
