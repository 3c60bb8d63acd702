import { Badge, Button, Table, Text } from '@mantine/core';
import { useSetActive, type ListedUser } from '../../api/users';
import { problemOf, problemWording } from '../../api/problem';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { formatDateTime } from '../../lib/time';
import { useConfirm } from '../feedback/ConfirmDialog';
import { notify } from '../feedback/notify';
import { ScrollRegion } from '../portfolio/ScrollRegion';
import { TableHead } from '../TableHead';

const nowrap = { whiteSpace: 'nowrap' } as const;

/** The api's refusals that have words of this page (the rest are shown as the server words them). */
const OWN_WORDS: Record<string, MessageKey> = { 'identity.cannot_deactivate_self': 'users.selfHint' };

function StatusBadge({ active }: { active: boolean }) {
  const { t } = useI18n();
  return (
    <Badge color={active ? 'green.9' : 'gray.7'} variant={active ? 'light' : 'filled'}>
      {active ? t('users.active') : t('users.inactive')}
    </Badge>
  );
}

/** Deactivate or activate, each after a confirmation that says exactly what it does. */
function useToggle() {
  const { t, lang } = useI18n();
  const setActive = useSetActive();
  const { confirm, dialog } = useConfirm();
  const toggle = async (user: ListedUser) => {
    const active = !user.active;
    const words = { name: user.displayName, email: user.email };
    const ok = await confirm({
      title: t(active ? 'users.activateOf' : 'users.deactivateOf', words),
      body: t(active ? 'users.activateConfirm' : 'users.deactivateConfirm', words),
      confirmLabel: t(active ? 'users.activate' : 'users.deactivate'),
      danger: !active,
      undo: t(active ? 'users.activateUndo' : 'users.deactivateUndo'),
    });
    if (!ok) return;
    setActive.mutate(
      { id: user.id, active },
      {
        onSuccess: () => notify({ title: t(active ? 'users.activated' : 'users.deactivated', words) }),
        onError: (e) =>
          notify({ color: 'red', title: t('common.error'), message: problemWording(problemOf(e), lang, (c) => OWN_WORDS[c]) }),
      },
    );
  };
  return { toggle, busy: setActive.isPending, dialog };
}

function UserRow({ user, me, busy, onToggle }: { user: ListedUser; me: boolean; busy: boolean; onToggle: () => void }) {
  const { t } = useI18n();
  return (
    <Table.Tr data-user-id={user.id}>
      <Table.Th scope="row" fw={500}>
        {user.displayName} {me && t('users.you')}
      </Table.Th>
      <Table.Td style={{ wordBreak: 'break-all' }}>{user.email}</Table.Td>
      <Table.Td style={nowrap}>{t(`role.${user.role}` as MessageKey)}</Table.Td>
      <Table.Td>{user.organizationName ?? '—'}</Table.Td>
      <Table.Td>
        <StatusBadge active={user.active} />
      </Table.Td>
      <Table.Td style={{ ...nowrap, fontVariantNumeric: 'tabular-nums' }}>{formatDateTime(user.createdAt)}</Table.Td>
      <Table.Td>
        {me ? (
          // The api refuses it (409 identity.cannot_deactivate_self): say so instead of offering it.
          <Text size="xs" c="dimmed">
            {t('users.selfHint')}
          </Text>
        ) : (
          <Button
            size="xs"
            variant={user.active ? 'default' : 'light'}
            disabled={busy}
            onClick={onToggle}
            aria-label={t(user.active ? 'users.deactivateOf' : 'users.activateOf', { name: user.displayName })}
          >
            {t(user.active ? 'users.deactivate' : 'users.activate')}
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

/** The users found: who, role, organisation, status, created (Beijing time), and the switch on or off. */
export function UserTable({ users }: { users: ListedUser[] }) {
  const { t } = useI18n();
  const { user: me } = useSession();
  const { toggle, busy, dialog } = useToggle();
  const heads = [
    'users.name',
    'users.email',
    'users.role',
    'users.organization',
    'users.status',
    'users.createdAt',
    'users.actions',
  ] as const;
  return (
    <>
      <ScrollRegion label={t('users.title')} minWidth={960}>
        <Table striped withTableBorder data-testid="users">
          <TableHead keys={heads} />
          <Table.Tbody>
            {users.map((u) => (
              <UserRow key={u.id} user={u} me={u.id === me?.id} busy={busy} onToggle={() => void toggle(u)} />
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
      {dialog}
    </>
  );
}
