import { Button, Card, Group, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { emptyMergeMilestone, type MergeMilestoneValues } from '../../forms/merge-form';
import { useI18n } from '../../i18n/i18n';
import { FieldGroup } from './MergeFormParts';

type ErrorOf = (path: string) => string | undefined;

function MilestoneRow({
  n,
  milestone,
  onChange,
  onRemove,
  errorOf,
}: {
  n: number;
  milestone: MergeMilestoneValues;
  onChange: (patch: Partial<MergeMilestoneValues>) => void;
  onRemove: (() => void) | null;
  errorOf: ErrorOf;
}) {
  const { t } = useI18n();
  const at = `milestones.${n - 1}`;
  return (
    <Card component="li" withBorder padding="sm" data-testid={`merge-milestone-${n}`}>
      <Stack gap="xs">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('merges.milestone.title', { n })}
            required
            value={milestone.title}
            error={errorOf(`${at}.title`)}
            onChange={(e) => onChange({ title: e.currentTarget.value })}
          />
          <TextInput
            type="datetime-local"
            label={t('merges.milestone.dueAt', { n })}
            required
            value={milestone.dueAt}
            error={errorOf(`${at}.dueAt`)}
            onChange={(e) => onChange({ dueAt: e.currentTarget.value })}
          />
        </SimpleGrid>
        <Textarea
          label={t('merges.milestone.deliverable', { n })}
          required
          autosize
          minRows={2}
          value={milestone.deliverable}
          error={errorOf(`${at}.deliverable`)}
          onChange={(e) => onChange({ deliverable: e.currentTarget.value })}
        />
        <TextInput
          label={t('merges.milestone.tranche', { n })}
          required
          inputMode="decimal"
          value={milestone.tranche}
          error={errorOf(`${at}.tranche`)}
          onChange={(e) => onChange({ tranche: e.currentTarget.value })}
        />
        {onRemove && (
          <Group>
            <Button variant="default" size="xs" onClick={onRemove}>
              {t('merges.milestone.remove', { n })}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

/** The re-planned milestones: rows to add and remove, their tranches adding up to what is left to pay. */
export function MergeMilestonesEditor({
  milestones,
  onChange,
  errorOf,
  remainingText,
}: {
  milestones: MergeMilestoneValues[];
  onChange: (milestones: MergeMilestoneValues[]) => void;
  errorOf: ErrorOf;
  /** "Tranches must add up to …", once the grant is known. */
  remainingText: string;
}) {
  const { t } = useI18n();
  const error = errorOf('milestones');
  const update = (i: number, patch: Partial<MergeMilestoneValues>) =>
    onChange(milestones.map((m, j) => (j === i ? { ...m, ...patch } : m)));
  return (
    <FieldGroup id="merge-milestones" legend={t('merges.milestones')} error={error}>
      <Text size="sm" c="dimmed">
        {remainingText}
      </Text>
      <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
        {milestones.map((m, i) => (
          <MilestoneRow
            key={m.key}
            n={i + 1}
            milestone={m}
            onChange={(patch) => update(i, patch)}
            onRemove={milestones.length > 1 ? () => onChange(milestones.filter((_, j) => j !== i)) : null}
            errorOf={errorOf}
          />
        ))}
      </Stack>
      <Group>
        <Button variant="light" size="xs" onClick={() => onChange([...milestones, emptyMergeMilestone()])}>
          {t('merges.milestone.add')}
        </Button>
      </Group>
    </FieldGroup>
  );
}
