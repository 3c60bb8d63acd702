import { Button, Card, Stack, Title } from '@mantine/core';
import { useRef } from 'react';
import { useRegisterAgency } from '../../api/agencies';
import { useI18n } from '../../i18n/i18n';
import { ErrorSummary } from '../feedback/ErrorSummary';
import { notify } from '../feedback/notify';
import { AgencyFields } from './AgencyFields';
import { useAgencyForm } from './useAgencyForm';

const EMPTY = { name: '', creditCode: '' };

/** Registers an agency organisation (POST /agencies); the form empties once it is registered. */
export function RegisterAgencyForm() {
  const { t } = useI18n();
  const form = useAgencyForm(EMPTY);
  const register = useRegisterAgency();
  const formRef = useRef<HTMLFormElement>(null);
  const submit = () => {
    const body = form.check(true);
    if (!body) return;
    register.mutate(body, {
      onSuccess: (agency) => {
        notify({ title: t('agencies.registered', { name: agency.name }) });
        form.setValues(EMPTY);
      },
      onError: form.refused,
    });
  };
  return (
    <Card withBorder component="section" aria-labelledby="register-agency">
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Title order={2} size="h3" id="register-agency">
            {t('agencies.register')}
          </Title>
          <ErrorSummary formRef={formRef} attempt={form.attempt} />
          <AgencyFields form={form} />
          <Button type="submit" loading={register.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('agencies.register')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
