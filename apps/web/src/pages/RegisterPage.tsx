import { Alert, Button, Fieldset, NativeSelect, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { api, call } from '../api/client';
import { mapProblem, problemOf } from '../api/problem';
import { safeReturnPath } from '../auth/return-path';
import { useSession } from '../auth/session';
import { ErrorSummary } from '../components/feedback/ErrorSummary';
import { notify } from '../components/feedback/notify';
import { creditCodeFeedback } from '../forms/credit-code';
import { PASSWORD_RULE_HINT } from '../forms/password';
import { validateRegistration, type RegistrationValues } from '../forms/registration';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { ORG_KINDS } from '../lib/taxonomy';
import { useDocumentTitle } from '../lib/useDocumentTitle';

const EMPTY: RegistrationValues = { name: '', kind: 'enterprise', creditCode: '', email: '', password: '', displayName: '' };
/** API paths of POST /organizations → this form's fields. */
const RENAME: Record<string, string> = {
  'admin.email': 'email',
  'admin.password': 'password',
  'admin.displayName': 'displayName',
};

type Errors = Partial<Record<keyof RegistrationValues, string>>;
type Setter = (field: keyof RegistrationValues) => (value: string) => void;

/** The registration's values and errors; registering creates the organisation with its admin and signs the admin in. */
function useRegistration() {
  const { lang, t } = useI18n();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [values, setValues] = useState<RegistrationValues>(EMPTY);
  const [errors, setErrors] = useState<Partial<Record<keyof RegistrationValues, string>>>({});
  const [general, setGeneral] = useState<string[]>([]);
  /** Refused submits so far: each one sends focus to the error summary. */
  const [attempt, setAttempt] = useState(0);
  const feedback = creditCodeFeedback(values.creditCode, lang);

  const register = useMutation({
    mutationFn: async (v: RegistrationValues) => {
      await call(
        api.POST('/api/v1/organizations', {
          body: {
            name: v.name.trim(),
            kind: v.kind as (typeof ORG_KINDS)[number],
            creditCode: v.creditCode.trim().toUpperCase(),
            admin: { email: v.email.trim(), password: v.password, displayName: v.displayName.trim() },
          },
        }),
      );
      await signIn(v.email.trim(), v.password);
    },
    onSuccess: () => {
      notify({ title: t('register.done') });
      // Back to the page that sent the visitor here (`?next=`, a path of this site only), else home.
      void navigate(safeReturnPath(search.get('next')) ?? '/?registered=1');
    },
    onError: (error) => {
      const mapped = mapProblem(problemOf(error), { lang, rename: RENAME, hasField: (p) => p in EMPTY });
      // The server's credit-code message is English; the same validator gives it in Chinese here.
      if (mapped.fields.creditCode && feedback.state === 'invalid') mapped.fields.creditCode = feedback.message;
      setErrors(mapped.fields);
      setGeneral(mapped.general);
      setAttempt((n) => n + 1);
    },
  });

  const set = (field: keyof RegistrationValues) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  const submit = () => {
    const found = validateRegistration(values, lang);
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length === 0) register.mutate(values);
    else setAttempt((n) => n + 1);
  };
  return { values, errors, general, attempt, feedback, register, set, submit };
}

/** The organisation: name, kind and unified social credit code (checked as it is typed). */
function OrganizationFields({
  values,
  errors,
  feedback,
  set,
}: {
  values: RegistrationValues;
  errors: Errors;
  feedback: ReturnType<typeof creditCodeFeedback>;
  set: Setter;
}) {
  const { t } = useI18n();
  const creditCodeError = errors.creditCode ?? (feedback.state === 'invalid' ? feedback.message : undefined);
  const creditCodeDescription =
    feedback.state === 'valid'
      ? t('register.creditCodeOk', { authority: feedback.authority, category: feedback.category })
      : feedback.state === 'partial'
        ? `${t('register.creditCodeHint')} · ${feedback.typed}/18`
        : t('register.creditCodeHint');

  return (
    <Fieldset legend={t('register.org')}>
      <Stack gap="sm">
        <TextInput
          label={t('register.name')}
          required
          maxLength={200}
          value={values.name}
          error={errors.name}
          onChange={(e) => set('name')(e.currentTarget.value)}
        />
        <NativeSelect
          label={t('register.kind')}
          required
          value={values.kind}
          error={errors.kind}
          onChange={(e) => set('kind')(e.currentTarget.value)}
          data={ORG_KINDS.map((kind) => ({ value: kind, label: t(`orgKind.${kind}` as MessageKey) }))}
        />
        <TextInput
          label={t('register.creditCode')}
          required
          value={values.creditCode}
          autoComplete="off"
          spellCheck={false}
          maxLength={24}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', textTransform: 'uppercase' } }}
          description={creditCodeDescription}
          error={creditCodeError}
          onChange={(e) => set('creditCode')(e.currentTarget.value)}
          data-valid={feedback.state === 'valid' || undefined}
        />
      </Stack>
    </Fieldset>
  );
}

/** The organisation's first user, its admin. */
function AdminUserFields({ values, errors, set }: { values: RegistrationValues; errors: Errors; set: Setter }) {
  const { t } = useI18n();
  return (
    <Fieldset legend={t('register.user')}>
      <Stack gap="sm">
        <TextInput
          label={t('register.displayName')}
          required
          maxLength={100}
          value={values.displayName}
          error={errors.displayName}
          onChange={(e) => set('displayName')(e.currentTarget.value)}
          autoComplete="name"
        />
        <TextInput
          label={t('register.email')}
          type="email"
          required
          maxLength={254}
          value={values.email}
          error={errors.email}
          onChange={(e) => set('email')(e.currentTarget.value)}
          autoComplete="email"
        />
        <PasswordInput
          label={t('register.password')}
          description={t(PASSWORD_RULE_HINT)}
          required
          maxLength={256}
          value={values.password}
          error={errors.password}
          onChange={(e) => set('password')(e.currentTarget.value)}
          autoComplete="new-password"
        />
      </Stack>
    </Fieldset>
  );
}

export default function RegisterPage() {
  const { t } = useI18n();
  useDocumentTitle(t('register.title'));
  const { general, attempt, register, set, submit, values, errors, feedback } = useRegistration();
  const formRef = useRef<HTMLFormElement>(null);

  return (
    <Stack maw={560} mx="auto" w="100%">
      <Title order={1}>{t('register.title')}</Title>
      <Text c="dimmed">{t('register.intro')}</Text>
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <ErrorSummary formRef={formRef} attempt={attempt} />
          {general.length > 0 && (
            <Alert color="red" role="alert" title={t('common.error')}>
              {general.join('\n')}
            </Alert>
          )}
          <OrganizationFields values={values} errors={errors} feedback={feedback} set={set} />
          <AdminUserFields values={values} errors={errors} set={set} />
          <Button type="submit" loading={register.isPending}>
            {t('register.submit')}
          </Button>
        </Stack>
      </form>
    </Stack>
  );
}
