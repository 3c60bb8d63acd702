import { Anchor, Badge, Button, Card, Code, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { Fact } from './Fact';
import { ConsortiumMembers } from './ConsortiumMembers';
import type { BidView } from '../api/bids';
import { documentsOf } from '../api/documents';
import { DocumentList } from './documents/DocumentList';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { DateTime, Money } from './format';
import { WideTable } from './WideTable';
import { saveBlob } from '../api/raw-fetch';
import classes from './BidReceipt.module.css';
import { receiptCheckPath, receiptFile, receiptPagePath } from './receipt-file';

export function BidStatusBadge({ status }: { status: BidView['status'] }) {
  const { t } = useI18n();
  const color = status === 'withdrawn' ? 'gray' : status === 'rejected' ? 'red' : 'green';
  return (
    <Badge variant="light" color={color} c="dark.7">
      {t(`bidStatus.${status}` as MessageKey)}
    </Badge>
  );
}

/** Print (the page's print style keeps only the receipt) and download (the hash and how to verify it, no content). */
function ReceiptActions({ bid }: { bid: BidView }) {
  const { t, lang } = useI18n();
  const download = () => {
    const file = receiptFile(bid, window.location.origin, t, lang);
    saveBlob(new Blob([file.text], { type: 'application/json' }), file.name);
  };
  return (
    <Group gap="xs" className={classes.noPrint}>
      <Button size="xs" variant="default" onClick={() => window.print()} data-testid="receipt-print">
        {t('receipt.print')}
      </Button>
      <Button size="xs" variant="default" onClick={download} data-testid="receipt-download">
        {t('receipt.download')}
      </Button>
    </Group>
  );
}

/** Where and how a receipt is checked, printed with it: the app's check page first, the API's address after it. */
function ReceiptVerify({ bid }: { bid: BidView }) {
  const { t } = useI18n();
  const page = receiptPagePath(bid.receipt.hash);
  return (
    <Stack gap={4} data-testid="receipt-verify">
      <Text size="sm" fw={600}>
        {t('receipt.verifyTitle')}
      </Text>
      <Text size="sm">
        {t('receipt.verifyRoute')}{' '}
        <Anchor component={Link} to={page} data-testid="receipt-check-link">
          {t('receipt.checkLink')}
        </Anchor>{' '}
        <Text span size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          ({window.location.origin}
          {page})
        </Text>
      </Text>
      <Text size="xs" c="dimmed">
        {t('receipt.apiRoute')} <Code style={{ wordBreak: 'break-all' }}>GET {receiptCheckPath(bid.receipt.hash)}</Code>
      </Text>
      <Text size="xs" c="dimmed">
        {t('receipt.verifyHint')}
      </Text>
    </Stack>
  );
}

/** The receipt of a bid: the SHA-256 of its canonical form and the server's time, as issued; printable, downloadable. */
export function BidReceipt({ bid }: { bid: BidView }) {
  const { t } = useI18n();
  const documents = documentsOf(bid);
  return (
    <Card
      withBorder
      padding="md"
      data-testid="bid-receipt"
      component="section"
      aria-labelledby="receipt-title"
      className={classes.printable}
    >
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h4" id="receipt-title">
            {t('bid.receipt.title')}
          </Title>
          <Group gap="xs">
            <BidStatusBadge status={bid.status} />
            <ReceiptActions bid={bid} />
          </Group>
        </Group>
        <Text size="sm" c="dimmed">
          {t('bid.receipt.hint')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="xs">
          <Fact label={`${t('bid.receipt.hash')} (${bid.receipt.algorithm}, ${bid.receipt.canonicalization})`}>
            <Code data-testid="receipt-hash" style={{ wordBreak: 'break-all' }}>
              {bid.receipt.hash}
            </Code>
          </Fact>
          <Fact label={t('bid.receipt.serverTime')} testId="receipt-time">
            <DateTime iso={bid.receipt.serverTime} /> ({t('common.tz')}) · {bid.receipt.serverTime}
          </Fact>
          <Fact label={t('bid.revision')}>{bid.revision}</Fact>
          <Fact label={t('receipt.challenge')}>
            <Code>{bid.challengeId}</Code>
          </Fact>
          <Fact label={t('receipt.bid')}>
            <Code>{bid.id}</Code>
          </Fact>
          <Fact label={t('bid.requested')}>
            <Money fen={bid.requestedFundingFen} /> / <Money fen={bid.totalInvestmentFen} />
          </Fact>
        </SimpleGrid>
        {documents.length > 0 && (
          <DocumentList
            documents={documents}
            caption={t('bid.docs.receipt', { n: documents.length })}
            testId="receipt-documents"
          />
        )}
        <ReceiptVerify bid={bid} />
      </Stack>
    </Card>
  );
}

/**
 * The contents of a bid (its team, or after the deadline its agency and reviewers); `withDocuments`
 * lists its files too, where no receipt above already does.
 */
export function BidDetails({ bid, withDocuments = false }: { bid: BidView; withDocuments?: boolean }) {
  const { t } = useI18n();
  const documents = withDocuments ? documentsOf(bid) : [];
  return (
    <Stack gap="sm">
      <Text style={{ whiteSpace: 'pre-wrap' }}>{bid.proposal.text}</Text>
      {bid.proposal.approach?.map((a) => (
        <Text key={a.metric} size="sm">
          <b>{a.metric}</b>: {a.plan}
        </Text>
      ))}
      <WideTable minWidth={480}>
        <Table withTableBorder striped>
          <Table.Caption>{t('bid.milestones')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">#</Table.Th>
              <Table.Th scope="col">{t('bid.milestone.title')}</Table.Th>
              <Table.Th scope="col">{t('bid.milestone.dueAt')}</Table.Th>
              <Table.Th scope="col">{t('bid.milestone.tranche')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[...bid.milestones]
              .sort((a, b) => a.seq - b.seq)
              .map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>{m.seq + 1}</Table.Td>
                  <Table.Td>{m.title}</Table.Td>
                  <Table.Td>
                    <DateTime iso={m.dueAt} />
                  </Table.Td>
                  <Table.Td>
                    <Money fen={m.trancheFen} />
                  </Table.Td>
                </Table.Tr>
              ))}
          </Table.Tbody>
        </Table>
      </WideTable>
      {documents.length > 0 && <DocumentList documents={documents} caption={t('bid.docs.receipt', { n: documents.length })} />}
      {bid.consortium.length > 0 && (
        <ConsortiumMembers
          label={t('bid.consortium')}
          members={bid.consortium}
          roleLabel={(role) => t(`bid.role.${role}` as MessageKey)}
        />
      )}
    </Stack>
  );
}
