import { Alert, Badge, Button, Card, Checkbox, Group, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useChallengeProjects, useGates, useGateEvidence, useRunGate, type GateView } from '../../api/awards';
import type { Challenge } from '../../api/client';
import { problemOf } from '../../api/problem';
import { assessGate, toGateBody } from '../../forms/award-form';
import { useI18n, type Lang, type Translate } from '../../i18n/i18n';
import { formatFen } from '../../lib/money';
import { DateTime, useNow } from '../format';
import { ErrorState, Loading, Success } from '../states';
import { milestoneStatusKey, type MilestoneStatus } from '../StatusBadges';
import { useConfirm, type ConfirmRequest } from '../feedback/ConfirmDialog';
import { useProblemText } from './useProblemText';
import { WideTable } from '../WideTable';
import { GateObjections, type ProjectTitle } from './GateObjections';

type Stage = Challenge['stages'][number];
/** A project's organisation name (from GET /projects), by project id; a short id should the list not hold it. */
type OrgNames = (projectId: string, organizationId: string) => string;
/** A project's grant and what of it is paid (from GET /projects), by project id; undefined should the list not hold it. */
interface Grant {
  amountFen: number;
  paidFen: number;
}
type GrantOf = (projectId: string) => Grant | undefined;

function MilestoneStatuses({ milestones }: { milestones: { id: string; title: string; status: MilestoneStatus }[] }) {
  const { t } = useI18n();
  if (milestones.length === 0) return <Text size="sm">{t('awards.noStageMilestones')}</Text>;
  return (
    <Text size="sm">
      {milestones.map((m, i) => (
        <span key={m.id}>
          {i > 0 && '；'}
          {m.title}: {t(milestoneStatusKey(m.status))}
        </span>
      ))}
    </Text>
  );
}

/** A gate that has run: who advanced and who was stopped, on what evidence, and why when the tie rule needed a reason. */
/** Published (公示期) or held by an objection: nothing of the stop has taken effect yet; then final. */
function GatePhase({ gate }: { gate: GateView }) {
  const { t } = useI18n();
  if (gate.phase === 'final' || !gate.publicityEndsAt) return <Text size="sm">{t('awards.gateFinal')}</Text>;
  return (
    // Bold body colour, not orange: orange.9 on white is under 4.5:1 (axe color-contrast).
    <Text size="sm" fw={600} data-testid={`gate-phase-${gate.stage}`}>
      {gate.phase === 'held' ? t('awards.gateHeld') : t('awards.gateInPublicity')} <DateTime iso={gate.publicityEndsAt} />
    </Text>
  );
}

function GateResult({ gate, names, title }: { gate: GateView; names: OrgNames; title: ProjectTitle }) {
  const { t } = useI18n();
  const advancing = new Set(gate.advancing);
  const cancelledFen = gate.cancelled.reduce((s, c) => s + c.trancheFen, 0);
  const orgOf = (projectId: string) => gate.evidence.find((e) => e.projectId === projectId)?.organizationId ?? projectId;
  return (
    <Stack gap="xs" data-testid={`gate-result-${gate.stage}`}>
      <Text size="sm">
        {t('awards.gateDecided', { n: gate.advancing.length, m: gate.eliminated.length })} · <DateTime iso={gate.decidedAt} />
      </Text>
      <GatePhase gate={gate} />
      {/* A region of its own that takes focus, so the table scrolls by keyboard at phone width. */}
      <WideTable label={t('awards.gateDecided', { n: gate.advancing.length, m: gate.eliminated.length })} minWidth={480}>
        <Table withTableBorder striped>
          <Table.Caption>{t('awards.pointsRule')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('awards.team')}</Table.Th>
              <Table.Th scope="col">{t('awards.points')}</Table.Th>
              <Table.Th scope="col">{t('awards.stageMilestones')}</Table.Th>
              <Table.Th scope="col">{t('awards.outcome')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {gate.evidence.map((e) => (
              <Table.Tr key={e.projectId}>
                <Table.Td>{names(e.projectId, e.organizationId)}</Table.Td>
                <Table.Td>{e.points}</Table.Td>
                <Table.Td>
                  <MilestoneStatuses milestones={e.milestones} />
                </Table.Td>
                <Table.Td>
                  {advancing.has(e.projectId) ? (
                    <Badge color="green" variant="light" c="dark.7">
                      {t('awards.advancing')}
                    </Badge>
                  ) : (
                    <Badge color="red" variant="light" c="dark.7">
                      {t('awards.eliminated')}
                    </Badge>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
      {gate.tieBreakReason && <Text size="sm">{t('awards.tieBreakGiven', { reason: gate.tieBreakReason })}</Text>}
      {gate.cancelled.length > 0 && (
        <Text size="sm">{t('awards.cancelledTranches', { n: gate.cancelled.length, amount: formatFen(cancelledFen) })}</Text>
      )}
      {gate.phase !== 'final' && <GateObjections gate={gate} name={(id) => names(id, orgOf(id))} title={title} />}
    </Stack>
  );
}

type GateEvidence = NonNullable<ReturnType<typeof useGateEvidence>['data']>['evidence'];

/** The projects still in the race with their stage evidence, best first, each with its box to advance it. */
function GateSelection({
  evidence,
  names,
  advancingSlots,
  selected,
  onToggle,
  error,
  groupId,
}: {
  evidence: GateEvidence;
  names: OrgNames;
  advancingSlots: number;
  selected: ReadonlySet<string>;
  onToggle: (projectId: string) => void;
  error: string | undefined;
  groupId: string;
}) {
  const { t } = useI18n();
  return (
    <fieldset style={{ border: 0, margin: 0, padding: 0 }} aria-describedby={error ? `${groupId}-error` : undefined}>
      <legend>
        <Text size="sm" fw={600} component="span">
          {t('awards.chooseAdvancing', { n: advancingSlots, selected: selected.size })}
        </Text>
      </legend>
      <WideTable minWidth={480}>
        <Table withTableBorder striped>
          <Table.Caption>{t('awards.pointsRule')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('awards.advance')}</Table.Th>
              <Table.Th scope="col">{t('awards.points')}</Table.Th>
              <Table.Th scope="col">{t('awards.stageMilestones')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {evidence.map((e) => (
              <Table.Tr key={e.projectId} data-testid={`gate-row-${e.projectId}`}>
                <Table.Td>
                  <Checkbox
                    label={names(e.projectId, e.organizationId)}
                    checked={selected.has(e.projectId)}
                    onChange={() => onToggle(e.projectId)}
                  />
                </Table.Td>
                <Table.Td>{e.points}</Table.Td>
                <Table.Td>
                  <MilestoneStatuses milestones={e.milestones} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
      {error && (
        <Text size="sm" c="red.9" id={`${groupId}-error`} role="alert">
          {error}
        </Text>
      )}
    </fieldset>
  );
}

/** The server's refusal of a gate, split by the part of the form it concerns. */
function useGateProblem(run: ReturnType<typeof useRunGate>) {
  const describe = useProblemText();
  const problem = run.isError ? problemOf(run.error) : null;
  const problemLine = run.isError ? describe(run.error) : undefined;
  const serverReason = problem?.code === 'awards.tie_break_required' ? problemLine : undefined;
  const serverSelection =
    problem?.code === 'awards.too_many_advancing' || problem?.code === 'awards.not_in_race' ? problemLine : undefined;
  const general = problemLine && !serverReason && !serverSelection ? [problemLine] : null;
  return { serverReason, serverSelection, general };
}

/** A set of ids and the function that adds an id not in it or removes one that is. */
function useToggleSet() {
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  return [selected, toggle] as const;
}

/** The reason for choosing within a tie, required when the selection splits teams with equal points. */
function TieBreakReason({
  tieGroup,
  needsReason,
  reason,
  onReason,
  error,
}: {
  tieGroup: boolean;
  needsReason: boolean;
  reason: string;
  onReason: (reason: string) => void;
  error: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      {tieGroup && <Text size="sm">{t('awards.tieGroup')}</Text>}
      {needsReason && (
        <Text size="sm" c="orange.9">
          {t('awards.needsReason')}
        </Text>
      )}
      <Textarea
        label={t('awards.tieBreakReason')}
        description={t('awards.tieBreakHint')}
        required={needsReason}
        autosize
        minRows={2}
        value={reason}
        error={error}
        onChange={(e) => onReason(e.currentTarget.value)}
      />
    </>
  );
}

/** Running a gate: the projects still in the race with their stage evidence; the agency picks who advances. */
/**
 * Running a gate stops the projects not chosen (no later tranches): it names who advances and how many stop,
 * and — when every project's grant is at hand — the money: the stopped projects' grants, what of it is paid,
 * the unpaid rest that will not be paid, and the advancing projects' grants.
 */
export function gateConfirmation(
  n: number,
  evidence: readonly { projectId: string; organizationId: string }[],
  selected: ReadonlySet<string>,
  names: OrgNames,
  grantOf: GrantOf,
  t: Translate,
  lang: Lang,
): ConfirmRequest {
  const stopped = evidence.length - selected.size;
  const advancing = evidence
    .filter((e) => selected.has(e.projectId))
    .map((e) => names(e.projectId, e.organizationId))
    .join(lang === 'zh' ? '、' : ', ');
  const text = t('confirm.gate.body', { advancing: advancing || t('common.none'), stopped });
  const grants = evidence.map((e) => ({ stops: !selected.has(e.projectId), grant: grantOf(e.projectId) }));
  if (grants.some((g) => !g.grant)) {
    return {
      title: t('confirm.gate.title', { n }),
      body: text,
      confirmLabel: t('awards.runGateButton', { n, advancing: selected.size, stopped }),
      danger: stopped > 0,
    };
  }
  const sum = (stops: boolean, of: (g: Grant) => number) =>
    grants.filter((g) => g.stops === stops).reduce((total, g) => total + of(g.grant!), 0);
  const stoppedFen = sum(true, (g) => g.amountFen);
  const paidFen = sum(true, (g) => g.paidFen);
  const unpaidFen = sum(true, (g) => Math.max(0, g.amountFen - g.paidFen));
  const money = t('confirm.gate.money', {
    stopped: formatFen(stoppedFen),
    paid: formatFen(paidFen),
    unpaid: formatFen(unpaidFen),
    advancing: formatFen(sum(false, (g) => g.amountFen)),
  });
  return {
    title: t('confirm.gate.title', { n }),
    body: (
      <Stack gap={4}>
        <Text size="sm">{text}</Text>
        <Text size="sm" data-testid="confirm-gate-money">
          {money}
        </Text>
      </Stack>
    ),
    amountLabel: t('confirm.gate.amountLabel'),
    amount: formatFen(unpaidFen),
    confirmLabel: t('awards.runGateButton', { n, advancing: selected.size, stopped }),
    danger: stopped > 0,
  };
}

function useGateConfirm(n: number, names: OrgNames, grantOf: GrantOf) {
  const { t, lang } = useI18n();
  const { confirm, dialog } = useConfirm();
  const confirmGate = (evidence: GateEvidence, selected: ReadonlySet<string>) =>
    confirm(gateConfirmation(n, evidence, selected, names, grantOf, t, lang));
  return { confirmGate, dialog };
}

function GateForm({
  challenge,
  n,
  stage,
  names,
  grantOf,
  onDone,
}: {
  challenge: Challenge;
  n: number;
  stage: Stage;
  names: OrgNames;
  grantOf: GrantOf;
  onDone: (n: number) => void;
}) {
  const { t } = useI18n();
  const now = useNow(30_000);
  const preview = useGateEvidence(challenge.id, n);
  const run = useRunGate(challenge.id, n, () => onDone(n));
  const [selected, toggle] = useToggleSet();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const { serverReason, serverSelection, general } = useGateProblem(run);
  const { confirmGate, dialog } = useGateConfirm(n, names, grantOf);
  if (preview.isPending) return <Loading />;
  if (preview.isError) return <ErrorState error={preview.error} onRetry={() => void preview.refetch()} />;
  // Best first, as the server ranks it.
  const { evidence } = preview.data;
  const assessment = assessGate(evidence, stage.advancingSlots, selected);
  const selectionError =
    (touched && assessment.tooMany ? t('awards.tooMany', { n: stage.advancingSlots }) : undefined) ?? serverSelection;
  const reasonError =
    (touched && assessment.needsReason && !reason.trim() ? t('awards.reasonRequired') : undefined) ?? serverReason;
  // The server's clock says so, or this one's has passed the end since (it ticks while the page is open).
  const ended = preview.data.ended || new Date(stage.endsAt).getTime() <= now;
  const groupId = `gate-${n}-selection`;
  return (
    <form
      noValidate
      aria-label={t('awards.runGate', { n })}
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (assessment.tooMany || (assessment.needsReason && !reason.trim())) return;
        const body = toGateBody(selected, reason, assessment.needsReason);
        void confirmGate(evidence, selected).then((ok) => ok && run.mutate(body));
      }}
    >
      <Stack gap="xs">
        {!ended && (
          <Alert color="gray" variant="light">
            {t('awards.stageNotEnded')} <DateTime iso={stage.endsAt} />
          </Alert>
        )}
        <GateSelection
          evidence={evidence}
          names={names}
          advancingSlots={stage.advancingSlots}
          selected={selected}
          onToggle={toggle}
          error={selectionError}
          groupId={groupId}
        />
        <TieBreakReason
          tieGroup={assessment.tieGroup}
          needsReason={assessment.needsReason}
          reason={reason}
          onReason={setReason}
          error={reasonError}
        />
        {general && <ErrorState error={run.error} messages={general} />}
        <Group>
          {/* Not before the stage's end (the server refuses it too); the clock above enables it when it comes. */}
          <Button type="submit" loading={run.isPending} disabled={!ended}>
            {t('awards.runGateButton', { n, advancing: selected.size, stopped: evidence.length - selected.size })}
          </Button>
        </Group>
      </Stack>
      {dialog}
    </form>
  );
}

/** A horse race's stages as steps, each with its gate: run it (in order, once awarding is finished) or see its result. */
export function StageGates({ challenge }: { challenge: Challenge }) {
  const { t } = useI18n();
  const gates = useGates(challenge.id, challenge.stages.length);
  const projects = useChallengeProjects(challenge.id);
  const [done, setDone] = useState<number | null>(null);
  const byProject = new Map((projects.data?.items ?? []).map((p) => [p.id, p.organizationName]));
  const names: OrgNames = (projectId, organizationId) => byProject.get(projectId) ?? organizationId.slice(0, 8);
  const title: ProjectTitle = (projectId) => projects.data?.items.find((p) => p.id === projectId)?.title;
  const grantOf: GrantOf = (projectId) => projects.data?.items.find((p) => p.id === projectId);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="gates-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="gates-title">
          {t('awards.stages')}
        </Title>
        {done !== null && <Success testId="gate-done" title={t('awards.gateRun', { n: done })} />}
        <Stack component="ol" gap="sm" p={0} m={0} style={{ listStyle: 'none' }}>
          {challenge.stages.map((stage, i) => {
            const n = i + 1;
            const gate = gates[i];
            const previousDone = i === 0 || !!gates[i - 1]?.data;
            const inRace = (projects.data?.items ?? []).filter(
              (p) => (p.status === 'publicity' || p.status === 'active') && p.stageReached === i,
            );
            return (
              <Card key={`${stage.name}-${stage.endsAt}`} component="li" withBorder padding="sm" data-testid={`stage-${n}`}>
                <Stack gap="xs">
                  <Group justify="space-between" wrap="wrap" gap="xs">
                    <Title order={3} size="h5">
                      {t('awards.stageTitle', { n, name: stage.name })}
                    </Title>
                    <Text size="sm" c="dimmed">
                      {t('awards.stageEnds')} <DateTime iso={stage.endsAt} /> ·{' '}
                      {t('challenge.stageAdvancing', { n: stage.advancingSlots })}
                    </Text>
                  </Group>
                  {gate.isPending || projects.isPending ? (
                    <Loading />
                  ) : gate.isError ? (
                    <ErrorState error={gate.error} onRetry={() => void gate.refetch()} />
                  ) : gate.data ? (
                    <GateResult gate={gate.data} names={names} title={title} />
                  ) : challenge.status !== 'awarded' ? (
                    <Text size="sm">{t('awards.gateAfterAwarding')}</Text>
                  ) : !previousDone ? (
                    <Text size="sm">{t('awards.gateAfterPrevious', { n: n - 1 })}</Text>
                  ) : inRace.length === 0 ? (
                    <Text size="sm">{t('awards.nobodyInRace')}</Text>
                  ) : (
                    <GateForm challenge={challenge} n={n} stage={stage} names={names} grantOf={grantOf} onDone={setDone} />
                  )}
                </Stack>
              </Card>
            );
          })}
        </Stack>
      </Stack>
    </Card>
  );
}
