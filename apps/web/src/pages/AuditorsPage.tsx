import { Stack, Table, Text, Title } from '@mantine/core';
import { useAuditors } from '../api/audit';
import { CreateAuditorForm } from '../components/audit/CreateAuditorForm';
import { RequireRole } from '../components/RequireRole';
import { Empty, ErrorState, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';

function AuditorList() {
  const { t } = useI18n();
  const auditors = useAuditors();
  if (auditors.isPending) return <Loading />;
  if (auditors.isError) return <ErrorState error={auditors.error} onRetry={() => void auditors.refetch()} />;
  if (!auditors.data.items.length) return <Empty title={t('auditors.empty')} />;
  return (
    <Table striped aria-label={t('auditors.title')} data-testid="auditors">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('auditors.name')}</Table.Th>
          <Table.Th>{t('auditors.email')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {auditors.data.items.map((u) => (
          <Table.Tr key={u.id}>
            <Table.Td>{u.displayName}</Table.Td>
            <Table.Td>{u.email}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The admin's auditor accounts (监督): who they are, and a form to create one. */
export default function AuditorsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('auditors.title'));
  return (
    <RequireRole role="admin" message={t('auditors.adminOnly')}>
      <Stack maw={800}>
        <Title order={1}>{t('auditors.title')}</Title>
        <Text c="dimmed">{t('auditors.intro')}</Text>
        <AuditorList />
        <CreateAuditorForm />
      </Stack>
    </RequireRole>
  );
}
