import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { RequireRole } from '../components/RequireRole';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { useDocumentTitle } from '../lib/useDocumentTitle';

const SECTIONS: { to: string; title: MessageKey; hint: MessageKey }[] = [
  { to: '/admin/users', title: 'nav.users', hint: 'admin.usersHint' },
  { to: '/admin/organisations', title: 'nav.organisations', hint: 'admin.organisationsHint' },
  { to: '/agencies', title: 'nav.agencies', hint: 'admin.agenciesHint' },
  { to: '/admin/auditors', title: 'nav.auditors', hint: 'admin.auditorsHint' },
  { to: '/admin/jobs', title: 'nav.queues', hint: 'admin.queuesHint' },
];

function Section({ title, hint, children }: { title: string; hint: string; children: React.ReactNode }) {
  return (
    <Card withBorder padding="md" component="section" aria-label={title}>
      <Stack gap={4}>
        <Text fw={600} size="lg">
          {children}
        </Text>
        <Text size="sm" c="dimmed">
          {hint}
        </Text>
      </Stack>
    </Card>
  );
}

/** The admin's home (/admin): where each of their pages is, the job queues among them. */
export default function AdminPage() {
  const { t } = useI18n();
  useDocumentTitle(t('admin.title'));
  return (
    <RequireRole role="admin" message={t('admin.adminOnly')}>
      <Stack maw={1000}>
        <Title order={1}>{t('admin.title')}</Title>
        <Text c="dimmed">{t('admin.intro')}</Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} data-testid="admin-sections">
          {SECTIONS.map((s) => (
            <Section key={s.to} title={t(s.title)} hint={t(s.hint)}>
              <Anchor component={Link} to={s.to}>
                {t(s.title)}
              </Anchor>
            </Section>
          ))}
        </SimpleGrid>
      </Stack>
    </RequireRole>
  );
}
