import { Badge, Button, Card, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useDecideChange, type ChangeRequestView } from '../../api/projects';
import { useI18n, type Translate } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { formatFen } from '../../lib/money';
import { formatDateTime } from '../../lib/time';
import { useConfirm, type ConfirmRequest } from '../feedback/ConfirmDialog';
import { DateTime } from '../format';
import { FormAlert } from './FormAlert';
import { formProblem, type FormProblem } from './problems';

const COLOR = { pending: 'yellow', approved: 'green', rejected: 'red' } as const;

function Decide({ projectId, request }: { projectId: string; request: ChangeRequestView }) {
  const { t, lang } = useI18n();
  const [comment, setComment] = useState('');
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const decide = useDecideChange(projectId);
  const { confirm, dialog } = useConfirm();
  // Approving moves the milestone's date or money at once: first say exactly what changes.
  const approve = async () => {
    if (await confirm(changeConfirmation(request, t))) send(true);
  };
  const send = (approve: boolean) =>
    decide.mutate(
      { cid: request.id, approve, comment: comment.trim() || undefined },
      {
        onSuccess: () => setProblem(null),
        onError: (error) => setProblem(formProblem(error, lang, { hasField: () => false })),
      },
    );
  return (
    <Stack gap="xs">
      <FormAlert problem={problem} testId="decision-errors" />
      <Textarea
        label={t('projects.change.comment')}
        autosize
        minRows={1}
        maxLength={5000}
        value={comment}
        onChange={(e) => setComment(e.currentTarget.value)}
      />
      <Group>
        <Button loading={decide.isPending && decide.variables?.approve === true} onClick={() => void approve()}>
          {t('projects.change.approve')}
        </Button>
        <Button
          variant="outline"
          color="red.9"
          loading={decide.isPending && decide.variables?.approve === false}
          onClick={() => send(false)}
        >
          {t('projects.change.reject')}
        </Button>
      </Group>
      {dialog}
    </Stack>
  );
}

/** The confirmation before approving a change: the milestone, its date and tranche before → after. */
export function changeConfirmation(request: ChangeRequestView, t: Translate): ConfirmRequest {
  const dueChanges = request.dueAt !== null && request.dueAt !== request.currentDueAt;
  const trancheChanges = request.trancheFen !== null && request.trancheFen !== request.currentTrancheFen;
  const lines = [
    t('confirm.change.body', { n: request.milestoneSeq + 1, title: request.milestoneTitle }),
    dueChanges
      ? t('confirm.change.due', { from: formatDateTime(request.currentDueAt), to: formatDateTime(request.dueAt!) })
      : t('confirm.change.dueSame', { value: formatDateTime(request.currentDueAt) }),
    trancheChanges
      ? t('confirm.change.tranche', { from: formatFen(request.currentTrancheFen), to: formatFen(request.trancheFen!) })
      : t('confirm.change.trancheSame', { value: formatFen(request.currentTrancheFen) }),
  ];
  return {
    title: t('confirm.change.title'),
    body: (
      <Stack gap={4}>
        {lines.map((line) => (
          <Text size="sm" key={line}>
            {line}
          </Text>
        ))}
      </Stack>
    ),
    ...(trancheChanges ? { amountLabel: t('confirm.change.amountLabel'), amount: formatFen(request.trancheFen!) } : {}),
    confirmLabel: t('confirm.change.ok'),
  };
}

/** The plan change requests of a project; the program manager decides the pending ones. */
export function ChangeRequests({
  projectId,
  items,
  canDecide,
}: {
  projectId: string;
  items: ChangeRequestView[];
  canDecide: boolean;
}) {
  const { t } = useI18n();
  if (items.length === 0) return <Text c="dimmed">{t('projects.changes.none')}</Text>;
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((r) => (
        <Card key={r.id} withBorder padding="sm" component="li" data-testid="change-request" data-status={r.status}>
          <Stack gap={4}>
            <Group justify="space-between" wrap="wrap" gap="xs">
              <Text fw={600}>{t('projects.milestoneN', { n: r.milestoneSeq + 1, title: r.milestoneTitle })}</Text>
              <Badge variant="light" color={COLOR[r.status]} c="dark.7">
                {t(`projects.change.status.${r.status}` as MessageKey)}
              </Badge>
            </Group>
            <Text size="sm">
              {t('projects.due')}: {formatDateTime(r.currentDueAt)}
              {r.dueAt && r.dueAt !== r.currentDueAt ? ` → ${formatDateTime(r.dueAt)}` : ''} · {t('projects.tranche')}:{' '}
              {formatFen(r.currentTrancheFen)}
              {r.trancheFen !== null && r.trancheFen !== r.currentTrancheFen ? ` → ${formatFen(r.trancheFen)}` : ''}
            </Text>
            {r.reason && (
              <Text size="sm">
                {t('projects.change.reason')}: {r.reason}
              </Text>
            )}
            <Text size="xs" c="dimmed">
              <DateTime iso={r.createdAt} />
              {r.decidedAt && (
                <>
                  {' → '}
                  <DateTime iso={r.decidedAt} />
                </>
              )}
              {r.comment ? ` · ${r.comment}` : ''}
            </Text>
            {canDecide && r.status === 'pending' && <Decide projectId={projectId} request={r} />}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}
