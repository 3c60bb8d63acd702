import { Alert, Anchor, Badge, Button, Card, Group, Stack, Switch, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useMarkRead, useNotifications, type NotificationItem } from '../api/portfolio';
import { useSession } from '../auth/session';
import { DateTime } from '../components/format';
import { MailPreferences } from '../components/notifications/MailPreferences';
import { Empty, ErrorState, LoadMore, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { noticeLink, wordNotification } from '../lib/notification-words';
import { formatDateTime } from '../lib/time';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** The words of a notice's link, by where it leads. */
function linkLabel(path: string): MessageKey {
  if (path === '/consents') return 'notes.consents';
  if (/^\/challenges\/[^/]+\/bid$/.test(path)) return 'notes.bid';
  if (path.startsWith('/challenges/')) return 'notes.challenge';
  if (path.startsWith('/bids/')) return 'notes.bids';
  if (path.startsWith('/review/')) return 'notes.review';
  return 'notes.project';
}

function Note({ note }: { note: NotificationItem }) {
  const { t, lang } = useI18n();
  const markRead = useMarkRead();
  const unread = note.readAt === null;
  const words = wordNotification(note.kind, note.params, lang);
  const link = noticeLink(note.kind, note.params) ?? (note.projectId ? `/projects/${note.projectId}` : null);
  return (
    <Card
      withBorder
      padding="sm"
      component="li"
      data-testid="notification"
      data-unread={unread}
      style={unread ? { borderLeft: '4px solid var(--mantine-color-red-8)' } : undefined}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs" wrap="wrap">
            {unread && (
              <Badge color="red.8" variant="filled" size="sm">
                {t('notes.unread')}
              </Badge>
            )}
            <Text fw={unread ? 700 : 500} component="h2" size="md" m={0}>
              {words.title}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            <DateTime iso={note.createdAt} />
          </Text>
        </Group>
        {words.body && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {words.body}
          </Text>
        )}
        <Group gap="sm" wrap="wrap">
          {note.dueAt && (
            <Text size="sm" c="dimmed">
              {t('notes.due', { at: formatDateTime(note.dueAt) })}
            </Text>
          )}
          {link && (
            <Anchor component={Link} to={link} size="sm">
              {t(linkLabel(link))}
            </Anchor>
          )}
          {unread ? (
            <Button
              size="xs"
              variant="default"
              loading={markRead.isPending}
              onClick={() => markRead.mutate(note.id)}
              aria-label={`${t('notes.markRead')}: ${words.title}`}
            >
              {t('notes.markRead')}
            </Button>
          ) : (
            <Text size="xs" c="dimmed">
              {t('notes.readAt', { at: formatDateTime(note.readAt) })}
            </Text>
          )}
        </Group>
        {markRead.isError && <ErrorState error={markRead.error} />}
      </Stack>
    </Card>
  );
}

function Notifications() {
  const { t } = useI18n();
  const [unreadOnly, setUnreadOnly] = useState(false);
  const query = useNotifications(unreadOnly);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const shown = query.data.pages.flatMap((page) => page.items);
  const unread = query.data.pages[0]?.unreadCount ?? 0;
  return (
    <Stack gap="sm">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" role="status">
          {t('nav.unread', { n: unread })}
        </Text>
        <Switch label={t('notes.unreadOnly')} checked={unreadOnly} onChange={(e) => setUnreadOnly(e.currentTarget.checked)} />
      </Group>
      {shown.length === 0 ? (
        <Empty title={t('notes.empty')} />
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {shown.map((n) => (
            <Note key={n.id} note={n} />
          ))}
        </Stack>
      )}
      <LoadMore query={query} />
    </Stack>
  );
}

/** The signed-in user's notifications, newest first, unread ones marked; each can be marked read. */
export default function NotificationsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('nav.notifications'));
  const { user } = useSession();
  return (
    <Stack gap="md" maw={800}>
      <Title order={1}>{t('nav.notifications')}</Title>
      {user ? (
        <>
          <Notifications />
          <MailPreferences />
        </>
      ) : (
        <Alert color="orange" role="alert" title={t('error.401')} maw={560}>
          <Anchor component={Link} to="/sign-in?next=%2Fnotifications">
            {t('nav.signIn')}
          </Anchor>
        </Alert>
      )}
    </Stack>
  );
}
