import { Badge, Button, Card, Group, NativeSelect, Stack, Table, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useAgencies, useAgencyUsers, useOfficerChange, type Agency } from '../../api/agencies';
import { problemOf } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { useConfirm } from '../feedback/ConfirmDialog';
import { notify } from '../feedback/notify';

type Officer = Agency['officers'][number];

function OfficerRow({ officer, onRemove, busy }: { officer: Officer; onRemove: () => void; busy: boolean }) {
  const { t } = useI18n();
  return (
    <Table.Tr>
      <Table.Td>
        {officer.displayName}{' '}
        {!officer.active && (
          <Badge color="gray" variant="light">
            {t('agencies.inactive')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{officer.email}</Table.Td>
      <Table.Td>
        <Button size="xs" variant="default" color="red" disabled={busy} onClick={onRemove}>
          {t('agencies.remove')}
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

/** Picks an agency user who is not yet an officer here; one of another agency is moved. */
function AddOfficer({ agency, busy, onAdd }: { agency: Agency; busy: boolean; onAdd: (userId: string) => void }) {
  const { t } = useI18n();
  const users = useAgencyUsers();
  const agencies = useAgencies();
  const [picked, setPicked] = useState('');
  const names = new Map((agencies.data?.items ?? []).map((a) => [a.id, a.name]));
  const candidates = (users.data?.items ?? []).filter((u) => u.active && u.organizationId !== agency.id);
  const options = candidates.map((u) => ({
    value: u.id,
    label: `${u.displayName} (${u.email}) · ${
      u.organizationId ? t('agencies.currentAgency', { name: names.get(u.organizationId) ?? '…' }) : t('agencies.noAgency')
    }`,
  }));
  return (
    <Group align="flex-end">
      <NativeSelect
        label={t('agencies.pickOfficer')}
        description={t('agencies.pickHint')}
        style={{ flex: 1 }}
        value={picked}
        onChange={(e) => setPicked(e.currentTarget.value)}
        data={[{ value: '', label: '—' }, ...options]}
      />
      <Button
        disabled={!picked || busy}
        onClick={() => {
          onAdd(picked);
          setPicked('');
        }}
      >
        {t('agencies.add')}
      </Button>
    </Group>
  );
}

/** The agency's officers: each may manage all its challenges; the admin adds and removes them. */
export function OfficersCard({ agency }: { agency: Agency }) {
  const { t } = useI18n();
  const change = useOfficerChange(agency.id);
  const { confirm, dialog } = useConfirm();
  const act = (userId: string, add: boolean) =>
    change.mutate(
      { userId, add },
      {
        onSuccess: () => notify({ title: t('agencies.saved') }),
        onError: (e) => notify({ color: 'red', title: t('common.error'), message: problemOf(e).detail }),
      },
    );
  const remove = async (officer: Officer) => {
    const ok = await confirm({
      title: t('agencies.remove'),
      body: t('agencies.removeConfirm', { name: officer.displayName }),
      confirmLabel: t('agencies.remove'),
      danger: true,
    });
    if (ok) act(officer.id, false);
  };
  return (
    <Card withBorder component="section" aria-labelledby="officers">
      <Stack>
        <Title order={2} size="h3" id="officers">
          {t('agencies.officers')}
        </Title>
        {agency.officers.length === 0 ? (
          <Text c="dimmed">{t('agencies.noOfficers')}</Text>
        ) : (
          <Table aria-labelledby="officers">
            <Table.Tbody>
              {agency.officers.map((o) => (
                <OfficerRow key={o.id} officer={o} busy={change.isPending} onRemove={() => void remove(o)} />
              ))}
            </Table.Tbody>
          </Table>
        )}
        <AddOfficer agency={agency} busy={change.isPending} onAdd={(id) => act(id, true)} />
      </Stack>
      {dialog}
    </Card>
  );
}
