import { Button, Checkbox, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useStaff, type StaffMember } from '../../api/awards';
import { useAssignReviewers } from '../../api/bids';
import { mapProblem, problemOf } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { useConfirm } from '../feedback/ConfirmDialog';
import { Loading } from '../states';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Both ways of assigning share one request, so either form's button shows it pending and a new
 * attempt clears the errors of both.
 */
function useReviewerAssignment(challengeId: string, staff: StaffMember[] | undefined) {
  const { t, lang } = useI18n();
  const assign = useAssignReviewers(challengeId);
  const { confirm, dialog } = useConfirm();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [pasteError, setPasteError] = useState<string | undefined>();
  const send = async (ids: string[], onSuccess: () => void, onProblem: (message: string) => void) => {
    setError(undefined);
    setPasteError(undefined);
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
  const submitPasted = () => {
    const ids = text.split(/[\s,，;；]+/).filter(Boolean);
    const bad = ids.filter((id) => !UUID.test(id));
    if (ids.length === 0 || bad.length) return setPasteError(t('panel.idsFormat', { ids: bad.join(', ') || '—' }));
    setPasteError(undefined);
    void send(ids, () => setText(''), setPasteError);
  };
  const submitSelected = () => {
    if (selected.size === 0) return setError(t('awards.pickReviewers'));
    void send([...selected], () => setSelected(new Set()), setError);
  };
  const pending = assign.isPending;
  return { pending, selected, setSelected, text, setText, error, pasteError, submitPasted, submitSelected, dialog };
}

function PasteIdsForm({
  text,
  onText,
  error,
  pending,
  onSubmit,
}: {
  text: string;
  onText: (text: string) => void;
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
        <Textarea
          label={t('panel.assignLabel')}
          description={t('panel.assignHint')}
          autosize
          minRows={1}
          value={text}
          error={error}
          onChange={(e) => onText(e.currentTarget.value)}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        />
        <Group>
          <Button type="submit" variant="light" loading={pending}>
            {t('panel.assign')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
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
 * Assigns reviewers to a challenge's panel: the reviewer accounts from `GET /staff?role=reviewer`
 * (those not yet on the panel) as checkboxes; user ids can still be pasted (an account not listed,
 * or when the list does not load).
 */
export function ReviewerPicker({ challengeId, assigned }: { challengeId: string; assigned: ReadonlySet<string> }) {
  const staff = useStaff('reviewer');
  const a = useReviewerAssignment(challengeId, staff.data?.items);
  const pasteForm = (
    <>
      <PasteIdsForm text={a.text} onText={a.setText} error={a.pasteError} pending={a.pending} onSubmit={a.submitPasted} />
      {a.dialog}
    </>
  );
  if (staff.isPending) return <Loading />;
  // Without the staff list (or besides it, for an account not listed yet) user ids can be pasted.
  if (staff.isError) return pasteForm;
  const available = staff.data.items.filter((s) => !assigned.has(s.id));
  return (
    <Stack gap="md">
      <ReviewerChecklist
        available={available}
        selected={a.selected}
        onSelect={a.setSelected}
        error={a.error}
        pending={a.pending}
        onSubmit={a.submitSelected}
      />
      {pasteForm}
    </Stack>
  );
}
