import { Badge, VisuallyHidden } from '@mantine/core';
import { useUnreadCount } from '../../api/portfolio';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';

/** The number of unread notifications next to the menu link (nothing when there are none). */
export function UnreadBadge() {
  const { t } = useI18n();
  const { user } = useSession();
  const unread = useUnreadCount(!!user);
  const n = unread.data ?? 0;
  if (n === 0) return null;
  return (
    <Badge
      size="xs"
      circle={n < 10}
      color="red.8"
      variant="filled"
      ml={4}
      data-testid="unread-badge"
      // Mantine's badge is an inline-grid with overflow hidden, which counts for nothing in the link's
      // intrinsic width: the badge would wrap below the link's text.
      style={{ display: 'inline-flex', overflow: 'visible', verticalAlign: 'middle' }}
    >
      <span aria-hidden>{n > 99 ? '99+' : n}</span>
      <VisuallyHidden>{t('nav.unread', { n })}</VisuallyHidden>
    </Badge>
  );
}
