import { Alert, Anchor, Button, Card, NativeSelect, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAgencies } from '../../api/agencies';
import { mapProblem, problemOf, type MappedProblem } from '../../api/problem';
import { STAFF_ROLES, useCreateUser, type StaffRole } from '../../api/users';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { Success } from '../states';

const EMPTY = { role: 'program_manager' as StaffRole, displayName: '', email: '', password: '', organizationId: '' };
type Draft = typeof EMPTY;
const FIELDS = new Set(['role', 'displayName', 'email', 'password', 'organizationId']);

/** An agency user is an officer of an agency organisation: the admin picks which (the api requires one). */
function AgencyPicker({ value, error, onChange }: { value: string; error?: string; onChange: (id: string) => void }) {
  const { t } = useI18n();
  const agencies = useAgencies();
  const items = agencies.data?.items ?? [];
  if (agencies.isSuccess && items.length === 0)
    return (
      <Text size="sm" role="status">
        {t('users.noAgencies')}{' '}
        <Anchor component={Link} to="/agencies">
          {t('nav.agencies')}
        </Anchor>
      </Text>
    );
  return (
    <NativeSelect
      label={t('users.agency')}
      description={t('users.agencyHint')}
      required
      value={value}
      error={error}
      onChange={(e) => onChange(e.currentTarget.value)}
      data={[{ value: '', label: t('users.pickAgency') }, ...items.map((a) => ({ value: a.id, label: a.name }))]}
    />
  );
}

/** The form's state and its submission: field errors beside their fields, the rest in an alert. */
function useCreateForm() {
  const { t, lang } = useI18n();
  const [form, setForm] = useState<Draft>(EMPTY);
  const [created, setCreated] = useState<string | null>(null);
  const [problem, setProblem] = useState<MappedProblem | null>(null);
  const create = useCreateUser();
  const set = (key: keyof Draft) => (value: string) => setForm({ ...form, [key]: value });
  const submit = () => {
    setCreated(null);
    setProblem(null);
    const { organizationId, ...rest } = form;
    // Only an agency user's organisation is picked here; another role sends none.
    const body = rest.role === 'agency' && organizationId ? { ...rest, organizationId } : rest;
    create.mutate(body, {
      onSuccess: (user) => {
        setCreated(t('users.created', { name: user.displayName, role: t(`role.${user.role}` as MessageKey) }));
        setForm({ ...EMPTY, role: form.role, organizationId: form.organizationId });
      },
      onError: (e) =>
        setProblem(
          mapProblem(problemOf(e), { lang, hasField: (p) => FIELDS.has(p), codeFields: { 'identity.email_taken': 'email' } }),
        ),
    });
  };
  return { form, set, submit, created, problem, pending: create.isPending };
}

/** An admin creates a staff account (POST /users); the server judges the password's strength. */
export function CreateUserForm() {
  const { t } = useI18n();
  const { form, set, submit, created, problem, pending } = useCreateForm();
  const err = (key: string) => problem?.fields[key];
  const value = (key: keyof Draft) => (e: { currentTarget: { value: string } }) => set(key)(e.currentTarget.value);
  return (
    <Card withBorder component="section" aria-labelledby="create-user">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Title order={2} size="h3" id="create-user">
            {t('users.create')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('users.createIntro')}
          </Text>
          {problem && problem.general.length > 0 && (
            <Alert color="red" role="alert">
              {problem.general.join(' ')}
            </Alert>
          )}
          {created && <Success title={created} testId="user-created" />}
          <NativeSelect
            label={t('users.role')}
            required
            value={form.role}
            error={err('role')}
            onChange={value('role')}
            data={STAFF_ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))}
          />
          {form.role === 'agency' && (
            <AgencyPicker value={form.organizationId} error={err('organizationId')} onChange={set('organizationId')} />
          )}
          <TextInput
            label={t('users.name')}
            required
            value={form.displayName}
            error={err('displayName')}
            onChange={value('displayName')}
          />
          <TextInput
            label={t('users.email')}
            type="email"
            required
            value={form.email}
            error={err('email')}
            onChange={value('email')}
          />
          <PasswordInput
            label={t('users.password')}
            description={t('register.passwordHint')}
            required
            value={form.password}
            error={err('password')}
            onChange={value('password')}
          />
          <Button type="submit" loading={pending} style={{ alignSelf: 'flex-start' }}>
            {t('users.create')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
