import { Card, SegmentedControl, Stack, Switch, Text, Title } from '@mantine/core';
import { useId } from 'react';
import {
  useNotificationPreferences,
  useSaveNotificationPreferences,
  type NotificationPreferences,
} from '../../api/notification-preferences';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { ErrorState, Loading } from '../states';

type Kind = NotificationPreferences['kinds'][number]['kind'];

/** "Email notices": the mail language and one switch per kind of notice the user's role receives; each change is saved at once. */
export function MailPreferences() {
  const { t } = useI18n();
  const headingId = useId();
  const query = useNotificationPreferences();
  const save = useSaveNotificationPreferences();
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId} data-testid="mail-preferences">
      <Stack gap="sm">
        <Title order={2} size="h4" id={headingId}>
          {t('mail.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('mail.intro')}
        </Text>
        {query.isPending ? (
          <Loading />
        ) : query.isError ? (
          <ErrorState error={query.error} onRetry={() => void query.refetch()} />
        ) : (
          <Settings prefs={query.data} busy={save.isPending} onChange={(change) => save.mutate(change)} />
        )}
        {save.isError && <ErrorState error={save.error} />}
        <Text size="sm" role="status" c="teal.9">
          {save.isSuccess && !save.isPending ? t('mail.saved') : ''}
        </Text>
      </Stack>
    </Card>
  );
}

function Settings(props: {
  prefs: NotificationPreferences;
  busy: boolean;
  onChange: (change: { language?: 'zh' | 'en'; kinds?: { kind: Kind; mail: boolean }[] }) => void;
}) {
  const { t } = useI18n();
  const languageId = useId();
  const { prefs, busy, onChange } = props;
  return (
    <Stack gap="sm">
      <div>
        <Text size="sm" fw={500} id={languageId} mb={4}>
          {t('mail.language')}
        </Text>
        <SegmentedControl
          aria-labelledby={languageId}
          value={prefs.language}
          disabled={busy}
          onChange={(value) => onChange({ language: value === 'en' ? 'en' : 'zh' })}
          data={[
            { value: 'zh', label: t('mail.language.zh') },
            { value: 'en', label: t('mail.language.en') },
          ]}
        />
      </div>
      <Text size="sm" fw={500} component="h3" m={0}>
        {t('mail.kinds')}
      </Text>
      {prefs.kinds.length === 0 && <Text size="sm">{t('mail.none')}</Text>}
      {prefs.kinds.map((k) => (
        <Switch
          key={k.kind}
          label={t(`mail.kind.${k.kind}` as MessageKey)}
          checked={k.mail}
          disabled={busy}
          onChange={(e) => onChange({ kinds: [{ kind: k.kind, mail: e.currentTarget.checked }] })}
        />
      ))}
    </Stack>
  );
}
