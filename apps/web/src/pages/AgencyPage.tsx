import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { useAgency } from '../api/agencies';
import { AgencyIdentityForm } from '../components/agencies/AgencyIdentityForm';
import { OfficersCard } from '../components/agencies/OfficersCard';
import { RequireRole } from '../components/RequireRole';
import { ErrorState, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';

function AgencyDetails({ id }: { id: string }) {
  const { t } = useI18n();
  const agency = useAgency(id);
  if (agency.isPending) return <Loading />;
  if (agency.isError) return <ErrorState error={agency.error} onRetry={() => void agency.refetch()} />;
  return (
    <Stack>
      <Title order={1}>{agency.data.name}</Title>
      <Text c="dimmed" ff="monospace">
        {agency.data.creditCode ?? t('agencies.unverified')}
      </Text>
      {/* keyed by the stored identity, so the form starts again from what was saved */}
      <AgencyIdentityForm key={`${agency.data.name}|${agency.data.creditCode}`} agency={agency.data} />
      <OfficersCard agency={agency.data} />
    </Stack>
  );
}

/** One agency organisation (admin): its name and code, and its officers. */
export default function AgencyPage() {
  const { t } = useI18n();
  // The agency's name is read only by an admin (below); the tab names the page.
  useDocumentTitle(t('agencies.title'));
  const { id = '' } = useParams();
  return (
    <RequireRole role="admin" message={t('agencies.adminOnly')}>
      <Stack>
        <Anchor component={Link} to="/agencies">
          ← {t('agencies.back')}
        </Anchor>
        <AgencyDetails id={id} />
      </Stack>
    </RequireRole>
  );
}
