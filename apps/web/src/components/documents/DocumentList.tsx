import { ActionIcon, Alert, Button, Code, CopyButton, Group, Table, Text, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { downloadDocument } from '../../api/documents';
import { problemOf } from '../../api/problem';
import { translateServerMessage } from '../../api/server-messages';
import { useI18n } from '../../i18n/i18n';
import { formatBytes, shortHash } from '../../lib/bytes';
import { roleWord } from './document-words';
import { WideTable } from '../WideTable';

/** What a list shows of a document; without an `id` (the opening record) there is nothing to download. */
export interface ListedDocument {
  id?: string;
  role?: string;
  name: string;
  size: number;
  sha256: string;
}

/** Drawn here rather than a font glyph (⧉ is missing from many CJK font stacks). */
const CopyIcon = () => (
  <svg
    width="14"
    height="14"
    viewBox="0 0 16 16"
    fill="none"
    stroke="currentColor"
    strokeWidth="1.5"
    aria-hidden
    focusable="false"
  >
    <rect x="5" y="5" width="9" height="9" rx="1.5" />
    <path d="M11 5V3.5A1.5 1.5 0 0 0 9.5 2h-6A1.5 1.5 0 0 0 2 3.5v6A1.5 1.5 0 0 0 3.5 11H5" />
  </svg>
);
const CheckIcon = () => (
  <svg width="14" height="14" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="2" aria-hidden focusable="false">
    <path d="M3 8.5l3.5 3.5L13 4.5" />
  </svg>
);

/** The digest, short, with the whole of it in a tooltip and a button that copies it. */
export function HashCell({ sha256 }: { sha256: string }) {
  const { t } = useI18n();
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={sha256} withinPortal multiline maw={360} style={{ wordBreak: 'break-all' }}>
        <Code data-testid="doc-hash" title={sha256}>
          {shortHash(sha256)}
        </Code>
      </Tooltip>
      <CopyButton value={sha256}>
        {({ copied, copy }) => (
          <Tooltip label={copied ? t('doc.list.copied') : t('doc.list.copy')} withinPortal>
            <ActionIcon variant="subtle" size="sm" aria-label={t('doc.list.copy')} onClick={copy}>
              {copied ? <CheckIcon /> : <CopyIcon />}
            </ActionIcon>
          </Tooltip>
        )}
      </CopyButton>
    </Group>
  );
}

/** Downloads with the session's token; `failed` is why the last one did not work, in words. */
function useDownload() {
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState<string | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const download = async (id: string, name: string) => {
    setBusy(id);
    setFailed(null);
    try {
      await downloadDocument(id, name);
    } catch (error) {
      const p = problemOf(error);
      setFailed(t('doc.download.failed', { reason: translateServerMessage(p.detail ?? p.title ?? `HTTP ${p.status}`, lang) }));
    } finally {
      setBusy(null);
    }
  };
  return { busy, failed, download };
}

export interface DocumentListProps {
  documents: readonly ListedDocument[];
  caption?: string;
  /** Show the role column (off where every document has the same role). */
  showRole?: boolean;
  onRemove?: (doc: ListedDocument, index: number) => void;
  testId?: string;
}

/** Documents as a table: name, role, size, SHA-256 (short; full in a tooltip, copyable) and a download. */
export function DocumentList({ documents, caption, showRole = true, onRemove, testId = 'document-list' }: DocumentListProps) {
  const { t, lang } = useI18n();
  const { busy, failed, download } = useDownload();
  if (documents.length === 0)
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        {t('doc.list.empty')}
      </Text>
    );
  return (
    <>
      <WideTable minWidth={520}>
        <Table withTableBorder data-testid={testId}>
          {caption && <Table.Caption>{caption}</Table.Caption>}
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('doc.list.name')}</Table.Th>
              {showRole && <Table.Th scope="col">{t('doc.list.role')}</Table.Th>}
              <Table.Th scope="col">{t('doc.list.size')}</Table.Th>
              <Table.Th scope="col">{t('doc.list.sha256')}</Table.Th>
              <Table.Th scope="col">{t('doc.list.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {documents.map((d, i) => (
              <Table.Tr key={d.id ?? `${d.sha256}-${i}`}>
                <Table.Td style={{ wordBreak: 'break-all' }}>{d.name}</Table.Td>
                {showRole && <Table.Td>{d.role ? roleWord(t, lang, d.role) : '—'}</Table.Td>}
                <Table.Td style={{ whiteSpace: 'nowrap' }} title={`${d.size} B`}>
                  {formatBytes(d.size)}
                </Table.Td>
                <Table.Td>
                  <HashCell sha256={d.sha256} />
                </Table.Td>
                <Table.Td>
                  <Group gap="xs" wrap="nowrap">
                    {d.id && (
                      <Button
                        size="xs"
                        variant="default"
                        loading={busy === d.id}
                        aria-label={t('doc.list.downloadName', { name: d.name })}
                        onClick={() => d.id && void download(d.id, d.name)}
                      >
                        {t('doc.list.download')}
                      </Button>
                    )}
                    {onRemove && (
                      <Button
                        size="xs"
                        variant="default"
                        c="red.9"
                        aria-label={t('doc.list.remove', { name: d.name })}
                        onClick={() => onRemove(d, i)}
                      >
                        {t('common.remove')}
                      </Button>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
      {failed && (
        <Alert color="red" role="alert" variant="light">
          {failed}
        </Alert>
      )}
    </>
  );
}
