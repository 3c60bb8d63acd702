import { Alert, Button, Group, Stack, Stepper, Text, Title } from '@mantine/core';
import { useRef, useState, type ComponentType } from 'react';
import { useParams } from 'react-router';
import { useChallenge } from '../api/queries';
import { useSession } from '../auth/session';
import { BasicsStep } from '../components/challenge-wizard/BasicsStep';
import {
  ChallengeDocumentsPanel,
  docsOfChallenge,
  type ChallengeDocsValues,
} from '../components/challenge-wizard/ChallengeDocumentsPanel';
import { MoneyStep } from '../components/challenge-wizard/MoneyStep';
import { ObjectivesStep } from '../components/challenge-wizard/ObjectivesStep';
import { ReviewStep } from '../components/challenge-wizard/ReviewStep';
import { STEP_LABELS, type StepProps } from '../components/challenge-wizard/step-props';
import { TimelineStep } from '../components/challenge-wizard/TimelineStep';
import { useChallengeWizard } from '../components/challenge-wizard/useChallengeWizard';
import { ErrorSummary } from '../components/feedback/ErrorSummary';
import { RequireRole } from '../components/RequireRole';
import { ErrorState, Loading } from '../components/states';
import { valuesOfChallenge } from '../forms/award-draft';
import { STEPS, type ChallengeFormValues, type Step } from '../forms/challenge-form';
import { useI18n } from '../i18n/i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';

const STEP_CONTENT: Record<Exclude<Step, 'review'>, ComponentType<StepProps>> = {
  basics: BasicsStep,
  objectives: ObjectivesStep,
  timeline: TimelineStep,
  money: MoneyStep,
};

/** Above the step: what the server said that belongs to no field (field errors are in the error summary). */
function StepAlerts({ general }: { general: string[] }) {
  const { t } = useI18n();
  return (
    <>
      {general.length > 0 && (
        <Alert color="red" role="alert" title={t('common.error')}>
          {general.map((g) => (
            <Text key={g} size="sm">
              {g}
            </Text>
          ))}
        </Alert>
      )}
    </>
  );
}

function ChallengeEditor({
  initial,
  editId,
  initialDocs,
}: {
  initial?: ChallengeFormValues;
  editId?: string;
  initialDocs?: ChallengeDocsValues;
}) {
  const { t } = useI18n();
  const wizard = useChallengeWizard(initial, editId, initialDocs);
  const formRef = useRef<HTMLFormElement>(null);
  // A file still on its way would be left out of the challenge: creating waits for the uploads.
  const [uploading, setUploading] = useState(false);
  const { step, active } = wizard;
  const StepContent = step === 'review' ? null : STEP_CONTENT[step];
  return (
    <Stack maw={900}>
      <Title order={1}>{editId ? t('manage.editTitle') : t('new.title')}</Title>
      <Stepper active={active} onStepClick={wizard.setActive} allowNextStepsSelect={false} size="sm" color="red.8">
        {STEPS.map((s) => (
          <Stepper.Step key={s} label={t(STEP_LABELS[s])} />
        ))}
      </Stepper>
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          wizard.submit();
        }}
      >
        <Stack>
          <Title order={2} size="h3">
            {t(STEP_LABELS[step])}
          </Title>
          <ErrorSummary formRef={formRef} attempt={wizard.attempt} hasErrors={Object.keys(wizard.shown).length > 0} />
          <StepAlerts general={wizard.general} />
          {StepContent ? (
            <StepContent values={wizard.values} errors={wizard.shown} set={wizard.set} />
          ) : (
            <>
              <ChallengeDocumentsPanel value={wizard.docs} onChange={wizard.setDocs} onUploading={setUploading} />
              <ReviewStep values={wizard.values} />
            </>
          )}
          <Group justify="space-between">
            <Button variant="default" disabled={active === 0} onClick={wizard.back}>
              {t('common.back')}
            </Button>
            <Group gap="xs">
              {step === 'review' && uploading && (
                <Text size="sm" c="dimmed" role="status">
                  {t('doc.upload.wait')}
                </Text>
              )}
              <Button type="submit" loading={wizard.saving} disabled={step === 'review' && uploading}>
                {step === 'review' ? t('new.create') : t('common.next')}
              </Button>
            </Group>
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
  return (
    <ChallengeEditor
      key={id}
      initial={valuesOfChallenge(challenge.data)}
      editId={id}
      initialDocs={docsOfChallenge(challenge.data)}
    />
  );
}

export default function NewChallengePage() {
  const { id } = useParams();
  const { t } = useI18n();
  useDocumentTitle(id ? t('manage.editTitle') : t('new.title'));
  return id ? (
    <RequireRole role="agency">
      <EditDraft id={id} />
    </RequireRole>
  ) : (
    <ChallengeEditor />
  );
}
