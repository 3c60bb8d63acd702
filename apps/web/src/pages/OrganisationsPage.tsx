import { Alert, Anchor, Badge, Stack, Table, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { Link } from 'react-router';
import { ORGANISATION_KINDS, useOrganisations, type ListedOrganisation, type OrganisationKind } from '../api/organisations';
import { SearchFilters } from '../components/SearchFilters';
import { Empty, ErrorState, LoadMore, Loading } from '../components/states';
import { WideTable } from '../components/WideTable';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { formatDateTime } from '../lib/time';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { TableHead } from '../components/TableHead';

const nowrap = { whiteSpace: 'nowrap' } as const;

/** One organisation; an agency's name links to its page (officers, code), which only an admin opens. */
function OrganisationRow({ org, linked }: { org: ListedOrganisation; linked: boolean }) {
  const { t } = useI18n();
  return (
    <Table.Tr data-organisation-id={org.id}>
      <Table.Th scope="row" fw={500}>
        {linked && org.kind === 'agency' ? (
          <Anchor component={Link} to={`/agencies/${org.id}`} c="red.9">
            {org.name}
          </Anchor>
        ) : (
          org.name
        )}
      </Table.Th>
      <Table.Td ff="monospace" style={nowrap}>
        {org.creditCode ?? (
          <Badge color="orange" variant="light" c="dark.7">
            {t('organisations.unverified')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td style={nowrap}>{t(`orgKind.${org.kind}` as MessageKey)}</Table.Td>
      <Table.Td style={{ ...nowrap, fontVariantNumeric: 'tabular-nums' }}>{formatDateTime(org.createdAt)}</Table.Td>
      <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{org.userCount}</Table.Td>
    </Table.Tr>
  );
}

function OrganisationTable({ items, linked }: { items: ListedOrganisation[]; linked: boolean }) {
  const { t } = useI18n();
  const heads = [
    'organisations.name',
    'organisations.creditCode',
    'organisations.kind',
    'organisations.registeredAt',
    'organisations.users',
  ] as const;
  return (
    <WideTable minWidth={760} label={t('organisations.title')}>
      <Table striped withTableBorder data-testid="organisations">
        <TableHead keys={heads} />
        <Table.Tbody>
          {items.map((o) => (
            <OrganisationRow key={o.id} org={o} linked={linked} />
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

/** The list, searched and filtered; a search waits for a pause in typing so each keystroke is not a request. */
function OrganisationList({ linked }: { linked: boolean }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [kind, setKind] = useState<OrganisationKind | ''>('');
  const [search] = useDebouncedValue(q, 300);
  const organisations = useOrganisations({ q: search, kind });
  const items = organisations.data?.pages.flatMap((p) => p.items) ?? [];
  let body;
  if (organisations.isPending) body = <Loading />;
  else if (organisations.isError) body = <ErrorState error={organisations.error} onRetry={() => void organisations.refetch()} />;
  else if (!items.length) body = <Empty title={t('organisations.empty')} />;
  else
    body = (
      <>
        <OrganisationTable items={items} linked={linked} />
        <LoadMore query={organisations} />
      </>
    );
  return (
    <Stack gap="sm">
      <SearchFilters
        search={{ label: t('organisations.search'), hint: t('organisations.searchHint'), value: q, onChange: setQ }}
        filter={{
          label: t('organisations.kind'),
          value: kind,
          onChange: setKind,
          options: [
            { value: '', label: t('organisations.allKinds') },
            ...ORGANISATION_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}` as MessageKey) })),
          ],
        }}
      />
      {body}
    </Stack>
  );
}

/** The registered organisations (注册机构): applicants and agencies, searched by name or credit code (admin; auditor reads). */
export default function OrganisationsPage() {
  const { t } = useI18n();
  const { user } = useSession();
  useDocumentTitle(t('organisations.title'));
  if (user?.role !== 'admin' && user?.role !== 'auditor')
    return (
      <Stack maw={560}>
        <Title order={1}>{t('organisations.title')}</Title>
        <Alert color="orange" role="alert" title={user ? t('error.403') : t('error.401')}>
          {t('organisations.adminOnly')}{' '}
          {!user && (
            <Anchor component={Link} to={`/sign-in?next=${encodeURIComponent('/admin/organisations')}`}>
              {t('nav.signIn')}
            </Anchor>
          )}
        </Alert>
      </Stack>
    );
  return (
    <Stack maw={1200}>
      <Title order={1}>{t('organisations.title')}</Title>
      <Text c="dimmed">{t('organisations.intro')}</Text>
      <OrganisationList linked={user.role === 'admin'} />
    </Stack>
  );
}
