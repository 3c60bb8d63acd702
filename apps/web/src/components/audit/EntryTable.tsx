import { Anchor, Code, Table, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { AuditEntry } from '../../api/audit';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/time';
import { WideTable } from '../WideTable';

const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

/** The changed fields, compactly: `before → after` as JSON (the ledger stores only what changed). */
function Changes({ entry }: { entry: AuditEntry }) {
  const { t } = useI18n();
  const text = (v: unknown) => (v === null || v === undefined ? '—' : JSON.stringify(v));
  return (
    // Scrolls when long: focusable, so a keyboard can scroll it too.
    <Code
      block
      translate="no"
      tabIndex={0}
      aria-label={`${t('audit.changes')}: ${entry.action} #${entry.seq}`}
      style={{ maxWidth: 360, maxHeight: 120, overflow: 'auto', fontSize: 11 }}
    >
      {entry.before ? `${text(entry.before)}\n→ ` : ''}
      {text(entry.after)}
    </Code>
  );
}

function EntryRow({ entry, showChain }: { entry: AuditEntry; showChain: boolean }) {
  const { t } = useI18n();
  return (
    <Table.Tr data-testid="audit-entry" data-action={entry.action} data-entry-id={entry.id}>
      <Table.Td style={num}>{formatDateTime(entry.recordedAt)}</Table.Td>
      {showChain && (
        <Table.Td>
          {entry.challengeId ? (
            <Anchor component={Link} to={`/audit/challenges/${entry.challengeId}`} size="sm" ff="monospace" c="red.9">
              {entry.challengeId.slice(0, 8)}
            </Anchor>
          ) : (
            t('audit.global')
          )}
        </Table.Td>
      )}
      <Table.Td style={num}>{entry.seq}</Table.Td>
      {/* The ledger's own values, as hashed: shown as recorded, never translated. */}
      <Table.Td ff="monospace" translate="no">
        {entry.action}
      </Table.Td>
      <Table.Td translate="no">
        <Text size="xs">{entry.subjectType}</Text>
        <Text size="xs" ff="monospace" c="dimmed">
          {entry.subjectId}
        </Text>
      </Table.Td>
      <Table.Td ff="monospace" fz="xs">
        {entry.actorId ?? t('audit.system')}
      </Table.Td>
      <Table.Td>
        <Text size="xs" fw={entry.public ? 700 : 400}>
          {entry.public ? t('audit.public') : t('audit.private')}
        </Text>
      </Table.Td>
      <Table.Td>
        <Changes entry={entry} />
      </Table.Td>
      <Table.Td ff="monospace" fz="xs" title={entry.hash}>
        {entry.hash.slice(0, 12)}…
      </Table.Td>
    </Table.Tr>
  );
}

/** Ledger entries as a table; `showChain` adds the challenge column (off on one challenge's history). */
export function EntryTable({ entries, showChain = true, label }: { entries: AuditEntry[]; showChain?: boolean; label: string }) {
  const { t } = useI18n();
  return (
    <WideTable minWidth={900}>
      <Table striped withTableBorder aria-label={label} data-testid="audit-entries">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('audit.recordedAt')}</Table.Th>
            {showChain && <Table.Th>{t('audit.chain')}</Table.Th>}
            <Table.Th>{t('audit.seq')}</Table.Th>
            <Table.Th>{t('audit.action')}</Table.Th>
            <Table.Th>{t('audit.subject')}</Table.Th>
            <Table.Th>{t('audit.actor')}</Table.Th>
            <Table.Th>{t('audit.visibility')}</Table.Th>
            <Table.Th>{t('audit.changes')}</Table.Th>
            <Table.Th>{t('audit.hash')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entries.map((e) => (
            <EntryRow key={e.id} entry={e} showChain={showChain} />
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}
