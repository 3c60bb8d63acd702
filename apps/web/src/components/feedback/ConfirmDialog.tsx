import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useRef, useState, type ReactElement, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

/** What a confirmation says: the action, exactly what it will do, and (for money) how much moves. */
export interface ConfirmRequest {
  title: string;
  /** What will happen, in plain words: one paragraph per line. */
  body: ReactNode;
  /** The money this moves, already formatted ("¥7,200,000.00"); shown on its own line so nobody misreads it. */
  amount?: string;
  amountLabel?: string;
  /** The confirm button's words: the action's verb ("发布", "验收并拨付"), never a bare "OK". */
  confirmLabel: string;
  /** Irreversible and destructive (deletes, withdraws): a red button. */
  danger?: boolean;
  /** For an action that can be undone (deactivating a user): how, said instead of "cannot be undone". */
  undo?: string;
}

interface Pending extends ConfirmRequest {
  resolve: (confirmed: boolean) => void;
}

/**
 * One confirmation before an irreversible or money-moving action. `confirm(request)` opens the dialog and resolves
 * true on confirm, false on cancel, Escape or the close button — so the caller only acts on `true`, and cancel
 * changes nothing. Render `dialog` once in the component that asks.
 */
export function useConfirm(): { confirm: (request: ConfirmRequest) => Promise<boolean>; dialog: ReactElement } {
  const [pending, setPending] = useState<Pending | null>(null);
  const pendingRef = useRef<Pending | null>(null);
  const confirm = useCallback(
    (request: ConfirmRequest) =>
      new Promise<boolean>((resolve) => {
        pendingRef.current?.resolve(false);
        const next = { ...request, resolve };
        pendingRef.current = next;
        setPending(next);
      }),
    [],
  );
  const settle = useCallback((confirmed: boolean) => {
    pendingRef.current?.resolve(confirmed);
    pendingRef.current = null;
    setPending(null);
  }, []);
  return { confirm, dialog: <ConfirmDialog request={pending} onSettle={settle} /> };
}

function ConfirmDialog({ request, onSettle }: { request: ConfirmRequest | null; onSettle: (confirmed: boolean) => void }) {
  const { t } = useI18n();
  // The modal fades out after it is settled: it keeps the last title meanwhile, or it would be a
  // dialog with no name (axe: aria-dialog-name) for the length of the fade. Its buttons go at once,
  // so a settled confirmation cannot be clicked twice.
  const [lastTitle, setLastTitle] = useState(request?.title);
  if (request && request.title !== lastTitle) setLastTitle(request.title); // React's "adjust state while rendering"
  return (
    <Modal
      opened={request !== null}
      onClose={() => onSettle(false)}
      title={request?.title ?? lastTitle}
      closeButtonProps={{ 'aria-label': t('confirm.close') }}
      data-testid="confirm-dialog"
    >
      {request && (
        <Stack gap="sm">
          {typeof request.body === 'string' ? <Text size="sm">{request.body}</Text> : request.body}
          {request.amount && (
            <Text size="lg" fw={700} data-testid="confirm-amount" style={{ fontVariantNumeric: 'tabular-nums' }}>
              {request.amountLabel
                ? t('confirm.amountLine', { label: request.amountLabel, amount: request.amount })
                : request.amount}
            </Text>
          )}
          <Text size="xs" c="dimmed">
            {request.undo ?? t('confirm.irreversible')}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onSettle(false)} data-autofocus>
              {t('common.cancel')}
            </Button>
            <Button color={request.danger ? 'red.9' : undefined} onClick={() => onSettle(true)} data-testid="confirm-ok">
              {request.confirmLabel}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}
