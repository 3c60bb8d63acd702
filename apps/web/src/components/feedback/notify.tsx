import { Notification, Portal, Stack } from '@mantine/core';
import { useEffect, useSyncExternalStore } from 'react';
import { useI18n } from '../../i18n/i18n';

/** A success message after an action ("草稿已保存"), already in the reader's language. */
export interface Notice {
  id: number;
  title: string;
  message?: string;
  color?: 'green' | 'blue' | 'red';
}

const SHOWN_MS = 8000;
let notices: Notice[] = [];
let nextId = 1;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

/**
 * Shows a notice in the corner for a few seconds. A module store (not a context), so that a notice raised just before
 * navigating away — "草稿已保存", then the new page — outlives the component that raised it.
 */
export function notify(notice: Omit<Notice, 'id'>): void {
  notices = [...notices, { color: 'green', ...notice, id: nextId++ }];
  emit();
}

export function dismissNotice(id: number): void {
  notices = notices.filter((n) => n.id !== id);
  emit();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

function TimedNotice({ notice }: { notice: Notice }) {
  const { t } = useI18n();
  useEffect(() => {
    const timer = setTimeout(() => dismissNotice(notice.id), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice.id]);
  return (
    <Notification
      color={notice.color}
      title={notice.title}
      onClose={() => dismissNotice(notice.id)}
      closeButtonProps={{ 'aria-label': t('notice.close') }}
      withBorder
      data-testid="notice"
    >
      {notice.message}
    </Notification>
  );
}

/** Where notices appear: top right, above everything, read out politely by screen readers. Mounted once in App. */
export function NoticesHost() {
  const shown = useSyncExternalStore(subscribe, () => notices);
  return (
    <Portal>
      <Stack
        gap="xs"
        role="status"
        aria-live="polite"
        style={{ position: 'fixed', top: 16, right: 16, zIndex: 1000, width: 'min(380px, calc(100vw - 32px))' }}
      >
        {shown.map((n) => (
          <TimedNotice key={n.id} notice={n} />
        ))}
      </Stack>
    </Portal>
  );
}
