import { Button, Checkbox, Group, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useStaff, type StaffMember } from '../../api/awards';
import { useAssignReviewers } from '../../api/bids';
import { mapProblem, problemOf } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { useConfirm } from '../feedback/ConfirmDialog';
import { ErrorState, Loading } from '../states';

/** Assigning the checked reviewers, after a confirmation that names them. */
function useReviewerAssignment(challengeId: string, staff: StaffMember[] | undefined) {
  const { t, lang } = useI18n();
  const assign = useAssignReviewers(challengeId);
  const { confirm, dialog } = useConfirm();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [error, setError] = useState<string | undefined>();
  const send = async (ids: string[], onSuccess: () => void, onProblem: (message: string) => void) => {
    setError(undefined);
    const names = ids.map((id) => staff?.find((s) => s.id === id)?.displayName ?? id);
    const ok = await confirm({
      title: t('confirm.assign.title', { n: ids.length }),
      body: t('confirm.assign.body', { names: names.join(lang === 'zh' ? '、' : ', ') }),
      confirmLabel: t('awards.assignN', { n: ids.length }),
    });
    if (!ok) return;
    assign.mutate(ids, {
      onSuccess,
      onError: (err) => {
        const mapped = mapProblem(problemOf(err), { lang, hasField: (p) => p === 'userIds' || /^userIds\.\d+$/.test(p) });
        onProblem([...Object.values(mapped.fields), ...mapped.general].join('；'));
      },
    });
  };
  const submitSelected = () => {
    if (selected.size === 0) return setError(t('awards.pickReviewers'));
    void send([...selected], () => setSelected(new Set()), setError);
  };
  const pending = assign.isPending;
  return { pending, selected, setSelected, error, submitSelected, dialog };
}

function ReviewerChecklist({
  available,
  selected,
  onSelect,
  error,
  pending,
  onSubmit,
}: {
  available: StaffMember[];
  selected: ReadonlySet<string>;
  onSelect: (ids: Set<string>) => void;
  error: string | undefined;
  pending: boolean;
  onSubmit: () => void;
}) {
  const { t } = useI18n();
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="xs">
        <Checkbox.Group label={t('awards.pickLabel')} value={[...selected]} onChange={(v) => onSelect(new Set(v))} error={error}>
          <Stack gap={6} mt={6}>
            {available.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('awards.noMoreReviewers')}
              </Text>
            )}
            {available.map((s) => (
              <Checkbox key={s.id} value={s.id} label={s.displayName} />
            ))}
          </Stack>
        </Checkbox.Group>
        <Group>
          <Button type="submit" loading={pending} disabled={available.length === 0}>
            {t('awards.assignN', { n: selected.size })}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * Assigns reviewers to a challenge's panel, picked by name from the reviewer accounts of
 * `GET /staff?role=reviewer` (those not yet on the panel) — never by typing ids.
 */
export function ReviewerPicker({ challengeId, assigned }: { challengeId: string; assigned: ReadonlySet<string> }) {
  const staff = useStaff('reviewer');
  const a = useReviewerAssignment(challengeId, staff.data?.items);
  if (staff.isPending) return <Loading />;
  if (staff.isError) return <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />;
  const available = staff.data.items.filter((s) => !assigned.has(s.id));
  return (
    <>
      <ReviewerChecklist
        available={available}
        selected={a.selected}
        onSelect={a.setSelected}
        error={a.error}
        pending={a.pending}
        onSubmit={a.submitSelected}
      />
      {a.dialog}
    </>
  );
}
