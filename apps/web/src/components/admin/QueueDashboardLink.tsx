import { useState } from 'react';
import { bearerToken } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import classes from '../Layout.module.css';

/**
 * The admin's way into the job-queue dashboard (/admin/queues, served by the api, not by this app).
 * A browser cannot send the bearer header on a plain navigation, so this first opens a dashboard
 * session (POST /admin/queues/session with the header sets a short-lived cookie), then navigates.
 */
export function QueueDashboardLink({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const open = async (event: React.MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    const token = bearerToken();
    const res = await fetch('/admin/queues/session', {
      method: 'POST',
      headers: token ? { authorization: `Bearer ${token}` } : {},
    }).catch(() => null);
    if (!res?.ok) return setFailed(true);
    onNavigate?.();
    window.location.assign('/admin/queues');
  };
  return (
    <a
      href="/admin/queues"
      className={classes.link}
      onClick={(e) => void open(e)}
      aria-describedby={failed ? 'queues-failed' : undefined}
    >
      {t('nav.queues')}
      {failed && (
        <span id="queues-failed" role="alert">
          {' '}
          {t('nav.queuesFailed')}
        </span>
      )}
    </a>
  );
}
