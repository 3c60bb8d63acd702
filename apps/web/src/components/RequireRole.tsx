import { Alert, Anchor, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import type { User } from '../api/client';
import { useSession } from '../auth/session';
import { useI18n } from '../i18n/i18n';

/** Shows its children only to a signed-in user of the role; others are told why (and where to sign in). */
export function RequireRole({ role, children, message }: { role: User['role']; children: ReactNode; message?: string }) {
  const { t } = useI18n();
  const { user } = useSession();
  const location = useLocation();
  if (user?.role === role) return <>{children}</>;
  return (
    <Stack maw={560}>
      <Alert color="orange" role="alert" title={user ? t('error.403') : t('error.401')}>
        {message ?? t('new.agencyOnly')}{' '}
        {!user && (
          <Anchor component={Link} to={`/sign-in?next=${encodeURIComponent(location.pathname)}`}>
            {t('nav.signIn')}
          </Anchor>
        )}
      </Alert>
    </Stack>
  );
}
