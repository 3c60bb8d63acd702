import { findRule } from '@app/policy';
import { Button, Card, Grid, Group, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import type { ChallengeFormValues, FormErrors, StageValues } from '../../forms/challenge-form';
import { useI18n } from '../../i18n/i18n';
import { formatFen } from '../../lib/money';
import { MECHANISMS, TRACKS } from '../../lib/taxonomy';
import type { StepProps } from './step-props';

const emptyStage = (): StageValues => ({ name: '', endsAt: '', advancingSlots: '' });

/** Open call or horse race; switching fills in what the other mechanism needs, as the server requires. */
function MechanismPicker({ values, set }: Pick<StepProps, 'values' | 'set'>) {
  const { t, pick } = useI18n();
  return (
    <div>
      <Text size="sm" fw={500} id="mechanism-label" mb={4}>
        {t('new.mechanism')}
      </Text>
      <SegmentedControl
        aria-labelledby="mechanism-label"
        value={values.mechanism}
        onChange={(value) => {
          const mechanism = value as ChallengeFormValues['mechanism'];
          set('mechanism', mechanism);
          // An open call has one winner and no stages; a horse race runs several teams through stages.
          if (mechanism === 'open_call') {
            set('parallelSlots', '1');
            set('stages', []);
          } else {
            if (values.parallelSlots === '1' || values.parallelSlots === '') set('parallelSlots', '3');
            if (values.stages.length === 0) set('stages', [emptyStage()]);
          }
        }}
        data={[
          { value: 'open_call', label: pick(MECHANISMS.open_call) },
          { value: 'horse_race', label: pick(MECHANISMS.horse_race) },
        ]}
      />
    </div>
  );
}

/** Budget, the per-award maximum (with the track's cap as a hint), and how many teams run in parallel. */
function AmountFields({ values, errors, set }: StepProps) {
  const { t } = useI18n();
  const cap = findRule(TRACKS[values.track].fundingRuleId).capFen;
  return (
    <Grid>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label={t('new.budget')}
          required
          inputMode="decimal"
          value={values.budget}
          error={errors.budget}
          onChange={(e) => set('budget', e.currentTarget.value)}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label={t('new.maxAward')}
          inputMode="decimal"
          value={values.maxAward}
          error={errors.maxAward}
          description={cap === null ? undefined : t('new.maxAwardHint', { cap: formatFen(cap) })}
          onChange={(e) => set('maxAward', e.currentTarget.value)}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 6 }}>
        <TextInput
          label={t('new.parallelSlots')}
          inputMode="numeric"
          value={values.parallelSlots}
          error={errors.parallelSlots}
          readOnly={values.mechanism === 'open_call'}
          onChange={(e) => set('parallelSlots', e.currentTarget.value)}
        />
      </Grid.Col>
    </Grid>
  );
}

interface StageCardProps {
  index: number;
  stage: StageValues;
  errors: FormErrors;
  onChange: (key: keyof StageValues, value: string) => void;
  onRemove: () => void;
}

function StageCard({ index: i, stage: s, errors, onChange, onRemove }: StageCardProps) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="sm" role="group" aria-label={`${t('new.stages')} ${i + 1}`}>
      <Grid align="flex-end">
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput
            label={`${t('new.stageName')} ${i + 1}`}
            required
            maxLength={100}
            value={s.name}
            error={errors[`stages.${i}.name`]}
            onChange={(e) => onChange('name', e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput
            type="datetime-local"
            label={t('new.stageEndsAt')}
            required
            value={s.endsAt}
            error={errors[`stages.${i}.endsAt`]}
            onChange={(e) => onChange('endsAt', e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 8, sm: 3 }}>
          <TextInput
            label={t('new.stageAdvancing')}
            required
            inputMode="numeric"
            value={s.advancingSlots}
            error={errors[`stages.${i}.advancingSlots`]}
            onChange={(e) => onChange('advancingSlots', e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 4, sm: 1 }}>
          <Button variant="subtle" color="red.9" size="xs" onClick={onRemove}>
            {t('common.remove')}
          </Button>
        </Grid.Col>
      </Grid>
    </Card>
  );
}

/** A horse race's stages: each gate's name, time and how many teams advance. */
function StagesEditor({ values, errors, set }: StepProps) {
  const { t } = useI18n();
  const update = (i: number, key: keyof StageValues, value: string) =>
    set(
      'stages',
      values.stages.map((s, j) => (j === i ? { ...s, [key]: value } : s)),
    );
  return (
    <Stack gap="xs">
      <Text fw={600}>{t('new.stages')}</Text>
      {errors.stages && (
        <Text c="red.8" size="sm" role="alert">
          {errors.stages}
        </Text>
      )}
      {values.stages.map((s, i) => (
        <StageCard
          key={i}
          index={i}
          stage={s}
          errors={errors}
          onChange={(key, value) => update(i, key, value)}
          onRemove={() =>
            set(
              'stages',
              values.stages.filter((_, j) => j !== i),
            )
          }
        />
      ))}
      <Group>
        <Button
          variant="default"
          size="xs"
          disabled={values.stages.length >= 20}
          onClick={() => set('stages', [...values.stages, emptyStage()])}
        >
          {t('new.addStage')}
        </Button>
      </Group>
    </Stack>
  );
}

/** Step 4: the mechanism and the money, with a horse race's stages. */
export function MoneyStep({ values, errors, set }: StepProps) {
  return (
    <Stack>
      <MechanismPicker values={values} set={set} />
      <AmountFields values={values} errors={errors} set={set} />
      {values.mechanism === 'horse_race' && <StagesEditor values={values} errors={errors} set={set} />}
    </Stack>
  );
}
