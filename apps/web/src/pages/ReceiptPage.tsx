import { Alert, Anchor, Button, Card, Code, Group, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { problemOf } from '../api/problem';
import { useChallenge } from '../api/queries';
import { RECEIPT_HASH, normaliseReceiptHash, useReceiptCheck, type ReceiptCheck } from '../api/receipts';
import { Fact } from '../components/Fact';
import { DateTime } from '../components/format';
import { receiptPagePath } from '../components/receipt-file';
import { ErrorState, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { useDocumentTitle } from '../lib/useDocumentTitle';

const STATE_WORDS: Record<ReceiptCheck['state'], MessageKey> = {
  live: 'receipt.check.live',
  withdrawn: 'receipt.check.withdrawn',
  replaced: 'receipt.check.replaced',
};

/** The challenge a receipt belongs to, by its title when the public page of it answers (else its id). */
function ChallengeName({ id }: { id: string }) {
  const challenge = useChallenge(id);
  return (
    <Anchor component={Link} to={`/challenges/${id}`} c="red.9">
      {challenge.data?.title ?? <Code>{id}</Code>}
    </Anchor>
  );
}

/** What the server answered of a receipt: its state in words, the challenge, and when it was issued (and superseded). */
function ReceiptAnswer({ check }: { check: ReceiptCheck }) {
  const { t } = useI18n();

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="receipt-result" data-testid="receipt-result">
      <Stack gap="sm">
        <Title order={2} size="h4" id="receipt-result">
          {t('receipt.check.result')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="xs">
          <Fact label={t('receipt.check.state')} testId="receipt-state">
            <Text fw={600} size="sm" data-state={check.state}>
              {t(STATE_WORDS[check.state])}
            </Text>
          </Fact>
          <Fact label={t('receipt.check.challenge')}>
            <ChallengeName id={check.challengeId} />
          </Fact>
          <Fact label={t('receipt.check.serverTime')} testId="receipt-issued">
            <DateTime iso={check.serverTime} />
          </Fact>
          {check.replacedAt && (
            <Fact label={t('receipt.check.replacedAt')} testId="receipt-replaced-at">
              <DateTime iso={check.replacedAt} />
            </Fact>
          )}
          <Fact label={t('bid.receipt.hash')}>
            <Code style={{ wordBreak: 'break-all' }}>{check.hash}</Code>
          </Fact>
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('receipt.check.privacy')}
        </Text>
      </Stack>
    </Card>
  );
}

/** The answer for the hash in the address: asked only when it is well formed; a 404 is worded, not an error page. */
function Answer({ hash }: { hash: string }) {
  const { t } = useI18n();
  const check = useReceiptCheck(hash);
  if (!RECEIPT_HASH.test(hash))
    return (
      <Alert color="red" variant="light" role="alert" data-testid="receipt-invalid">
        {t('receipt.check.invalid', { n: hash.length })}
      </Alert>
    );
  if (check.isPending) return <Loading />;
  if (check.isError) {
    if (problemOf(check.error).status === 404)
      return (
        <Alert color="orange" variant="light" role="alert" title={t('error.404')} data-testid="receipt-not-found">
          {t('receipt.check.notFound')}
        </Alert>
      );
    return <ErrorState error={check.error} onRetry={() => void check.refetch()} />;
  }
  return <ReceiptAnswer check={check.data} />;
}

/**
 * Anyone checks a bid receipt here (公开): paste the hash, see which challenge it belongs to, when it
 * was issued and whether the bid still stands — never who bid or what. The hash lives in the address
 * (/receipts/{hash}), so a printed receipt's link opens straight on its answer.
 */
export default function ReceiptPage() {
  const { t } = useI18n();
  const { hash: fromPath } = useParams();
  const navigate = useNavigate();
  const [text, setText] = useState(fromPath ?? '');
  const hash = fromPath ? normaliseReceiptHash(fromPath) : null;
  useDocumentTitle(t('receipt.check.title'));
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const wanted = normaliseReceiptHash(text);
    if (wanted) void navigate(receiptPagePath(wanted));
  };
  return (
    <Stack maw={900}>
      <Title order={1}>{t('receipt.check.title')}</Title>
      <Text c="dimmed">{t('receipt.check.intro')}</Text>
      <form onSubmit={submit} aria-label={t('receipt.check.title')}>
        <Group align="flex-end" wrap="wrap">
          <TextInput
            label={t('receipt.check.hash')}
            description={t('receipt.check.hashHint')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            style={{ flex: '1 1 420px' }}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
            spellCheck={false}
            autoComplete="off"
            maxLength={200}
            required
          />
          <Button type="submit">{t('receipt.check.submit')}</Button>
        </Group>
      </form>
      {hash !== null && <Answer key={hash} hash={hash} />}
    </Stack>
  );
}
