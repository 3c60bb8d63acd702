import { Alert, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useVerification } from '../../api/audit';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { formatDateTime } from '../../lib/time';
import { ErrorState, Loading } from '../states';

/** The verification status of every chain, or of one challenge's chain, with a button to verify again. */
export function VerificationCard({ challengeId }: { challengeId?: string }) {
  const { t } = useI18n();
  const verify = useVerification(challengeId);
  let body;
  if (verify.isPending) body = <Loading />;
  else if (verify.isError) body = <ErrorState error={verify.error} onRetry={() => void verify.refetch()} />;
  else {
    const v = verify.data;
    const broken = v.firstBroken;
    body = (
      <Stack gap="xs">
        {broken ? (
          <Alert color="red" role="alert" data-testid="verify-status" data-ok="false">
            {t('audit.verify.broken', {
              chain: broken.chain,
              seq: broken.seq,
              reason: t(`audit.reason.${broken.reason}` as MessageKey),
            })}
          </Alert>
        ) : (
          <Alert color="green" data-testid="verify-status" data-ok="true">
            {t(challengeId ? 'audit.verify.chainOk' : 'audit.verify.ok')}
          </Alert>
        )}
        <Text size="sm">{t('audit.verify.summary', { chains: v.chains, entries: v.entries, checked: v.checked })}</Text>
        <Text size="xs" c="dimmed">
          {t('audit.verify.at', { at: formatDateTime(v.checkedAt) })}
        </Text>
      </Stack>
    );
  }
  return (
    <Card withBorder component="section" aria-labelledby="verify-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="verify-title">
          {t('audit.verify.title')}
        </Title>
        <Button size="xs" variant="default" loading={verify.isFetching} onClick={() => void verify.refetch()}>
          {t('audit.verify.again')}
        </Button>
      </Group>
      {body}
    </Card>
  );
}
