import { Button, Group, Radio, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useReviewMilestone } from '../../api/projects';
import { COMMENT_MAX, emptyReview, toReviewBody, validateReview, type ReviewValues } from '../../forms/milestone-review';
import { useI18n } from '../../i18n/i18n';
import { formatFen } from '../../lib/money';
import { FormAlert, fixErrors } from './FormAlert';
import { formProblem, type FormProblem } from './problems';

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
  const [values, setValues] = useState<ReviewValues>(emptyReview);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const review = useReviewMilestone(projectId, milestoneId);
  const titleId = `review-${milestoneId}`;

  const send = () => {
    const found = validateReview(values, trancheFen, t, formatFen);
    setErrors(found);
    if (Object.keys(found).length) {
      setProblem(fixErrors(t('common.fixErrors')));
      return;
    }
    setProblem(null);
    review.mutate(toReviewBody(values), {
      onSuccess: onDone,
      onError: (error) => {
        const mapped = formProblem(error, lang, {
          hasField: (p) => p === 'comment' || p === 'decision' || (p === 'reducedTrancheFen' && values.decision === 'partial'),
        });
        setErrors(mapped.fields);
        setProblem(mapped);
      },
    });
  };

  return (
    <form
      noValidate
      aria-labelledby={titleId}
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      <Stack gap="sm">
        <Title order={4} id={titleId}>
          {t('projects.review.title')}
        </Title>
        <FormAlert problem={problem} testId="review-errors" />
        <Radio.Group
          label={t('projects.review.decision')}
          required
          value={values.decision}
          error={errors.decision}
          onChange={(decision) => {
            setValues((v) => ({ ...v, decision: decision as ReviewValues['decision'] }));
            setErrors({});
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
            onChange={(e) => {
              const reduced = e.currentTarget.value;
              setValues((v) => ({ ...v, reduced }));
              setErrors(({ reducedTrancheFen: _, ...rest }) => rest);
            }}
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
          onChange={(e) => {
            const comment = e.currentTarget.value;
            setValues((v) => ({ ...v, comment }));
            setErrors(({ comment: _, ...rest }) => rest);
          }}
        />
        <Group>
          <Button type="submit" loading={review.isPending}>
            {t('projects.review.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
