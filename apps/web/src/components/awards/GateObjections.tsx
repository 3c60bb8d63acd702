import { Badge, Button, Card, Group, NativeSelect, Radio, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import type { GateView } from '../../api/awards';
import { useGateObjections, useResolveGateObjection, type GateObjection } from '../../api/gate-objections';
import { mapProblem, problemOf } from '../../api/problem';
import {
  emptyGateResolution,
  gateOutcome,
  slotsFull,
  toGateResolutionBody,
  validateGateResolution,
  type GateDecision,
  type GateResolutionValues,
} from '../../forms/gate-objection';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { DocumentList } from '../documents/DocumentList';
import { useConfirm } from '../feedback/ConfirmDialog';
import { DateTime } from '../format';
import { ErrorState, Loading } from '../states';
import { useProblemText } from './useProblemText';

/** A project's name on this page: its organisation's. */
export type ProjectName = (projectId: string) => string;
/** A project's title, when the page has it. */
export type ProjectTitle = (projectId: string) => string | undefined;

const statusColor = { open: 'orange', upheld: 'green', dismissed: 'gray' } as const;

/** An objection's status, reason, documents and (once resolved) the agency's answer — for the agency and the team alike. */
export function GateObjectionBody({ objection }: { objection: GateObjection }) {
  const { t } = useI18n();
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap">
        <Badge variant="light" color={statusColor[objection.status]} c="dark.7" data-testid="gate-objection-status">
          {t(`gates.status.${objection.status}`)}
        </Badge>
        <Text size="xs" c="dimmed">
          {t('gates.lodgedAt')} <DateTime iso={objection.createdAt} />
        </Text>
      </Group>
      <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
        {objection.reason}
      </Text>
      {objection.documents.length > 0 && (
        <DocumentList documents={objection.documents} caption={t('gates.documents')} showRole={false} />
      )}
      {objection.resolutionComment && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          {t('gates.answer', { comment: objection.resolutionComment })}
        </Text>
      )}
    </Stack>
  );
}

/** Asks before a resolution, saying exactly what it does: who advances, who is stopped instead and gets a new period, or that the result stands. */
function useResolutionConfirm(gate: GateView, project: string, name: ProjectName) {
  const { t } = useI18n();
  const { confirm, dialog } = useConfirm();
  const ask = (values: GateResolutionValues) => {
    const outcome = gateOutcome(values, gate);
    const n = gate.stage;
    const first =
      outcome.kind === 'stands'
        ? t('gates.confirm.stands', { project, n })
        : outcome.kind === 'advances'
          ? t('gates.confirm.advances', { project, n })
          : t('gates.confirm.swaps', { project, n, stopped: name(outcome.stopped) });
    return confirm({
      title: t('gates.confirm.title', { project }),
      body: (
        <Stack gap="xs" data-testid="gate-confirm-body">
          <Text size="sm">{first}</Text>
          <Text size="sm">{t('gates.confirm.final')}</Text>
        </Stack>
      ),
      confirmLabel: t(outcome.kind === 'stands' ? 'gates.confirm.dismiss' : 'gates.confirm.uphold'),
      danger: outcome.kind === 'swaps',
    });
  };
  return { ask, dialog };
}

/** The select of advancing projects, one of which is stopped when upholding needs a slot. */
function StopInsteadSelect({
  gate,
  name,
  value,
  onChange,
  error,
}: {
  gate: GateView;
  name: ProjectName;
  value: string;
  onChange: (id: string) => void;
  error: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <NativeSelect
      label={t('gates.stopInstead')}
      description={t('gates.stopInsteadHint')}
      required
      value={value}
      error={error}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[{ value: '', label: t('gates.choose') }, ...gate.advancing.map((id) => ({ value: id, label: name(id) }))]}
    />
  );
}

function ResolveGateObjectionForm({ gate, objection, name }: { gate: GateView; objection: GateObjection; name: ProjectName }) {
  const { t, lang } = useI18n();
  const resolve = useResolveGateObjection(gate.challengeId, gate.stage);
  const [values, setValues] = useState(emptyGateResolution);
  const [touched, setTouched] = useState(false);
  const project = name(objection.projectId);
  const { ask, dialog } = useResolutionConfirm(gate, project, name);
  const describe = useProblemText();
  const errors = touched ? validateGateResolution(values, gate) : {};
  const errorText = (key: keyof GateResolutionValues) =>
    errors[key] ? t(`gates.err.${errors[key]}` as MessageKey) : mapped?.fields[key];
  const mapped = resolve.isError
    ? mapProblem(problemOf(resolve.error), {
        lang,
        hasField: (p) => p === 'decision' || p === 'comment' || p === 'stopInstead',
        generic: describe(resolve.error),
      })
    : null;
  const set = (patch: Partial<GateResolutionValues>) => setValues((v) => ({ ...v, ...patch }));
  return (
    <form
      noValidate
      aria-label={t('gates.resolveLabel', { project })}
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (Object.keys(validateGateResolution(values, gate)).length) return;
        void ask(values).then((ok) => ok && resolve.mutate({ oid: objection.id, body: toGateResolutionBody(values, gate) }));
      }}
    >
      <Stack gap="xs">
        <Radio.Group
          name={`gate-decision-${objection.id}`}
          label={t('gates.decision')}
          required
          value={values.decision}
          onChange={(v) => set({ decision: v as GateDecision })}
          error={errorText('decision')}
        >
          <Group mt={4}>
            <Radio value="upheld" label={t('gates.uphold')} description={t('gates.upholdHint')} />
            <Radio value="dismissed" label={t('gates.dismiss')} description={t('gates.dismissHint')} />
          </Group>
        </Radio.Group>
        {values.decision === 'upheld' && slotsFull(gate) && (
          <StopInsteadSelect
            gate={gate}
            name={name}
            value={values.stopInstead}
            onChange={(stopInstead) => set({ stopInstead })}
            error={errorText('stopInstead')}
          />
        )}
        <Textarea
          label={t('gates.comment')}
          required
          autosize
          minRows={2}
          value={values.comment}
          onChange={(e) => set({ comment: e.currentTarget.value })}
          error={errorText('comment')}
        />
        {mapped && mapped.general.length > 0 && <ErrorState error={resolve.error} messages={mapped.general} />}
        <Group>
          <Button type="submit" loading={resolve.isPending}>
            {t('gates.resolve')}
          </Button>
        </Group>
      </Stack>
      {dialog}
    </form>
  );
}

/** The agency's view of a gate in publicity or held: every objection with its documents, the open ones with their resolution. */
export function GateObjections({ gate, name, title }: { gate: GateView; name: ProjectName; title: ProjectTitle }) {
  const { t } = useI18n();
  const objections = useGateObjections(gate.challengeId, gate.stage);
  return (
    <Stack
      gap="xs"
      component="section"
      aria-labelledby={`gate-objections-${gate.stage}`}
      data-testid={`gate-objections-${gate.stage}`}
    >
      <Title order={4} size="h6" id={`gate-objections-${gate.stage}`}>
        {t('gates.objections.title', { n: gate.stage })}
      </Title>
      {objections.isPending ? (
        <Loading />
      ) : objections.isError ? (
        <ErrorState error={objections.error} onRetry={() => void objections.refetch()} />
      ) : objections.data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('gates.objections.none')}
        </Text>
      ) : (
        objections.data.items.map((o) => (
          <Card key={o.id} withBorder padding="xs" data-testid={`gate-objection-${o.projectId}`}>
            <Stack gap={6}>
              <Text size="sm" fw={600}>
                {name(o.projectId)}
                {title(o.projectId) && ` · ${title(o.projectId)}`}
              </Text>
              <GateObjectionBody objection={o} />
              {o.status === 'open' && <ResolveGateObjectionForm gate={gate} objection={o} name={name} />}
            </Stack>
          </Card>
        ))
      )}
    </Stack>
  );
}
