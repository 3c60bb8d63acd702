import { Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { ALL_ROLES, useUsers, type Role } from '../api/users';
import { RequireRole } from '../components/RequireRole';
import { SearchFilters } from '../components/SearchFilters';
import { Empty, ErrorState, LoadMore, Loading } from '../components/states';
import { CreateUserForm } from '../components/users/CreateUserForm';
import { UserTable } from '../components/users/UserTable';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** The list, searched and filtered; a search waits for a pause in typing so each keystroke is not a request. */
function UserList() {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [search] = useDebouncedValue(q, 300);
  const users = useUsers({ q: search, role });
  const items = users.data?.pages.flatMap((p) => p.items) ?? [];
  let body;
  if (users.isPending) body = <Loading />;
  else if (users.isError) body = <ErrorState error={users.error} onRetry={() => void users.refetch()} />;
  else if (!items.length) body = <Empty title={t('users.empty')} />;
  else
    body = (
      <>
        <UserTable users={items} />
        <LoadMore query={users} />
      </>
    );
  return (
    <Stack gap="sm">
      <SearchFilters
        search={{ label: t('users.search'), hint: t('users.searchHint'), value: q, onChange: setQ }}
        filter={{
          label: t('users.role'),
          value: role,
          onChange: setRole,
          options: [
            { value: '', label: t('users.allRoles') },
            ...ALL_ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) })),
          ],
        }}
      />
      {body}
    </Stack>
  );
}

/** The admin's users page (用户): every account, searched and filtered; staff created; accounts deactivated or activated. */
export default function UsersPage() {
  const { t } = useI18n();
  useDocumentTitle(t('users.title'));
  return (
    <RequireRole role="admin" message={t('users.adminOnly')}>
      <Stack maw={1200}>
        <Title order={1}>{t('users.title')}</Title>
        <Text c="dimmed">{t('users.intro')}</Text>
        <UserList />
        <CreateUserForm />
      </Stack>
    </RequireRole>
  );
}
