import { Grid, Text, TextInput } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import type { StepProps } from './step-props';

/** Step 3: when bidding closes and when the project must end. */
export function TimelineStep({ values, errors, set }: StepProps) {
  const { t } = useI18n();
  return (
    <Grid>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          type="datetime-local"
          label={t('new.bidDeadline')}
          required
          value={values.bidDeadline}
          error={errors.bidDeadline}
          onChange={(e) => set('bidDeadline', e.currentTarget.value)}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          type="datetime-local"
          label={t('new.projectEndsAt')}
          required
          value={values.projectEndsAt}
          error={errors.projectEndsAt}
          onChange={(e) => set('projectEndsAt', e.currentTarget.value)}
        />
      </Grid.Col>
      <Grid.Col span={12}>
        <Text size="sm" c="dimmed">
          {t('challenge.publishHint')}
        </Text>
      </Grid.Col>
    </Grid>
  );
}
