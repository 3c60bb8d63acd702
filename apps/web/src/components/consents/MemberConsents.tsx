import { Alert, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import type { BidView } from '../../api/bids';
import { useI18n } from '../../i18n/i18n';
import { DateTime } from '../format';
import { ConsentBadge } from './ConsentBadge';

/**
 * The lead's view of its consortium's consent: each member's state (and a decline's reason), and
 * the warning that the bid is not opened at the deadline unless every member accepts.
 */
export function MemberConsents({ bid }: { bid: BidView }) {
  const { t } = useI18n();
  if (bid.withdrawnReason === 'consortium_consent_missing') {
    return (
      <Alert color="red" variant="light" data-testid="bid-not-opened">
        {t('consents.notOpened')}
      </Alert>
    );
  }
  if (bid.consents.length === 0) return null;
  const word = bid.consortiumConsent;
  return (
    <Card withBorder padding="md" data-testid="member-consents">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('consents.members.title')}
        </Title>
        <Alert color={word === 'complete' ? 'teal' : word === 'declined' ? 'red' : 'yellow'} variant="light">
          {word === 'complete' ? t('consents.members.complete') : t('consents.members.warning')}
          {word === 'declined' && <Text size="sm">{t('consents.members.declined')}</Text>}
        </Alert>
        <Table.ScrollContainer minWidth={480}>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('consents.members.organization')}</Table.Th>
                <Table.Th>{t('consents.members.share')}</Table.Th>
                <Table.Th>{t('consents.members.state')}</Table.Th>
                <Table.Th>{t('consents.decidedAt')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {bid.consents.map((c) => (
                <Table.Tr key={c.organizationId} data-testid="member-consent">
                  <Table.Td>{c.organizationName}</Table.Td>
                  <Table.Td>{c.sharePercent}%</Table.Td>
                  <Table.Td>
                    <Group gap="xs">
                      <ConsentBadge state={c.state} />
                      {c.reason && <Text size="sm">{t('consents.members.reason', { reason: c.reason })}</Text>}
                    </Group>
                  </Table.Td>
                  <Table.Td>{c.decidedAt ? <DateTime iso={c.decidedAt} /> : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Card>
  );
}
