import { Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useRefreshAuditEntries, type AuditFilter } from '../api/audit';
import { AuditEntries } from '../components/audit/AuditEntries';
import { AuditFilters } from '../components/audit/AuditFilters';
import { VerificationCard } from '../components/audit/VerificationCard';
import { RequireRole } from '../components/RequireRole';
import { useI18n } from '../i18n/i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** The auditor's ledger (监督): every entry, filtered by challenge, kind, action, actor and time; and the chains' verification. */
export default function AuditLedgerPage() {
  const { t } = useI18n();
  useDocumentTitle(t('audit.title'));
  const [filter, setFilter] = useState<AuditFilter>({});
  const refresh = useRefreshAuditEntries();
  const apply = (next: AuditFilter) => {
    setFilter(next);
    refresh();
  };
  return (
    <RequireRole role="auditor" message={t('audit.auditorOnly')}>
      <Stack gap="md" maw={1200}>
        <Title order={1}>{t('audit.title')}</Title>
        <Text c="dimmed">{t('audit.intro')}</Text>
        <VerificationCard />
        <AuditFilters onApply={apply} />
        <AuditEntries filter={filter} label={t('audit.title')} />
      </Stack>
    </RequireRole>
  );
}
