import { Anchor } from '@mantine/core';
import { useState } from 'react';
import { QUEUE_DASHBOARD, openDashboardSession } from '../../api/jobs';
import { useI18n } from '../../i18n/i18n';

/**
 * The way into the third-party job-queue dashboard (/admin/queues, Bull Board, served by the api,
 * not by this app). A click opens a dashboard session first (POST /admin/queues/session with the
 * tab's bearer sets a short-lived HttpOnly cookie), then navigates. A plain navigation (a new tab,
 * a reload, an ended session) works too: the server sends it to /admin/jobs/board, which opens the
 * session and comes back.
 */
export function QueueDashboardLink() {
  const { t } = useI18n();
  const [failed, setFailed] = useState(false);
  const open = async (event: React.MouseEvent<HTMLAnchorElement>) => {
    // A new tab or window (modifier keys, middle click) is a plain navigation: let it be.
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    if (!(await openDashboardSession())) return setFailed(true);
    window.location.assign(QUEUE_DASHBOARD);
  };
  return (
    <Anchor href={QUEUE_DASHBOARD} onClick={(e) => void open(e)} aria-describedby={failed ? 'queues-failed' : undefined}>
      {t('jobs.advancedLink')}
      {failed && (
        <span id="queues-failed" role="alert">
          {' '}
          {t('jobs.advancedFailed')}
        </span>
      )}
    </Anchor>
  );
}
