import { Alert, Box, Button, CloseButton, Group, NativeSelect, Progress, Stack, Text } from '@mantine/core';
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { ACCEPTED_EXTENSIONS, ACCEPTED_LABELS, DEFAULT_MAX_BYTES, type UploadedDocument } from '../../api/documents';
import { useI18n } from '../../i18n/i18n';
import { formatBytes } from '../../lib/bytes';
import { roleWord } from './document-words';
import { useUploadQueue, type QueueItem } from './useUploadQueue';

export interface DocumentUploadProps {
  /** The roles to choose from (a picker shows when there are two or more); the first is the default. */
  roles?: readonly string[];
  /** Reported once per finished upload: the reference to send (`documentId`, `role`) and what to list. */
  onUploaded: (doc: UploadedDocument) => void;
  label?: string;
  maxBytes?: number;
  multiple?: boolean;
  disabled?: boolean;
  /** Told when files start or stop being sent (a form may wait for them before it is sent). */
  onBusyChange?: (busy: boolean) => void;
}

function QueueLine({ item, onDismiss }: { item: QueueItem; onDismiss: () => void }) {
  const { t, lang } = useI18n();
  if (item.status === 'failed')
    return (
      <Alert color="red" role="alert" variant="light" data-testid="upload-error" py="xs">
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Text size="sm">{t('doc.upload.failed', { name: item.name, reason: item.error ?? '' })}</Text>
          <CloseButton size="sm" aria-label={t('doc.upload.dismiss')} onClick={onDismiss} />
        </Group>
      </Alert>
    );
  return (
    <Stack gap={2} data-testid="upload-item">
      <Group justify="space-between" wrap="nowrap">
        <Text size="sm" truncate>
          {item.name} · {roleWord(t, lang, item.role)}
        </Text>
        <Text size="xs" c="dimmed">
          {item.status === 'queued' ? t('doc.upload.queued') : `${t('doc.upload.uploading')} ${item.progress}%`}
        </Text>
      </Group>
      <Progress
        value={item.progress}
        aria-label={t('doc.upload.progress', { name: item.name })}
        animated={item.status === 'uploading'}
      />
      {item.hint && (
        <Text size="xs" c="orange.9">
          {item.hint}
        </Text>
      )}
    </Stack>
  );
}

/** The dashed zone files are dropped on, with the button that opens the hidden file input. */
function DropZone({ onFiles, multiple, disabled }: { onFiles: (files: File[]) => void; multiple: boolean; disabled: boolean }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (!disabled) onFiles(Array.from(e.dataTransfer.files).slice(0, multiple ? undefined : 1));
  };
  return (
    <Box
      data-testid="drop-zone"
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
      p="md"
      bg={over ? 'red.0' : undefined}
      style={{ border: '2px dashed var(--mantine-color-gray-5)', borderRadius: 'var(--mantine-radius-md)', textAlign: 'center' }}
    >
      <Group justify="center" gap="xs">
        <Text size="sm">{t('doc.upload.drop')}</Text>
        <Button size="xs" variant="light" disabled={disabled} onClick={() => input.current?.click()}>
          {t('doc.upload.choose')}
        </Button>
      </Group>
      <input
        ref={input}
        type="file"
        hidden
        multiple={multiple}
        accept={ACCEPTED_EXTENSIONS.join(',')}
        data-testid="document-input"
        onChange={(e) => {
          onFiles(Array.from(e.currentTarget.files ?? []));
          e.currentTarget.value = '';
        }}
      />
    </Box>
  );
}

/**
 * Uploads documents (POST /documents) by drop or by button, one at a time with a progress bar,
 * each reported up as `{documentId, role}` with what a list shows. Refusals (413, 415, …) are worded
 * in the reader's language.
 */
export function DocumentUpload({
  roles = [],
  onUploaded,
  label,
  maxBytes = DEFAULT_MAX_BYTES,
  multiple = true,
  disabled = false,
  onBusyChange,
}: DocumentUploadProps) {
  const { t, lang } = useI18n();
  const [role, setRole] = useState(roles[0] ?? '');
  const queue = useUploadQueue(onUploaded, maxBytes);
  useEffect(() => onBusyChange?.(queue.busy), [queue.busy, onBusyChange]);
  const id = useId();
  const types = ACCEPTED_LABELS.join(lang === 'zh' ? '、' : ', ');
  return (
    <Stack gap="xs" role="group" aria-labelledby={label ? `${id}-label` : undefined}>
      {label && (
        <Text fw={600} size="sm" id={`${id}-label`}>
          {label}
        </Text>
      )}
      {roles.length > 1 && (
        <NativeSelect
          label={t('doc.upload.role')}
          maw={280}
          value={role}
          onChange={(e) => setRole(e.currentTarget.value)}
          data={roles.map((r) => ({ value: r, label: roleWord(t, lang, r) }))}
        />
      )}
      <DropZone onFiles={(files) => queue.add(files, role)} multiple={multiple} disabled={disabled} />
      <Text size="xs" c="dimmed">
        {t('doc.upload.accepted', { types, max: formatBytes(maxBytes) })}
      </Text>
      {queue.items.map((item) => (
        <QueueLine key={item.key} item={item} onDismiss={() => queue.dismiss(item.key)} />
      ))}
    </Stack>
  );
}
