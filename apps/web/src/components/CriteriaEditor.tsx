import { Alert, Button, Card, Grid, Group, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useCriteria, useSetCriteria, type Criterion } from '../api/bids';
import { mapProblem, problemOf } from '../api/problem';
import {
  CRITERION_DESCRIPTION_MAX,
  CRITERION_NAME_MAX,
  criteriaPayload,
  criterionRows,
  validateCriteria,
  type CriterionValues,
} from '../forms/review';
import { useI18n } from '../i18n/i18n';
import { ErrorState, Loading, Success } from './states';

/** One criterion's name, description, weight and minimum score, with its remove button when more than one is left. */
function CriterionRow({
  index: i,
  row: r,
  errors,
  removable,
  onChange,
  onRemove,
}: {
  index: number;
  row: CriterionValues;
  errors: Record<string, string>;
  removable: boolean;
  onChange: (patch: Partial<CriterionValues>) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  return (
    <Grid gap="xs" align="flex-start">
      <Grid.Col span={{ base: 12, sm: 4 }}>
        <TextInput
          label={t('criteria.name', { n: i + 1 })}
          required
          maxLength={CRITERION_NAME_MAX}
          value={r.name}
          error={errors[`criteria.${i}.name`] ?? errors[`criteria.${i}.key`]}
          onChange={(e) => onChange({ name: e.currentTarget.value })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, sm: 3 }}>
        <TextInput
          label={t('criteria.weight', { n: i + 1 })}
          required
          inputMode="numeric"
          value={r.weight}
          error={errors[`criteria.${i}.weight`]}
          onChange={(e) => onChange({ weight: e.currentTarget.value })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, sm: 3 }}>
        <TextInput
          label={t('criteria.minScore', { n: i + 1 })}
          required
          inputMode="decimal"
          value={r.minScore}
          error={errors[`criteria.${i}.minScore`]}
          onChange={(e) => onChange({ minScore: e.currentTarget.value })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 12, sm: 2 }} pt={{ base: 0, sm: 26 }}>
        {removable && (
          <Button variant="default" onClick={onRemove}>
            {t('criteria.remove', { n: i + 1 })}
          </Button>
        )}
      </Grid.Col>
      <Grid.Col span={12}>
        <Textarea
          label={t('criteria.description', { n: i + 1 })}
          autosize
          minRows={1}
          maxLength={CRITERION_DESCRIPTION_MAX}
          value={r.description}
          error={errors[`criteria.${i}.description`]}
          onChange={(e) => onChange({ description: e.currentTarget.value })}
        />
      </Grid.Col>
    </Grid>
  );
}

/** The criteria being edited, their errors (client-side first, then the server's) and the save. */
function useCriteriaForm(challengeId: string, initial: Criterion[]) {
  const { t, lang } = useI18n();
  const [rows, setRows] = useState<CriterionValues[]>(() => criterionRows(initial, lang));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const save = useSetCriteria(challengeId);
  const total = rows.reduce((s, r) => s + (/^\s*\d{1,3}\s*$/.test(r.weight) ? Number(r.weight) : 0), 0);
  const set = (i: number, patch: Partial<CriterionValues>) =>
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const submit = () => {
    const found = validateCriteria(rows, t);
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length) return;
    save.mutate(criteriaPayload(rows), {
      // The server's keys for the criteria added here, and names it keeps built in.
      onSuccess: (data) => setRows(criterionRows(data.criteria, lang)),
      onError: (error) => {
        const mapped = mapProblem(problemOf(error), {
          lang,
          hasField: (p) => p === 'criteria' || /^criteria\.\d+\.(key|name|description|weight|minScore)$/.test(p),
        });
        setErrors(mapped.fields);
        setGeneral(mapped.general);
      },
    });
  };
  return { rows, setRows, set, errors, general, save, total, submit };
}

function Editor({ challengeId, initial, custom }: { challengeId: string; initial: Criterion[]; custom: boolean }) {
  const { t } = useI18n();
  const { rows, setRows, set, errors, general, save, total, submit } = useCriteriaForm(challengeId, initial);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('criteria.hint')} {!custom && t('criteria.default')}
        </Text>
        {rows.map((r, i) => (
          <CriterionRow
            key={i}
            index={i}
            row={r}
            errors={errors}
            removable={rows.length > 1}
            onChange={(patch) => set(i, patch)}
            onRemove={() => setRows((rs) => rs.filter((_, j) => j !== i))}
          />
        ))}
        <Text size="sm" c={total === 100 ? 'teal.9' : 'red.9'} aria-live="polite">
          {t('criteria.weightTally', { total })}
        </Text>
        {errors.criteria && (
          <Text size="sm" c="red.9" role="alert">
            {errors.criteria}
          </Text>
        )}
        {general.length > 0 && (
          <Alert color="red" role="alert" title={t('common.error')}>
            {general.join('\n')}
          </Alert>
        )}
        {save.isSuccess && <Success title={t('criteria.saved')} />}
        <Group>
          <Button
            variant="light"
            disabled={rows.length >= 10}
            onClick={() => setRows((rs) => [...rs, { name: '', description: '', weight: '', minScore: '0' }])}
          >
            {t('criteria.add')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('criteria.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The agency's scoring criteria of a challenge, editable before the bid deadline. */
export function CriteriaEditor({ challengeId }: { challengeId: string }) {
  const { t } = useI18n();
  const criteria = useCriteria(challengeId);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="criteria-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="criteria-title">
          {t('criteria.title')}
        </Title>
        {criteria.isPending ? (
          <Loading />
        ) : criteria.isError ? (
          <ErrorState error={criteria.error} onRetry={() => void criteria.refetch()} />
        ) : (
          <Editor challengeId={challengeId} initial={criteria.data.criteria} custom={criteria.data.custom} />
        )}
      </Stack>
    </Card>
  );
}
