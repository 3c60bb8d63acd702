import { Group, Radio, Textarea, TextInput } from '@mantine/core';
import { useReviewMilestone } from '../../api/projects';
import { COMMENT_MAX, emptyReview, toReviewBody, validateReview, type ReviewValues } from '../../forms/milestone-review';
import { useI18n } from '../../i18n/i18n';
import { formatFen } from '../../lib/money';
import { useConfirm } from '../feedback/ConfirmDialog';
import { formProblem } from './problems';
import { ProjectFormShell, useProjectForm } from './useProjectForm';

/** The fields of this form a server error may name (the reduced tranche only with a partial acceptance). */
const reviewField = (decision: ReviewValues['decision']) => (path: string) =>
  path === 'comment' || path === 'decision' || (path === 'reducedTrancheFen' && decision === 'partial');

/** Accepting pays at once: the decision and the amount are confirmed first; a rejection pays nothing. */
function usePaymentConfirm(trancheFen: number) {
  const { t } = useI18n();
  const { confirm, dialog } = useConfirm();
  const confirmPayment = (body: ReturnType<typeof toReviewBody>) => {
    if (body.decision === 'reject') return Promise.resolve(true);
    const paid = body.decision === 'partial' ? (body.reducedTrancheFen ?? 0) : trancheFen;
    return confirm({
      title: t(body.decision === 'partial' ? 'confirm.partial.title' : 'confirm.accept.title'),
      body: t('confirm.accept.body', { amount: formatFen(paid) }),
      amountLabel: t('confirm.accept.amountLabel'),
      amount: formatFen(paid),
      confirmLabel: t(body.decision === 'partial' ? 'confirm.partial.ok' : 'confirm.accept.ok'),
    });
  };
  return { confirmPayment, dialog };
}

/** The program manager's review of a submitted milestone: accept, partial (reduced tranche) or reject, with a comment. */
export function ReviewForm({
  projectId,
  milestoneId,
  trancheFen,
  onDone,
}: {
  projectId: string;
  milestoneId: string;
  trancheFen: number;
  onDone: () => void;
}) {
  const { t, lang } = useI18n();
  const form = useProjectForm<ReviewValues>(emptyReview);
  const { values, errors, set } = form;
  const review = useReviewMilestone(projectId, milestoneId);
  const { confirmPayment, dialog } = usePaymentConfirm(trancheFen);
  const send = async () => {
    if (!form.check(validateReview(values, trancheFen, t, formatFen))) return;
    const body = toReviewBody(values);
    if (!(await confirmPayment(body))) return;
    review.mutate(body, {
      onSuccess: onDone,
      onError: (error) => form.failed(formProblem(error, lang, { hasField: reviewField(values.decision) })),
    });
  };

  return (
    <ProjectFormShell
      title={t('projects.review.title')}
      titleId={`review-${milestoneId}`}
      problem={form.problem}
      alertTestId="review-errors"
      onSubmit={() => void send()}
      submitLabel={t('projects.review.submit')}
      pending={review.isPending}
    >
      <Radio.Group
        label={t('projects.review.decision')}
        required
        value={values.decision}
        error={errors.decision}
        onChange={(decision) => {
          set({ decision: decision as ReviewValues['decision'] });
          form.setErrors({});
        }}
      >
        <Group mt={4} gap="md">
          <Radio value="accept" label={t('projects.decision.accept')} />
          <Radio value="partial" label={t('projects.decision.partial')} />
          <Radio value="reject" label={t('projects.decision.reject')} />
        </Group>
      </Radio.Group>
      {values.decision === 'partial' && (
        <TextInput
          label={t('projects.review.reduced')}
          description={t('projects.review.reducedHint', { amount: formatFen(trancheFen) })}
          required
          inputMode="decimal"
          maw={360}
          value={values.reduced}
          error={errors.reducedTrancheFen}
          onChange={(e) => set({ reduced: e.currentTarget.value }, 'reducedTrancheFen')}
        />
      )}
      <Textarea
        label={t('projects.review.comment')}
        required
        autosize
        minRows={2}
        maxLength={COMMENT_MAX}
        value={values.comment}
        error={errors.comment}
        onChange={(e) => set({ comment: e.currentTarget.value }, 'comment')}
      />
      {dialog}
    </ProjectFormShell>
  );
}
