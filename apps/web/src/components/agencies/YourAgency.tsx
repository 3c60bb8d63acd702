import { Alert, Text } from '@mantine/core';
import { useOrganization } from '../../api/bids';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';

/** The agency organisation the signed-in officer acts for (its name and code), or why they act for none. */
export function YourAgency() {
  const { t } = useI18n();
  const { user } = useSession();
  const organization = useOrganization(user?.organizationId);
  if (user?.role !== 'agency') return null;
  if (!user.organizationId) {
    return (
      <Alert color="orange" role="alert">
        {t('agency.none')}
      </Alert>
    );
  }
  if (!organization.data) return null;
  return (
    <Text c="dimmed" size="sm" data-testid="your-agency">
      {t('agency.yourAgency', { name: organization.data.name })}
      {' · '}
      {organization.data.creditCode
        ? t('agency.yourAgencyCode', { code: organization.data.creditCode })
        : t('agencies.unverified')}
    </Text>
  );
}
