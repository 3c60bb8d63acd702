import { Alert, Button, Card, Stack } from '@mantine/core';
import { useRef } from 'react';
import { useUpdateAgency, type Agency } from '../../api/agencies';
import { useI18n } from '../../i18n/i18n';
import { ErrorSummary } from '../feedback/ErrorSummary';
import { notify } from '../feedback/notify';
import { AgencyFields } from './AgencyFields';
import { useAgencyForm } from './useAgencyForm';

/** Renames an agency or sets its code: how an agency moved over from a user account becomes verified. */
export function AgencyIdentityForm({ agency }: { agency: Agency }) {
  const { t } = useI18n();
  const form = useAgencyForm({ name: agency.name, creditCode: agency.creditCode ?? '' });
  const update = useUpdateAgency(agency.id);
  const formRef = useRef<HTMLFormElement>(null);
  const submit = () => {
    const body = form.check(agency.creditCode === null);
    if (!body) return;
    update.mutate(
      { name: body.name, ...(body.creditCode ? { creditCode: body.creditCode } : {}) },
      { onSuccess: () => notify({ title: t('agencies.saved') }), onError: form.refused },
    );
  };
  return (
    <Card withBorder>
      <form
        ref={formRef}
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          {agency.creditCode === null && (
            <Alert color="orange" title={t('agencies.unverified')}>
              {t('agencies.unverifiedHint')}
            </Alert>
          )}
          <ErrorSummary formRef={formRef} attempt={form.attempt} />
          <AgencyFields form={form} />
          <Button type="submit" loading={update.isPending} style={{ alignSelf: 'flex-start' }}>
            {t('agencies.save')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
