import { Alert, Anchor, Button, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { mapProblem, problemOf } from '../api/problem';
import { useSession } from '../auth/session';
import { safeReturnPath, withReturnPath } from '../auth/return-path';
import { isSessionEndReason, SESSION_END_MESSAGE } from '../auth/session-end';
import { useErrorTitle } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** The credentials typed, their errors and the sign-in; afterwards to `?next=` or the role's home. */
function useSignInForm() {
  const { t, lang } = useI18n();
  const errorTitle = useErrorTitle();
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<{ email?: string; password?: string }>({});
  const [general, setGeneral] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => signIn(email.trim(), password),
    // Only a path of this site is followed (no open redirect); else the role's home.
    onSuccess: (user) =>
      void navigate(safeReturnPath(search.get('next')) ?? (user.role === 'agency' ? '/agency/challenges' : '/')),
    onError: (error) => {
      const problem = problemOf(error);
      if (problem.status === 401) {
        setErrors({});
        setGeneral(t('signIn.failed'));
        return;
      }
      const mapped = mapProblem(problem, { lang, hasField: (p) => p === 'email' || p === 'password' });
      setErrors(mapped.fields);
      setGeneral(mapped.general.length ? `${errorTitle(problem.status)} ${mapped.general.join(' ')}` : null);
    },
  });

  const submit = () => {
    setGeneral(null);
    const found: typeof errors = {};
    if (!email.trim()) found.email = lang === 'zh' ? '不能为空' : 'must not be blank';
    if (!password) found.password = lang === 'zh' ? '不能为空' : 'must not be blank';
    setErrors(found);
    if (!found.email && !found.password) mutation.mutate();
  };
  return { email, setEmail, password, setPassword, errors, general, pending: mutation.isPending, submit };
}

export default function SignInPage() {
  const { t } = useI18n();
  useDocumentTitle(t('signIn.title'));
  const [search] = useSearchParams();
  const { email, setEmail, password, setPassword, errors, general, pending, submit } = useSignInForm();
  // Sent here because the API ended the session (`?reason=deactivated|expired`): say why.
  const reason = search.get('reason');
  const ended = isSessionEndReason(reason) ? t(SESSION_END_MESSAGE[reason]) : null;

  return (
    <Stack maw={420} mx="auto" w="100%">
      <Title order={1}>{t('signIn.title')}</Title>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          {ended && !general && (
            <Alert color="orange" role="alert">
              {ended}
            </Alert>
          )}
          {general && (
            <Alert color="red" role="alert">
              {general}
            </Alert>
          )}
          <TextInput
            label={t('signIn.email')}
            type="email"
            autoComplete="username"
            required
            value={email}
            error={errors.email}
            onChange={(e) => setEmail(e.currentTarget.value)}
          />
          <PasswordInput
            label={t('signIn.password')}
            autoComplete="current-password"
            required
            value={password}
            error={errors.password}
            onChange={(e) => setPassword(e.currentTarget.value)}
          />
          <Button type="submit" loading={pending}>
            {t('signIn.submit')}
          </Button>
          {/* Registering signs the new admin in: back to the same page afterwards. */}
          <Anchor component={Link} to={withReturnPath('/register', search.get('next'))} size="sm">
            {t('signIn.noAccount')}
          </Anchor>
        </Stack>
      </form>
    </Stack>
  );
}
