import { Alert, Anchor, Button, Card, Group, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useAnswerConsent, type ConsentRequest } from '../../api/consents';
import { problemMessages } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { useConfirm } from '../feedback/ConfirmDialog';
import { notify } from '../feedback/notify';
import { Fact } from '../Fact';
import { DateTime } from '../format';
import { ErrorState } from '../states';
import { ConsentBadge } from './ConsentBadge';

/** Accept or decline (with an optional reason), each after a confirmation that says what follows. */
function Answer({ request }: { request: ConsentRequest }) {
  const { t, lang } = useI18n();
  const answer = useAnswerConsent();
  const { confirm, dialog } = useConfirm();
  const [reason, setReason] = useState('');
  const words = { title: request.challengeTitle, lead: request.leadOrganizationName, share: request.sharePercent };
  const accept = async () => {
    const ok = await confirm({
      title: t('consents.confirm.acceptTitle', words),
      body: t('consents.confirm.acceptBody', words),
      confirmLabel: t('consents.accept'),
    });
    if (ok) answer.mutate({ id: request.id, verb: 'accept' }, { onSuccess: () => notify({ title: t('consents.accepted') }) });
  };
  const decline = async () => {
    const ok = await confirm({
      title: t('consents.confirm.declineTitle', words),
      body: t('consents.confirm.declineBody', words),
      confirmLabel: t('consents.decline'),
      danger: true,
    });
    const text = reason.trim();
    if (ok)
      answer.mutate(
        { id: request.id, verb: 'decline', reason: text || undefined },
        { onSuccess: () => notify({ title: t('consents.declined') }) },
      );
  };
  return (
    <Stack gap="xs">
      <Textarea
        label={t('consents.reason')}
        maxLength={1000}
        autosize
        minRows={2}
        value={reason}
        onChange={(e) => setReason(e.currentTarget.value)}
      />
      <Group>
        {request.state !== 'accepted' && (
          <Button loading={answer.isPending} onClick={() => void accept()}>
            {t('consents.accept')}
          </Button>
        )}
        {request.state !== 'declined' && (
          <Button color="red.9" variant="outline" loading={answer.isPending} onClick={() => void decline()}>
            {t('consents.decline')}
          </Button>
        )}
      </Group>
      {answer.isError && <ErrorState error={answer.error} messages={problemMessages(answer.error, lang)} />}
      {dialog}
    </Stack>
  );
}

/** One request: the challenge, the lead, this organisation's share, the state; the answer while it may be given. */
export function ConsentRequestCard({ request }: { request: ConsentRequest }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="md" component="li" data-testid="consent-request">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h4">
            <Anchor component={Link} to={`/challenges/${request.challengeId}`}>
              {request.challengeTitle}
            </Anchor>
          </Title>
          <ConsentBadge state={request.state} />
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="xs">
          <Fact label={t('consents.lead')}>{request.leadOrganizationName}</Fact>
          <Fact label={t('consents.share')}>{request.sharePercent}%</Fact>
          <Fact label={t('consents.deadline')}>
            <DateTime iso={request.bidDeadline} />
          </Fact>
          <Fact label={t('consents.askedAt')}>
            <DateTime iso={request.askedAt} />
          </Fact>
        </SimpleGrid>
        {request.reason && <Text size="sm">{t('consents.yourReason', { reason: request.reason })}</Text>}
        {request.answerable ? <Answer request={request} /> : <Alert color="gray">{t('consents.closed')}</Alert>}
      </Stack>
    </Card>
  );
}
