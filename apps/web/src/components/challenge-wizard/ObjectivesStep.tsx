import { Button, Card, Checkbox, Grid, Group, Stack, Switch, Text, TextInput } from '@mantine/core';
import type { ChallengeFormValues, FormErrors, ObjectiveValues } from '../../forms/challenge-form';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { ORG_KINDS } from '../../lib/taxonomy';
import type { StepProps } from './step-props';

interface ObjectiveCardProps {
  index: number;
  objective: ObjectiveValues;
  errors: FormErrors;
  onChange: (key: keyof ObjectiveValues, value: string) => void;
  /** Absent while it is the only objective (a challenge has at least one). */
  onRemove?: () => void;
}

function ObjectiveCard({ index: i, objective: o, errors, onChange, onRemove }: ObjectiveCardProps) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="sm" role="group" aria-label={`${t('new.objectives')} ${i + 1}`}>
      <Grid align="flex-end">
        <Grid.Col span={{ base: 12, sm: 5 }}>
          <TextInput
            label={`${t('challenge.metric')} ${i + 1}`}
            required
            maxLength={200}
            value={o.metric}
            error={errors[`objectives.${i}.metric`]}
            onChange={(e) => onChange('metric', e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <TextInput
            label={t('challenge.target')}
            required
            inputMode="decimal"
            value={o.target}
            error={errors[`objectives.${i}.target`]}
            onChange={(e) => onChange('target', e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <TextInput
            label={t('challenge.unit')}
            required
            maxLength={50}
            value={o.unit}
            error={errors[`objectives.${i}.unit`]}
            onChange={(e) => onChange('unit', e.currentTarget.value)}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 1 }}>
          <Button variant="subtle" color="red.9" size="xs" disabled={!onRemove} onClick={onRemove}>
            {t('common.remove')}
          </Button>
        </Grid.Col>
      </Grid>
    </Card>
  );
}

/** Who may bid: kinds of organisation, and whether (and how large) a consortium may be. */
function EligibilityFields({ values, errors, set }: StepProps) {
  const { t } = useI18n();
  return (
    <>
      <Checkbox.Group
        label={t('new.orgKinds')}
        required
        value={values.orgKinds}
        error={errors.orgKinds}
        onChange={(value) => set('orgKinds', value as ChallengeFormValues['orgKinds'])}
      >
        <Group mt="xs">
          {ORG_KINDS.map((kind) => (
            <Checkbox key={kind} value={kind} label={t(`orgKind.${kind}` as MessageKey)} />
          ))}
        </Group>
      </Checkbox.Group>
      <Switch
        label={t('new.consortiumAllowed')}
        checked={values.consortiumAllowed}
        onChange={(e) => {
          const allowed = e.currentTarget.checked;
          set('consortiumAllowed', allowed);
          // Keep the pair consistent as the server requires (1 alone, at least 2 in a consortium).
          if (!allowed) set('maxMembers', '1');
          else if (values.maxMembers === '1') set('maxMembers', '5');
        }}
      />
      <TextInput
        label={t('new.maxMembers')}
        required
        inputMode="numeric"
        maw={240}
        value={values.maxMembers}
        error={errors.maxMembers}
        onChange={(e) => set('maxMembers', e.currentTarget.value)}
      />
    </>
  );
}

/** Step 2: the measurable objectives, then who may bid. */
export function ObjectivesStep({ values, errors, set }: StepProps) {
  const { t } = useI18n();
  const update = (i: number, key: keyof ObjectiveValues, value: string) =>
    set(
      'objectives',
      values.objectives.map((o, j) => (j === i ? { ...o, [key]: value } : o)),
    );
  return (
    <Stack>
      <Text fw={600} id="objectives-label">
        {t('new.objectives')}
      </Text>
      {errors.objectives && (
        <Text c="red.8" size="sm" role="alert">
          {errors.objectives}
        </Text>
      )}
      {values.objectives.map((o, i) => (
        <ObjectiveCard
          key={i}
          index={i}
          objective={o}
          errors={errors}
          onChange={(key, value) => update(i, key, value)}
          onRemove={
            values.objectives.length === 1
              ? undefined
              : () =>
                  set(
                    'objectives',
                    values.objectives.filter((_, j) => j !== i),
                  )
          }
        />
      ))}
      <Group>
        <Button
          variant="default"
          size="xs"
          disabled={values.objectives.length >= 50}
          onClick={() => set('objectives', [...values.objectives, { metric: '', target: '', unit: '' }])}
        >
          {t('new.addObjective')}
        </Button>
      </Group>
      <EligibilityFields values={values} errors={errors} set={set} />
    </Stack>
  );
}
