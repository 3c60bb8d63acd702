import { Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useAgencies, type AgencySummary } from '../api/agencies';
import { RegisterAgencyForm } from '../components/agencies/RegisterAgencyForm';
import { RequireRole } from '../components/RequireRole';
import { Empty, ErrorState, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { WideTable } from '../components/WideTable';

function AgencyRow({ agency }: { agency: AgencySummary }) {
  const { t } = useI18n();
  return (
    <Table.Tr>
      <Table.Td>
        <Anchor component={Link} to={`/agencies/${agency.id}`}>
          {agency.name}
        </Anchor>
      </Table.Td>
      <Table.Td ff="monospace">
        {agency.creditCode ?? (
          <Badge color="orange" variant="light">
            {t('agencies.unverified')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{t('agencies.officerCount', { count: agency.officerCount })}</Table.Td>
    </Table.Tr>
  );
}

function AgencyTable() {
  const { t } = useI18n();
  const agencies = useAgencies();
  if (agencies.isPending) return <Loading />;
  if (agencies.isError) return <ErrorState error={agencies.error} onRetry={() => void agencies.refetch()} />;
  if (!agencies.data.items.length) return <Empty title={t('agencies.empty')} />;
  return (
    <WideTable minWidth={560}>
      <Table aria-label={t('agencies.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('agencies.name')}</Table.Th>
            <Table.Th>{t('agencies.creditCode')}</Table.Th>
            <Table.Th>{t('agencies.officers')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {agencies.data.items.map((a) => (
            <AgencyRow key={a.id} agency={a} />
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

/** The admin's agency organisations: who publishes, with which code, and how many officers act for each. */
export default function AgenciesPage() {
  const { t } = useI18n();
  useDocumentTitle(t('agencies.title'));
  return (
    <RequireRole role="admin" message={t('agencies.adminOnly')}>
      <Stack>
        <Title order={1}>{t('agencies.title')}</Title>
        <Text c="dimmed">{t('agencies.intro')}</Text>
        <AgencyTable />
        <RegisterAgencyForm />
      </Stack>
    </RequireRole>
  );
}
