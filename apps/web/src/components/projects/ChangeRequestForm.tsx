import { SimpleGrid, Textarea, TextInput } from '@mantine/core';
import { useRequestChange, type ProjectMilestone } from '../../api/projects';
import { emptyChange, REASON_MAX, toChangeBody, validateChange, type ChangeValues } from '../../forms/change-request';
import { useI18n } from '../../i18n/i18n';
import { formatFen } from '../../lib/money';
import { formProblem } from './problems';
import { ProjectFormShell, useProjectForm } from './useProjectForm';

/** Ask to move a milestone's due date and/or tranche (the program manager decides). */
export function ChangeRequestForm({
  projectId,
  milestone,
  maxFen,
  onDone,
  onCancel,
}: {
  projectId: string;
  milestone: ProjectMilestone;
  maxFen: number;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t, lang } = useI18n();
  const form = useProjectForm<ChangeValues>(emptyChange);
  const { values, errors, set } = form;
  const request = useRequestChange(projectId, milestone.id);
  const titleId = `change-${milestone.id}`;

  const send = () => {
    const found = validateChange(
      values,
      { current: { dueAt: milestone.dueAt, trancheFen: milestone.trancheFen }, maxFen, nowMs: Date.now() },
      t,
      formatFen,
    );
    if (!form.check(found)) return;
    request.mutate(toChangeBody(values), {
      onSuccess: onDone,
      onError: (error) =>
        form.failed(formProblem(error, lang, { hasField: (p) => ['dueAt', 'trancheFen', 'reason'].includes(p) })),
    });
  };

  return (
    <ProjectFormShell
      title={t('projects.change.title')}
      titleId={titleId}
      problem={form.problem}
      alertTestId="change-errors"
      onSubmit={send}
      submitLabel={t('projects.change.submit')}
      pending={request.isPending}
      onCancel={onCancel}
    >
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          type="datetime-local"
          label={t('projects.change.dueAt')}
          description={t('projects.change.keep')}
          value={values.dueAt}
          error={errors.dueAt}
          onChange={(e) => set({ dueAt: e.currentTarget.value }, 'dueAt')}
        />
        <TextInput
          label={t('projects.change.tranche')}
          description={`${t('projects.change.keep')} · ${t('projects.change.trancheHint', { amount: formatFen(maxFen) })}`}
          inputMode="decimal"
          value={values.tranche}
          error={errors.trancheFen}
          onChange={(e) => set({ tranche: e.currentTarget.value }, 'trancheFen', 'dueAt')}
        />
      </SimpleGrid>
      <Textarea
        label={t('projects.change.reason')}
        required
        autosize
        minRows={2}
        maxLength={REASON_MAX}
        value={values.reason}
        error={errors.reason}
        onChange={(e) => set({ reason: e.currentTarget.value }, 'reason')}
      />
    </ProjectFormShell>
  );
}
