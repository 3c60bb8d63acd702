import { Alert, Stack, TextInput } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import type { AgencyForm } from './useAgencyForm';

/** Name and unified social credit code of an agency, the code checked as it is typed. */
export function AgencyFields({ form }: { form: AgencyForm }) {
  const { t } = useI18n();
  const { values, errors, feedback, set, general } = form;
  const description =
    feedback.state === 'valid'
      ? t('register.creditCodeOk', { authority: feedback.authority, category: feedback.category })
      : feedback.state === 'partial'
        ? `${t('agencies.creditCodeHint')} · ${feedback.typed}/18`
        : t('agencies.creditCodeHint');
  return (
    <Stack gap="sm">
      {general.length > 0 && (
        <Alert color="red" role="alert" title={t('common.error')}>
          {general.join('\n')}
        </Alert>
      )}
      <TextInput
        label={t('agencies.name')}
        required
        maxLength={200}
        value={values.name}
        error={errors.name}
        onChange={(e) => set('name')(e.currentTarget.value)}
      />
      <TextInput
        label={t('agencies.creditCode')}
        required
        value={values.creditCode}
        autoComplete="off"
        spellCheck={false}
        maxLength={24}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', textTransform: 'uppercase' } }}
        description={description}
        error={errors.creditCode ?? (feedback.state === 'invalid' ? feedback.message : undefined)}
        onChange={(e) => set('creditCode')(e.currentTarget.value)}
        data-valid={feedback.state === 'valid' || undefined}
      />
    </Stack>
  );
}
