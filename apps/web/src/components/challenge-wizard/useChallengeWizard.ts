import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { api, call } from '../../api/client';
import { mapProblem, problemOf } from '../../api/problem';
import { usePublicSettings } from '../../api/settings';
import { toPatchBody } from '../../forms/award-draft';
import { bidWindowError } from '../../forms/bid-window';
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
} from '../../forms/challenge-form';
import type { Lang } from '../../i18n/i18n';
import { useI18n } from '../../i18n/i18n';
import { challengeDocsBody, emptyChallengeDocs, type ChallengeDocsValues } from './ChallengeDocumentsPanel';
import { notify } from '../feedback/notify';
import { useNow } from '../format';
import type { Setter } from './step-props';

type Body = NonNullable<ReturnType<typeof checkChallengeForm>['body']>;

/** The earliest step that shows one of these paths (where to take the person back to). */
const firstStepOf = (paths: string[]): Step | undefined =>
  paths.map(stepOf).sort((a, b) => STEPS.indexOf(a) - STEPS.indexOf(b))[0];

/** A refusal's field errors at this form's paths, and its general messages. */
function refusalOf(error: unknown, lang: Lang): { fields: FormErrors; general: string[] } {
  const mapped = mapProblem(problemOf(error), { lang, hasField: () => true });
  const fields: FormErrors = {};
  // mapProblem dots the indices; toFormField renames from the API's bracketed paths.
  for (const [path, message] of Object.entries(mapped.fields)) fields[toFormField(path.replace(/\.(\d+)/g, '[$1]'))] = message;
  return { fields, general: mapped.general };
}

/** Creates the challenge (or saves the draft being edited), then opens it. */
function useSaveChallenge(editId: string | undefined, onRefused: (error: unknown) => void) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { t } = useI18n();
  return useMutation({
    mutationFn: (body: Body) =>
      editId
        ? call(api.PATCH('/api/v1/challenges/{id}', { params: { path: { id: editId } }, body: toPatchBody(body) }))
        : call(api.POST('/api/v1/challenges', { body })),
    onSuccess: (challenge) => {
      void queryClient.invalidateQueries({ queryKey: ['challenges'] });
      queryClient.setQueryData(['challenge', challenge.id], challenge);
      notify({ title: t('new.created') });
      void navigate(editId ? `/challenges/${challenge.id}` : `/challenges/${challenge.id}?created=1`);
    },
    onError: onRefused,
  });
}

/** The form's check plus the server's minimum bid window (GET /settings/public), so a deadline it would refuse is refused here. */
function useWithBidWindow(checked: ReturnType<typeof checkChallengeForm>, bidDeadline: string, lang: Lang) {
  const settings = usePublicSettings();
  const now = useNow(60_000);
  const error = bidWindowError(bidDeadline, now, settings.data?.minBidWindowMs, lang);
  if (!error || checked.errors.bidDeadline) return checked;
  return { errors: { ...checked.errors, bidDeadline: error }, body: null };
}

/** The wizard's state: values, the active step, which errors are shown, and moving on or sending. */
export function useChallengeWizard(
  initial: ChallengeFormValues | undefined,
  editId: string | undefined,
  initialDocs?: ChallengeDocsValues,
) {
  const { lang } = useI18n();
  const [values, setValues] = useState<ChallengeFormValues>(() => initial ?? emptyChallengeForm());
  const [docs, setDocs] = useState<ChallengeDocsValues>(() => initialDocs ?? emptyChallengeDocs());
  const hadDocs = Boolean(initialDocs && (initialDocs.documents.length || initialDocs.requiredBidDocuments.length));
  const [active, setActive] = useState(0);
  /** Steps whose errors are shown (once "next" was pressed on them): nobody is told off before trying. */
  const [checked, setChecked] = useState<Set<Step>>(new Set());
  const [serverErrors, setServerErrors] = useState<FormErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  /** Failed submits so far: each one sends focus to the error summary. */
  const [attempt, setAttempt] = useState(0);

  const checkedForm = useMemo(() => checkChallengeForm(values, lang), [values, lang]);
  const result = useWithBidWindow(checkedForm, values.bidDeadline, lang);
  const step = STEPS[active];
  const shown: FormErrors = {
    ...errorsOfStep(Object.fromEntries(Object.entries(result.errors).filter(([p]) => checked.has(stepOf(p)))), step),
    ...errorsOfStep(serverErrors, step),
  };

  const set: Setter = (key, value) => {
    setValues((v) => ({ ...v, [key]: value }));
    setServerErrors((e) => Object.fromEntries(Object.entries(e).filter(([p]) => p.split('.')[0] !== key)));
  };

  const save = useSaveChallenge(editId, (error) => {
    const refused = refusalOf(error, lang);
    setServerErrors(refused.fields);
    setGeneral(refused.general);
    setChecked(new Set(STEPS));
    setAttempt((n) => n + 1);
    const first = firstStepOf(Object.keys(refused.fields));
    if (first) setActive(STEPS.indexOf(first));
  });

  /** "Next" on a step, or "create" on the review: errors show from now on, and only a sound form moves on. */
  const submit = () => {
    if (step !== 'review') {
      setChecked((c) => new Set(c).add(step));
      if (Object.keys(errorsOfStep(result.errors, step)).length === 0) setActive((a) => Math.min(a + 1, STEPS.length - 1));
      else setAttempt((n) => n + 1);
      return;
    }
    setChecked(new Set(STEPS));
    if (result.body) return save.mutate({ ...result.body, ...challengeDocsBody(docs, hadDocs) });
    setActive(STEPS.indexOf(stepOf(Object.keys(result.errors)[0])));
    setAttempt((n) => n + 1);
  };
  const back = () => setActive((a) => Math.max(0, a - 1));

  return { values, set, docs, setDocs, active, setActive, step, shown, general, submit, back, saving: save.isPending, attempt };
}
