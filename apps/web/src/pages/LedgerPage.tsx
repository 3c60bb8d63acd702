import { Alert, Anchor, Button, Group, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { useLedger, type LedgerView } from '../api/portfolio';
import { saveBlob } from '../api/raw-fetch';
import { useSession } from '../auth/session';
import { Money } from '../components/format';
import { Figure } from '../components/portfolio/Figure';
import { ledgerCsv } from '../components/portfolio/ledger-csv';
import { ScrollRegion } from '../components/portfolio/ScrollRegion';
import { Empty, ErrorState, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { useIndustryName } from '../lib/useIndustryName';
import { formatDateTime } from '../lib/time';
import { useDocumentTitle } from '../lib/useDocumentTitle';

const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

function MoneyTd({ fen, testId }: { fen: number; testId?: string }) {
  return (
    <Table.Td ta="right" style={num} data-testid={testId}>
      <Money fen={fen} />
    </Table.Td>
  );
}

function LedgerTable({ id, title, head, children }: { id: string; title: string; head: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="xs">
        {title}
      </Title>
      <ScrollRegion label={title} minWidth={560}>
        <Table striped withTableBorder data-testid={id}>
          <Table.Thead>
            <Table.Tr>{head}</Table.Tr>
          </Table.Thead>
          <Table.Tbody>{children}</Table.Tbody>
        </Table>
      </ScrollRegion>
    </section>
  );
}

/** Column headers: text columns left, figures right. */
const th = (label: string, right = false) => (
  <Table.Th scope="col" ta={right ? 'right' : undefined}>
    {label}
  </Table.Th>
);

/** Downloads the three tables as one CSV, headed in the reader's language. */
function useLedgerCsv(ledger: LedgerView) {
  const { t } = useI18n();
  const industry = useIndustryName();
  return () => {
    const text = ledgerCsv(ledger, {
      byChallenge: t('ledger.byChallenge'),
      byIndustry: t('ledger.byIndustry'),
      byYear: t('ledger.byYear'),
      challenge: t('ledger.challenge'),
      industry: t('ledger.industry'),
      year: t('ledger.year'),
      projects: t('pf.projects'),
      budget: t('ledger.budget'),
      awarded: t('ledger.awarded'),
      paid: t('ledger.paid'),
      left: t('ledger.left'),
      total: t('ledger.total'),
      yuan: ` (${t('common.yuan')})`,
      industryName: industry,
    });
    saveBlob(new Blob([text], { type: 'text/csv;charset=utf-8' }), `ledger-${(ledger.asOf ?? '').slice(0, 10) || 'export'}.csv`);
  };
}

function LedgerFigures({ ledger, budget }: { ledger: LedgerView; budget: number }) {
  const { t } = useI18n();
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} component="dl" spacing="sm" m={0}>
      <Figure label={t('ledger.awarded')} testId="ledger-awarded">
        <Money fen={ledger.totals.awardedFen} />
      </Figure>
      <Figure label={t('ledger.paid')} testId="ledger-paid">
        <Money fen={ledger.totals.paidFen} />
      </Figure>
      <Figure label={t('ledger.left')} testId="ledger-left">
        <Money fen={budget - ledger.totals.awardedFen} />
      </Figure>
    </SimpleGrid>
  );
}

function ByChallengeTable({ ledger, budget }: { ledger: LedgerView; budget: number }) {
  const { t } = useI18n();
  const industry = useIndustryName();
  return (
    <LedgerTable
      id="ledger-by-challenge"
      title={t('ledger.byChallenge')}
      head={
        <>
          {th(t('ledger.challenge'))}
          {th(t('ledger.industry'))}
          {th(t('pf.projects'), true)}
          {th(t('ledger.budget'), true)}
          {th(t('ledger.awarded'), true)}
          {th(t('ledger.paid'), true)}
          {th(t('ledger.left'), true)}
        </>
      }
    >
      {ledger.byChallenge.map((c) => (
        <Table.Tr key={c.challengeId} data-challenge-id={c.challengeId}>
          <Table.Th scope="row" fw={500}>
            <Anchor component={Link} to={`/challenges/${c.challengeId}`} size="sm" c="red.9">
              {c.title}
            </Anchor>
          </Table.Th>
          <Table.Td>{industry(c.industry)}</Table.Td>
          <Table.Td ta="right" style={num}>
            <Anchor
              component={Link}
              to={`/portfolio?challengeId=${c.challengeId}`}
              size="sm"
              c="red.9"
              aria-label={t('ledger.projectsOf', { n: c.projects, title: c.title })}
            >
              {c.projects}
            </Anchor>
          </Table.Td>
          <MoneyTd fen={c.budgetFen} />
          <MoneyTd fen={c.awardedFen} />
          <MoneyTd fen={c.paidFen} />
          <MoneyTd fen={c.budgetFen - c.awardedFen} />
        </Table.Tr>
      ))}
      <Table.Tr fw={700}>
        <Table.Th scope="row">{t('ledger.total')}</Table.Th>
        <Table.Td />
        <Table.Td ta="right" style={num}>
          {ledger.byChallenge.reduce((s, c) => s + c.projects, 0)}
        </Table.Td>
        <MoneyTd fen={budget} />
        <MoneyTd fen={ledger.totals.awardedFen} />
        <MoneyTd fen={ledger.totals.paidFen} />
        <MoneyTd fen={budget - ledger.totals.awardedFen} />
      </Table.Tr>
    </LedgerTable>
  );
}

function ByIndustryTable({ ledger }: { ledger: LedgerView }) {
  const { t } = useI18n();
  const industry = useIndustryName();
  return (
    <LedgerTable
      id="ledger-by-industry"
      title={t('ledger.byIndustry')}
      head={
        <>
          {th(t('ledger.industry'))}
          {th(t('pf.projects'), true)}
          {th(t('ledger.awarded'), true)}
          {th(t('ledger.paid'), true)}
        </>
      }
    >
      {ledger.byIndustry.map((i) => (
        <Table.Tr key={i.industry}>
          <Table.Th scope="row" fw={500}>
            {industry(i.industry)}
          </Table.Th>
          <Table.Td ta="right" style={num}>
            {i.projects}
          </Table.Td>
          <MoneyTd fen={i.awardedFen} />
          <MoneyTd fen={i.paidFen} />
        </Table.Tr>
      ))}
    </LedgerTable>
  );
}

function ByYearTable({ ledger }: { ledger: LedgerView }) {
  const { t } = useI18n();
  return (
    <LedgerTable
      id="ledger-by-year"
      title={t('ledger.byYear')}
      head={
        <>
          {th(t('ledger.year'))}
          {th(t('ledger.awarded'), true)}
          {th(t('ledger.paid'), true)}
        </>
      }
    >
      {ledger.byYear.map((r) => (
        <Table.Tr key={r.year}>
          <Table.Th scope="row" fw={500}>
            {r.year}
          </Table.Th>
          <MoneyTd fen={r.awardedFen} />
          <MoneyTd fen={r.paidFen} />
        </Table.Tr>
      ))}
    </LedgerTable>
  );
}

function Ledger({ ledger }: { ledger: LedgerView }) {
  const { t } = useI18n();
  const budget = ledger.byChallenge.reduce((s, c) => s + c.budgetFen, 0);
  const csv = useLedgerCsv(ledger);

  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap">
        {ledger.asOf && (
          <Text size="sm" c="dimmed">
            {t('ledger.asOf', { at: formatDateTime(ledger.asOf) })}
          </Text>
        )}
        <Button variant="default" size="sm" onClick={csv} disabled={ledger.byChallenge.length === 0}>
          {t('ledger.csv')}
        </Button>
      </Group>
      <LedgerFigures ledger={ledger} budget={budget} />

      {ledger.byChallenge.length === 0 ? (
        <Empty title={t('ledger.empty')} />
      ) : (
        <>
          <ByChallengeTable ledger={ledger} budget={budget} />

          <ByIndustryTable ledger={ledger} />

          <ByYearTable ledger={ledger} />
        </>
      )}
    </Stack>
  );
}

/** The agency's money ledger: awarded and paid per challenge, industry and year; budget left; CSV download. */
export default function LedgerPage() {
  const { t } = useI18n();
  useDocumentTitle(t('nav.ledger'));
  const { user } = useSession();
  const allowed = user?.role === 'agency' || user?.role === 'admin';
  const query = useLedger(allowed);
  let body: ReactNode;
  if (!allowed)
    body = (
      <Alert color="orange" role="alert" title={user ? t('error.403') : t('error.401')} maw={560}>
        {t('ledger.staffOnly')}{' '}
        {!user && (
          <Anchor component={Link} to="/sign-in?next=%2Fagency%2Fledger">
            {t('nav.signIn')}
          </Anchor>
        )}
      </Alert>
    );
  else if (query.isPending) body = <Loading />;
  else if (query.isError) body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else body = <Ledger ledger={query.data} />;
  return (
    <Stack gap="md" maw={1100}>
      <Title order={1}>{t('nav.ledger')}</Title>
      {body}
    </Stack>
  );
}
