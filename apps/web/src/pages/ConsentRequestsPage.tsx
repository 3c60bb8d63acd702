import { Stack, Text, Title } from '@mantine/core';
import { useConsentRequests } from '../api/consents';
import { useSession } from '../auth/session';
import { ConsentRequestCard } from '../components/consents/ConsentRequestCard';
import { RequireRole } from '../components/RequireRole';
import { Empty, ErrorState, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';

function Requests() {
  const { t } = useI18n();
  const { user } = useSession();
  const requests = useConsentRequests(user?.role === 'team');
  if (requests.isPending) return <Loading />;
  if (requests.isError) return <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />;
  if (requests.data.items.length === 0) return <Empty title={t('consents.none')} />;
  return (
    <Stack component="ul" gap="md" p={0} m={0} style={{ listStyle: 'none' }}>
      {requests.data.items.map((r) => (
        <ConsentRequestCard key={r.id} request={r} />
      ))}
    </Stack>
  );
}

/** A member organisation's consortium requests: the bids that name it, to accept or decline before the deadline. */
export default function ConsentRequestsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('consents.title'));
  return (
    <RequireRole role="team" message={t('consents.teamOnly')}>
      <Stack gap="lg" maw={960}>
        <div>
          <Title order={1}>{t('consents.title')}</Title>
          <Text size="sm" c="dimmed">
            {t('consents.intro')}
          </Text>
        </div>
        <Requests />
      </Stack>
    </RequireRole>
  );
}
