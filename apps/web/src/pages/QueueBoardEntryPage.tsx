import { Alert, Anchor, Button, Group, Stack, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { dashboardReturnPath, openDashboardSession } from '../api/jobs';
import { useSession } from '../auth/session';
import { RequireRole } from '../components/RequireRole';
import { Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** When the last session was opened from this tab: coming back within this long means the browser dropped the cookie. */
const LAST_OPENED = 'jiebang.queues.opened';
const LOOP_MS = 15_000;

type State = 'opening' | 'failed' | 'dropped';

/**
 * /admin/jobs/board?next=/admin/queues/…: where the api sends a browser that asked for a page of
 * the queue dashboard without a live dashboard session (a reload after it ended, a new tab, a
 * bookmark). Signed out, it goes to the sign-in page and comes back here; signed in as an admin,
 * it opens a dashboard session with this tab's sign-in and goes back to the page asked for. If the
 * browser comes straight back (it did not keep the cookie), it says so instead of going round.
 */
function Entry() {
  const { t } = useI18n();
  const [search] = useSearchParams();
  const next = dashboardReturnPath(search.get('next'));
  const [state, setState] = useState<State>(() =>
    Date.now() - Number(sessionStorage.getItem(LAST_OPENED) ?? 0) < LOOP_MS ? 'dropped' : 'opening',
  );
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    if (state !== 'opening') return;
    let live = true;
    void openDashboardSession().then((ok) => {
      if (!live) return;
      if (!ok) return setState('failed');
      sessionStorage.setItem(LAST_OPENED, String(Date.now()));
      window.location.replace(next);
    });
    return () => {
      live = false;
    };
  }, [next, attempt, state]);
  if (state === 'opening') return <Loading label={t('jobs.boardOpening')} />;
  return (
    <Stack maw={640}>
      <Alert color="red" role="alert" title={t('common.error')}>
        {t(state === 'dropped' ? 'jobs.boardCookieDropped' : 'jobs.boardFailed')}
      </Alert>
      <Group>
        <Button
          variant="default"
          onClick={() => {
            sessionStorage.removeItem(LAST_OPENED);
            setState('opening');
            setAttempt((n) => n + 1);
          }}
        >
          {t('jobs.boardTryAgain')}
        </Button>
        <Anchor component={Link} to="/admin/jobs">
          {t('jobs.boardBack')}
        </Anchor>
      </Group>
    </Stack>
  );
}

export default function QueueBoardEntryPage() {
  const { t } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  const navigate = useNavigate();
  useDocumentTitle(t('jobs.boardTitle'));
  const signedOut = !user;
  useEffect(() => {
    // Signed out (a new tab has no sign-in of its own): sign in, then come back here.
    if (signedOut) void navigate(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`, { replace: true });
  }, [signedOut, navigate, location.pathname, location.search]);
  if (signedOut) return <Loading />;
  return (
    <RequireRole role="admin" message={t('jobs.adminOnly')}>
      <Stack>
        <Title order={1}>{t('jobs.boardTitle')}</Title>
        <Entry />
      </Stack>
    </RequireRole>
  );
}
