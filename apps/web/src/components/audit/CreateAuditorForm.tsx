import { Alert, Button, Card, PasswordInput, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useCreateAuditor } from '../../api/audit';
import { problemMessages } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { Success } from '../states';

const EMPTY = { displayName: '', email: '', password: '' };

/** An admin creates an auditor account (POST /users, role auditor); the server checks the password's strength. */
export function CreateAuditorForm() {
  const { t, lang } = useI18n();
  const [form, setForm] = useState(EMPTY);
  const [created, setCreated] = useState<string | null>(null);
  const create = useCreateAuditor();
  const set = (key: keyof typeof EMPTY) => (e: { currentTarget: { value: string } }) =>
    setForm({ ...form, [key]: e.currentTarget.value });
  return (
    <Card withBorder component="section" aria-labelledby="create-auditor">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setCreated(null);
          create.mutate(form, {
            onSuccess: (user) => {
              setCreated(user.displayName);
              setForm(EMPTY);
            },
          });
        }}
      >
        <Stack>
          <Title order={2} size="h3" id="create-auditor">
            {t('auditors.create')}
          </Title>
          {create.isError && (
            <Alert color="red" role="alert">
              {problemMessages(create.error, lang).join(' ')}
            </Alert>
          )}
          {created && <Success title={t('auditors.created', { name: created })} testId="auditor-created" />}
          <TextInput label={t('auditors.name')} required value={form.displayName} onChange={set('displayName')} />
          <TextInput label={t('auditors.email')} type="email" required value={form.email} onChange={set('email')} />
          <PasswordInput label={t('auditors.password')} required value={form.password} onChange={set('password')} />
          <Button type="submit" loading={create.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('auditors.create')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
