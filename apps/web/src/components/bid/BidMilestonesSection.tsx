import { Button, Card, Fieldset, Grid, Group, Stack, Text, TextInput, Textarea } from '@mantine/core';
import {
  emptyMilestone,
  formatFenBig,
  trancheSum,
  type BidErrors,
  type BidValues,
  type MilestoneValues,
} from '../../forms/bid-form';
import { useI18n } from '../../i18n/i18n';
import type { BidSectionProps } from './useBidForm';

/** The live sum of the tranches against the request. */
export function TrancheTally({ values }: { values: Pick<BidValues, 'requested' | 'milestones'> }) {
  const { t } = useI18n();
  const sum = trancheSum(values);
  const color = sum.balanced ? 'teal.9' : 'red.9';
  return (
    <Text size="sm" c={color} aria-live="polite" data-testid="tranche-tally" data-balanced={sum.balanced}>
      {t('bid.tally', { sum: formatFenBig(sum.sumFen) })}
      {sum.leftFen === null
        ? ` · ${t('bid.tallyNoRequest')}`
        : sum.leftFen === 0n
          ? ` · ${t('bid.tallyOk')}`
          : sum.leftFen > 0n
            ? ` · ${t('bid.tallyLeft', { amount: formatFenBig(sum.leftFen) })}`
            : ` · ${t('bid.tallyOver', { amount: formatFenBig(-sum.leftFen) })}`}
    </Text>
  );
}

interface MilestoneCardProps {
  index: number;
  milestone: MilestoneValues;
  errors: BidErrors;
  onChange: (patch: Partial<MilestoneValues>) => void;
  onTranche: (tranche: string) => void;
  /** Absent while it is the only milestone (a bid has at least one). */
  onRemove?: () => void;
}

function MilestoneCard({ index: i, milestone: m, errors, onChange, onTranche, onRemove }: MilestoneCardProps) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="sm" component="fieldset" aria-label={t('bid.milestoneN', { n: i + 1 })}>
      <Grid gap="xs">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label={t('bid.milestone.titleN', { n: i + 1 })}
            required
            maxLength={200}
            value={m.title}
            error={errors[`milestones.${i}.title`]}
            onChange={(e) => onChange({ title: e.currentTarget.value })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            type="datetime-local"
            label={t('bid.milestone.dueAtN', { n: i + 1 })}
            required
            value={m.dueAt}
            error={errors[`milestones.${i}.dueAt`]}
            onChange={(e) => onChange({ dueAt: e.currentTarget.value })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <Textarea
            label={t('bid.milestone.deliverableN', { n: i + 1 })}
            required
            autosize
            minRows={1}
            maxLength={5000}
            value={m.deliverable}
            error={errors[`milestones.${i}.deliverable`]}
            onChange={(e) => onChange({ deliverable: e.currentTarget.value })}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <TextInput
            label={t('bid.milestone.trancheN', { n: i + 1 })}
            required
            inputMode="decimal"
            value={m.tranche}
            error={errors[`milestones.${i}.trancheFen`]}
            onChange={(e) => onTranche(e.currentTarget.value)}
          />
        </Grid.Col>
      </Grid>
      {onRemove && (
        <Group justify="flex-end" mt="xs">
          <Button size="xs" variant="default" onClick={onRemove}>
            {t('bid.removeMilestone', { n: i + 1 })}
          </Button>
        </Group>
      )}
    </Card>
  );
}

interface MilestonesSectionProps extends BidSectionProps {
  setMilestone: (i: number, patch: Partial<MilestoneValues>) => void;
  setTranche: (i: number, tranche: string) => void;
}

/** The milestones, each with the tranche paid on it, and their sum against the request. */
export function BidMilestonesSection({ values, errors, set, setMilestone, setTranche }: MilestonesSectionProps) {
  const { t } = useI18n();
  return (
    <Fieldset legend={t('bid.milestones')}>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('bid.milestonesHint')}
        </Text>
        {values.milestones.map((m, i) => (
          <MilestoneCard
            key={i}
            index={i}
            milestone={m}
            errors={errors}
            onChange={(patch) => setMilestone(i, patch)}
            onTranche={(tranche) => setTranche(i, tranche)}
            onRemove={
              values.milestones.length > 1 ? () => set({ milestones: values.milestones.filter((_, j) => j !== i) }) : undefined
            }
          />
        ))}
        <TrancheTally values={values} />
        {errors.milestones && (
          <Text size="sm" c="red.9" role="alert" data-testid="milestones-error">
            {errors.milestones}
          </Text>
        )}
        <Group>
          <Button
            variant="light"
            onClick={() => set({ milestones: [...values.milestones, emptyMilestone()] })}
            disabled={values.milestones.length >= 50}
          >
            {t('bid.addMilestone')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
