import { findRule } from '@app/policy';
import { fieldRequired } from '@app/challenges/challenge-rules';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Grid,
  Group,
  NativeSelect,
  SegmentedControl,
  Stack,
  Stepper,
  Switch,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, call } from '../api/client';
import { mapProblem, problemOf } from '../api/problem';
import { useChallenge } from '../api/queries';
import { useSession } from '../auth/session';
import { Money } from '../components/format';
import { RequireRole } from '../components/RequireRole';
import { ErrorState, Loading } from '../components/states';
import { toPatchBody, valuesOfChallenge } from '../forms/award-draft';
import {
  STEPS,
  checkChallengeForm,
  emptyChallengeForm,
  errorsOfStep,
  stepOf,
  toFormField,
  type ChallengeFormValues,
  type FormErrors,
  type Step,
} from '../forms/challenge-form';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { formatFen, parseYuan } from '../lib/money';
import {
  FIELDS,
  FIELD_KEYS,
  INDUSTRIES,
  INDUSTRY_KEYS,
  MECHANISMS,
  ORG_KINDS,
  TRACKS,
  TRACK_KEYS,
  ZONES,
  ZONE_KEYS,
} from '../lib/taxonomy';
import { fromShanghaiInput } from '../lib/time';

const STEP_LABELS: Record<Step, MessageKey> = {
  basics: 'new.step.basics',
  objectives: 'new.step.objectives',
  timeline: 'new.step.timeline',
  money: 'new.step.money',
  review: 'new.step.review',
};

type Setter = <K extends keyof ChallengeFormValues>(key: K, value: ChallengeFormValues[K]) => void;
interface StepProps {
  values: ChallengeFormValues;
  errors: FormErrors;
  set: Setter;
}

function Basics({ values, errors, set }: StepProps) {
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

function Objectives({ values, errors, set }: StepProps) {
  const { t } = useI18n();
  const update = (i: number, key: 'metric' | 'target' | 'unit', value: string) =>
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
        <Card key={i} withBorder padding="sm" role="group" aria-label={`${t('new.objectives')} ${i + 1}`}>
          <Grid align="flex-end">
            <Grid.Col span={{ base: 12, sm: 5 }}>
              <TextInput
                label={`${t('challenge.metric')} ${i + 1}`}
                required
                maxLength={200}
                value={o.metric}
                error={errors[`objectives.${i}.metric`]}
                onChange={(e) => update(i, 'metric', e.currentTarget.value)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput
                label={t('challenge.target')}
                required
                inputMode="decimal"
                value={o.target}
                error={errors[`objectives.${i}.target`]}
                onChange={(e) => update(i, 'target', e.currentTarget.value)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 6, sm: 3 }}>
              <TextInput
                label={t('challenge.unit')}
                required
                maxLength={50}
                value={o.unit}
                error={errors[`objectives.${i}.unit`]}
                onChange={(e) => update(i, 'unit', e.currentTarget.value)}
              />
            </Grid.Col>
            <Grid.Col span={{ base: 12, sm: 1 }}>
              <Button
                variant="subtle"
                color="red.9"
                size="xs"
                disabled={values.objectives.length === 1}
                onClick={() =>
                  set(
                    'objectives',
                    values.objectives.filter((_, j) => j !== i),
                  )
                }
              >
                {t('common.remove')}
              </Button>
            </Grid.Col>
          </Grid>
        </Card>
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
    </Stack>
  );
}

function Timeline({ values, errors, set }: StepProps) {
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

function Money_({ values, errors, set }: StepProps) {
  const { t, pick } = useI18n();
  const cap = findRule(TRACKS[values.track].fundingRuleId).capFen;
  const updateStage = (i: number, key: 'name' | 'endsAt' | 'advancingSlots', value: string) =>
    set(
      'stages',
      values.stages.map((s, j) => (j === i ? { ...s, [key]: value } : s)),
    );
  return (
    <Stack>
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
            if (mechanism === 'open_call') {
              set('parallelSlots', '1');
              set('stages', []);
            } else {
              if (values.parallelSlots === '1' || values.parallelSlots === '') set('parallelSlots', '3');
              if (values.stages.length === 0) set('stages', [{ name: '', endsAt: '', advancingSlots: '' }]);
            }
          }}
          data={[
            { value: 'open_call', label: pick(MECHANISMS.open_call) },
            { value: 'horse_race', label: pick(MECHANISMS.horse_race) },
          ]}
        />
      </div>
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
      {values.mechanism === 'horse_race' && (
        <Stack gap="xs">
          <Text fw={600}>{t('new.stages')}</Text>
          {errors.stages && (
            <Text c="red.8" size="sm" role="alert">
              {errors.stages}
            </Text>
          )}
          {values.stages.map((s, i) => (
            <Card key={i} withBorder padding="sm" role="group" aria-label={`${t('new.stages')} ${i + 1}`}>
              <Grid align="flex-end">
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <TextInput
                    label={`${t('new.stageName')} ${i + 1}`}
                    required
                    maxLength={100}
                    value={s.name}
                    error={errors[`stages.${i}.name`]}
                    onChange={(e) => updateStage(i, 'name', e.currentTarget.value)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 12, sm: 4 }}>
                  <TextInput
                    type="datetime-local"
                    label={t('new.stageEndsAt')}
                    required
                    value={s.endsAt}
                    error={errors[`stages.${i}.endsAt`]}
                    onChange={(e) => updateStage(i, 'endsAt', e.currentTarget.value)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 8, sm: 3 }}>
                  <TextInput
                    label={t('new.stageAdvancing')}
                    required
                    inputMode="numeric"
                    value={s.advancingSlots}
                    error={errors[`stages.${i}.advancingSlots`]}
                    onChange={(e) => updateStage(i, 'advancingSlots', e.currentTarget.value)}
                  />
                </Grid.Col>
                <Grid.Col span={{ base: 4, sm: 1 }}>
                  <Button
                    variant="subtle"
                    color="red.9"
                    size="xs"
                    onClick={() =>
                      set(
                        'stages',
                        values.stages.filter((_, j) => j !== i),
                      )
                    }
                  >
                    {t('common.remove')}
                  </Button>
                </Grid.Col>
              </Grid>
            </Card>
          ))}
          <Group>
            <Button
              variant="default"
              size="xs"
              disabled={values.stages.length >= 20}
              onClick={() => set('stages', [...values.stages, { name: '', endsAt: '', advancingSlots: '' }])}
            >
              {t('new.addStage')}
            </Button>
          </Group>
        </Stack>
      )}
    </Stack>
  );
}

function Review({ values }: { values: ChallengeFormValues }) {
  const { t, pick } = useI18n();
  const fen = (text: string) => {
    const parsed = parseYuan(text);
    return parsed.ok ? <Money fen={parsed.fen} /> : '—';
  };
  const rows: [string, ReactNode][] = [
    [t('new.title.label'), values.title],
    [t('challenge.industry'), values.industry ? pick(INDUSTRIES[values.industry]) : '—'],
    [t('challenge.field'), values.field ? pick(FIELDS[values.field]) : '—'],
    [t('new.track'), pick(TRACKS[values.track])],
    [t('new.mechanism'), pick(MECHANISMS[values.mechanism])],
    [t('new.budget'), fen(values.budget)],
    [t('new.maxAward'), values.maxAward ? fen(values.maxAward) : t('challenge.noMaxAward')],
    [t('new.parallelSlots'), values.parallelSlots],
    [t('new.bidDeadline'), fromShanghaiInput(values.bidDeadline) ?? '—'],
    [t('new.projectEndsAt'), fromShanghaiInput(values.projectEndsAt) ?? '—'],
    [t('new.objectives'), values.objectives.map((o) => `${o.metric} ${o.target} ${o.unit}`).join('；')],
  ];
  return (
    <Table withTableBorder>
      <Table.Tbody>
        {rows.map(([label, value]) => (
          <Table.Tr key={label}>
            <Table.Th scope="row" w="35%">
              {label}
            </Table.Th>
            <Table.Td>{value}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

function ChallengeEditor({ initial, editId }: { initial?: ChallengeFormValues; editId?: string }) {
  const { t, lang } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<ChallengeFormValues>(() => initial ?? emptyChallengeForm());
  const [active, setActive] = useState(0);
  /** Steps whose errors are shown (once "next" was pressed on them): nobody is told off before trying. */
  const [checked, setChecked] = useState<Set<Step>>(new Set());
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const [general, setGeneral] = useState<string[]>([]);

  const result = useMemo(() => checkChallengeForm(values, lang), [values, lang]);
  const step = STEPS[active];
  const shown: FormErrors = {
    ...errorsOfStep(Object.fromEntries(Object.entries(result.errors).filter(([p]) => checked.has(stepOf(p)))), step),
    ...errorsOfStep(serverErrors, step),
  };

  const set: Setter = (key, value) => {
    setValues((v) => ({ ...v, [key]: value }));
    setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([p]) => p.split('.')[0] !== key)));
  };

  const create = useMutation({
    mutationFn: (body: NonNullable<typeof result.body>) =>
      editId
        ? call(api.PATCH('/api/v1/challenges/{id}', { params: { path: { id: editId } }, body: toPatchBody(body) }))
        : call(api.POST('/api/v1/challenges', { body })),
    onSuccess: (challenge) => {
      void queryClient.invalidateQueries({ queryKey: ['challenges'] });
      queryClient.setQueryData(['challenge', challenge.id], challenge);
      void navigate(editId ? `/challenges/${challenge.id}` : `/challenges/${challenge.id}?created=1`);
    },
    onError: (error) => {
      const mapped = mapProblem(problemOf(error), { lang, hasField: () => true });
      const fields: FormErrors = {};
      for (const [path, message] of Object.entries(mapped.fields))
        fields[toFormField(path.replace(/\.(\d+)/g, '[$1]'))] = message;
      setServerErrors(fields);
      setGeneral(mapped.general);
      setChecked(new Set(STEPS));
      const first = Object.keys(fields)
        .map(stepOf)
        .sort((a, b) => STEPS.indexOf(a) - STEPS.indexOf(b))[0];
      if (first) setActive(STEPS.indexOf(first));
    },
  });

  const next = () => {
    setChecked((c) => new Set(c).add(step));
    if (Object.keys(errorsOfStep(result.errors, step)).length === 0) setActive((a) => Math.min(a + 1, STEPS.length - 1));
  };
  const stepHasErrors = Object.keys(shown).length > 0;

  const content = { basics: Basics, objectives: Objectives, timeline: Timeline, money: Money_ } as const;
  const StepContent = step === 'review' ? null : content[step];

  return (
    <Stack maw={900}>
      <Title order={1}>{editId ? t('manage.editTitle') : t('new.title')}</Title>
      <Stepper active={active} onStepClick={setActive} allowNextStepsSelect={false} size="sm" color="red.8">
        {STEPS.map((s) => (
          <Stepper.Step key={s} label={t(STEP_LABELS[s])} />
        ))}
      </Stepper>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (step !== 'review') return next();
          setChecked(new Set(STEPS));
          if (result.body) create.mutate(result.body);
          else setActive(STEPS.indexOf(stepOf(Object.keys(result.errors)[0])));
        }}
      >
        <Stack>
          <Title order={2} size="h3">
            {t(STEP_LABELS[step])}
          </Title>
          {stepHasErrors && (
            <Alert color="red" role="alert" variant="light">
              {t('common.fixErrors')}
            </Alert>
          )}
          {general.length > 0 && (
            <Alert color="red" role="alert" title={t('common.error')}>
              {general.map((g) => (
                <Text key={g} size="sm">
                  {g}
                </Text>
              ))}
            </Alert>
          )}
          {StepContent ? <StepContent values={values} errors={shown} set={set} /> : <Review values={values} />}
          <Group justify="space-between">
            <Button variant="default" disabled={active === 0} onClick={() => setActive((a) => Math.max(0, a - 1))}>
              {t('common.back')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {step === 'review' ? t('new.create') : t('common.next')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** Editing a draft (PATCH /challenges/:id): the same steps, filled with the draft; only its agency, only while a draft. */
function EditDraft({ id }: { id: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const challenge = useChallenge(id);
  if (challenge.isPending) return <Loading />;
  if (challenge.isError) return <ErrorState error={challenge.error} onRetry={() => void challenge.refetch()} />;
  if (challenge.data.status !== 'draft' || challenge.data.agencyId !== user?.id)
    return <Alert color="orange" role="alert" title={t('manage.notDraft')} />;
  return <ChallengeEditor key={id} initial={valuesOfChallenge(challenge.data)} editId={id} />;
}

export default function NewChallengePage() {
  const { id } = useParams();
  return id ? (
    <RequireRole role="agency">
      <EditDraft id={id} />
    </RequireRole>
  ) : (
    <ChallengeEditor />
  );
}
