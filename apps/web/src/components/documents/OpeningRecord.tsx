import { Card, Stack, Table, Text, Title } from '@mantine/core';
import type { Challenge } from '../../api/client';
import { useOpening, type OpeningEntry } from '../../api/documents';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { formatBytes } from '../../lib/bytes';
import { DateTime, useNow } from '../format';
import { HashCell } from './DocumentList';
import { roleWord } from './document-words';
import { WideTable } from '../WideTable';

function EntryFiles({ files }: { files: OpeningEntry['documents'] }) {
  const { t, lang } = useI18n();
  if (files.length === 0) return <Text size="sm">—</Text>;
  return (
    <Stack gap={4}>
      {files.map((f, i) => (
        <Stack key={`${f.sha256}-${i}`} gap={0}>
          <Text size="sm" style={{ wordBreak: 'break-all' }}>
            {f.name} · {roleWord(t, lang, f.role)} · {formatBytes(f.size)}
          </Text>
          <HashCell sha256={f.sha256} />
        </Stack>
      ))}
    </Stack>
  );
}

function OpeningTable({ entries, caption }: { entries: OpeningEntry[]; caption: string }) {
  const { t } = useI18n();
  return (
    <WideTable minWidth={640}>
      <Table withTableBorder striped data-testid="opening-table">
        <Table.Caption>{caption}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('opening.org')}</Table.Th>
            <Table.Th scope="col">{t('opening.submittedAt')}</Table.Th>
            <Table.Th scope="col">{t('opening.receipt')}</Table.Th>
            <Table.Th scope="col">{t('opening.files')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <Table.Tr key={e.bidId}>
              <Table.Td>{e.organizationName}</Table.Td>
              <Table.Td style={{ whiteSpace: 'nowrap' }}>
                <DateTime iso={e.submittedAt} />
              </Table.Td>
              <Table.Td>
                <HashCell sha256={e.receiptHash} />
              </Table.Td>
              <Table.Td>
                <EntryFiles files={e.documents ?? []} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

/**
 * The opening record (开标记录), after the deadline: the agency sees every bid sealed at the deadline,
 * a bidder its own line and the count. Nothing shows where the API says no (403/404) or before the deadline.
 */
export function OpeningRecord({ challenge, owner }: { challenge: Challenge; owner: boolean }) {
  const { t } = useI18n();
  const { user } = useSession();
  const now = useNow(60_000);
  const afterDeadline = now >= Date.parse(challenge.bidDeadline) && challenge.status !== 'draft';
  const opening = useOpening(challenge.id, afterDeadline && (owner || user?.role === 'team'));
  if (!opening.data) return null;
  const { entries = [], bidCount, openedAt } = opening.data;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="opening-record" data-testid="opening-record">
      <Stack gap="sm">
        <Title order={2} size="h3" id="opening-record">
          {t('opening.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('opening.hint')}
        </Text>
        <Text size="sm">
          {t('opening.openedAt')}: <DateTime iso={openedAt} /> ({t('common.tz')}) · {t('opening.count', { n: bidCount })}
        </Text>
        {entries.length > 0 && <OpeningTable entries={entries} caption={owner ? t('opening.title') : t('opening.own')} />}
        {owner && entries.length === 0 && <Text size="sm">{t('opening.none')}</Text>}
      </Stack>
    </Card>
  );
}
