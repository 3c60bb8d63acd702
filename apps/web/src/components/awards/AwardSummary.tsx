import { Card, Group, SimpleGrid, Stack, Text } from '@mantine/core';
import type { Challenge } from '../../api/client';
import { budgetLeftOf, slotsOf } from '../../forms/award-form';
import { useI18n } from '../../i18n/i18n';
import { formatFen } from '../../lib/money';
import { Money } from '../format';

/**
 * A bar filled with `value`'s share of `total`, as plain SVG; the numbers beside it are the text
 * alternative. It fills with what its label names: the budget bar with what is left, the slots bar
 * with the slots filled.
 */
export function ShareBar({ value, total, label }: { value: number; total: number; label: string }) {
  const share = total > 0 ? Math.min(1, Math.max(0, value / total)) : 0;
  return (
    <svg width="100%" height="10" role="img" aria-label={label} viewBox="0 0 100 10" preserveAspectRatio="none">
      <rect x="0" y="0" width="100" height="10" rx="2" fill="var(--mantine-color-gray-2)" />
      <rect x="0" y="0" width={share * 100} height="10" rx="2" fill="var(--mantine-color-red-8)" />
    </svg>
  );
}

/** Budget left (budget − awarded) and slots filled, updated after each award. */
export function AwardSummary({ challenge }: { challenge: Challenge }) {
  const { t } = useI18n();
  const slots = slotsOf(challenge);
  const left = budgetLeftOf(challenge);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="award-summary-title">
      <Stack gap="sm">
        <Text component="h2" fw={700} size="lg" id="award-summary-title" m={0}>
          {t('awards.summary')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <Stack gap={4}>
            <Group justify="space-between" wrap="wrap">
              <Text size="sm" c="dimmed">
                {t('awards.budgetLeft')}
              </Text>
              <Text fw={700} data-testid="budget-left">
                <Money fen={left} />
              </Text>
            </Group>
            <ShareBar
              value={left}
              total={challenge.budgetFen}
              label={t('awards.budgetLeftBar', { left: formatFen(left), budget: formatFen(challenge.budgetFen) })}
            />
            <Text size="xs" c="dimmed">
              {t('awards.budgetBar', { awarded: formatFen(challenge.awardedFen), budget: formatFen(challenge.budgetFen) })}
            </Text>
          </Stack>
          <Stack gap={4}>
            <Group justify="space-between" wrap="wrap">
              <Text size="sm" c="dimmed">
                {t('awards.slotsFilled')}
              </Text>
              <Text fw={700} data-testid="slots-filled">
                {t('awards.slotsValue', { n: challenge.awardedCount, of: slots })}
              </Text>
            </Group>
            <ShareBar
              value={challenge.awardedCount}
              total={slots}
              label={t('awards.slotsValue', { n: challenge.awardedCount, of: slots })}
            />
          </Stack>
        </SimpleGrid>
      </Stack>
    </Card>
  );
}
