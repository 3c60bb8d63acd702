import { fieldRequired } from '@app/challenges/challenge-rules';
import { Grid, NativeSelect, Stack, TextInput, Textarea } from '@mantine/core';
import type { ChallengeFormValues } from '../../forms/challenge-form';
import { useI18n } from '../../i18n/i18n';
import { FIELDS, FIELD_KEYS, INDUSTRIES, INDUSTRY_KEYS, TRACKS, TRACK_KEYS, ZONES, ZONE_KEYS } from '../../lib/taxonomy';
import type { StepProps } from './step-props';

/** Step 1: what the challenge is, its industry, field, track and zone. */
export function BasicsStep({ values, errors, set }: StepProps) {
  const { t, pick } = useI18n();
  const none = { value: '', label: t('common.none') };
  return (
    <Stack>
      <TextInput
        label={t('new.title.label')}
        required
        maxLength={200}
        value={values.title}
        error={errors.title}
        onChange={(e) => set('title', e.currentTarget.value)}
      />
      <Textarea
        label={t('new.summary')}
        required
        autosize
        minRows={4}
        maxLength={20000}
        value={values.summary}
        error={errors.summary}
        onChange={(e) => set('summary', e.currentTarget.value)}
      />
      <Grid>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <NativeSelect
            label={t('challenge.industry')}
            required
            value={values.industry}
            error={errors.industry}
            onChange={(e) => set('industry', e.currentTarget.value as ChallengeFormValues['industry'])}
            data={[{ value: '', label: '—' }, ...INDUSTRY_KEYS.map((k) => ({ value: k, label: pick(INDUSTRIES[k]) }))]}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <NativeSelect
            label={t('new.secondaryIndustry')}
            value={values.secondaryIndustry}
            error={errors.secondaryIndustry}
            onChange={(e) => set('secondaryIndustry', e.currentTarget.value as ChallengeFormValues['secondaryIndustry'])}
            data={[none, ...INDUSTRY_KEYS.map((k) => ({ value: k, label: pick(INDUSTRIES[k]) }))]}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <NativeSelect
            label={t('challenge.field')}
            required={fieldRequired(values.track)}
            description={fieldRequired(values.track) ? undefined : t('new.fieldNotConfined')}
            value={values.field}
            error={errors.field}
            onChange={(e) => set('field', e.currentTarget.value as ChallengeFormValues['field'])}
            data={[{ value: '', label: '—' }, ...FIELD_KEYS.map((k) => ({ value: k, label: pick(FIELDS[k]) }))]}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <NativeSelect
            label={t('new.track')}
            required
            value={values.track}
            error={errors.track}
            onChange={(e) => set('track', e.currentTarget.value as ChallengeFormValues['track'])}
            data={TRACK_KEYS.map((k) => ({ value: k, label: pick(TRACKS[k]) }))}
          />
        </Grid.Col>
        <Grid.Col span={12}>
          <NativeSelect
            label={t('new.zone')}
            value={values.zone}
            error={errors.zone}
            onChange={(e) => set('zone', e.currentTarget.value as ChallengeFormValues['zone'])}
            data={[none, ...ZONE_KEYS.map((k) => ({ value: k, label: pick(ZONES[k]) }))]}
          />
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
