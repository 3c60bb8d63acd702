import { Anchor, List, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useOpenDataStats, type OpenDataStats } from '../api/portfolio';
import { Money } from '../components/format';
import { ChallengesByStatus, MoneyBars } from '../components/open-data/OpenDataCharts';
import { Figure } from '../components/portfolio/Figure';
import { ScrollRegion } from '../components/portfolio/ScrollRegion';
import { Empty, ErrorState, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { formatBp } from '../lib/money';
import { useIndustryName } from '../lib/useIndustryName';
import { formatDateTime } from '../lib/time';
import { useDocumentTitle } from '../lib/useDocumentTitle';

type Group = OpenDataStats['byIndustry'][number];
const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

function GroupTable({
  id,
  title,
  keyLabel,
  rows,
  name,
  chart,
}: {
  id: string;
  title: string;
  keyLabel: string;
  rows: Group[];
  name: (key: string) => string;
  /** A drawing of the same figures, shown above the table. */
  chart?: ReactNode;
}) {
  const { t } = useI18n();
  const right = (label: string) => (
    <Table.Th scope="col" ta="right">
      {label}
    </Table.Th>
  );
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h3" id={id} mb="xs">
        {title}
      </Title>
      {chart}
      <ScrollRegion label={title} minWidth={640}>
        <Table striped withTableBorder data-testid={id}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{keyLabel}</Table.Th>
              {right(t('od.challenges'))}
              {right(t('od.budget'))}
              {right(t('od.bids'))}
              {right(t('od.awards'))}
              {right(t('od.awarded'))}
              {right(t('od.paid'))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.key}>
                <Table.Th scope="row" fw={500}>
                  {name(r.key)}
                </Table.Th>
                <Table.Td ta="right" style={num}>
                  {r.challenges}
                </Table.Td>
                <Table.Td ta="right" style={num}>
                  <Money fen={r.budgetFen} />
                </Table.Td>
                <Table.Td ta="right" style={num}>
                  {r.bids}
                </Table.Td>
                <Table.Td ta="right" style={num}>
                  {r.awards}
                </Table.Td>
                <Table.Td ta="right" style={num}>
                  <Money fen={r.awardedFen} />
                </Table.Td>
                <Table.Td ta="right" style={num}>
                  <Money fen={r.paidFen} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
    </section>
  );
}

/** How far the horse races' awarded projects got: awarded, each stage passed, completed. */
function HorseRaceTable({ stages }: { stages: OpenDataStats['horseRace']['stages'] }) {
  const { t } = useI18n();
  const stage = (key: string) => {
    const n = /^stage_(\d+)$/.exec(key)?.[1];
    if (n) return t('od.stage.n', { n });
    return key === 'awarded' || key === 'active' || key === 'completed' ? t(`od.stage.${key}`) : key;
  };
  return (
    <section aria-labelledby="od-race">
      <Title order={2} size="h3" id="od-race" mb="xs">
        {t('od.horseRace')}
      </Title>
      <Table striped withTableBorder maw={560} data-testid="od-race">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('od.stage')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('od.awards')}
            </Table.Th>
            <Table.Th scope="col" ta="right">
              {t('od.share')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {stages.map((s) => (
            <Table.Tr key={s.stage}>
              <Table.Th scope="row" fw={500}>
                {stage(s.stage)}
              </Table.Th>
              <Table.Td ta="right" style={num}>
                {s.projects}
              </Table.Td>
              <Table.Td ta="right" style={num}>
                {formatBp(s.shareBp)}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

function Stats({ stats }: { stats: OpenDataStats }) {
  const { t } = useI18n();
  const industry = useIndustryName();
  const totals = stats.totals;
  return (
    <Stack gap="lg">
      <Text size="sm" c="dimmed">
        {t('od.generatedAt', { at: formatDateTime(stats.generatedAt) })}
      </Text>
      <SimpleGrid cols={{ base: 2, sm: 3 }} component="dl" spacing="sm" m={0} data-testid="open-data-totals">
        <Figure label={t('od.challenges')}>{totals.challenges}</Figure>
        <Figure label={t('od.budget')}>
          <Money fen={totals.budgetFen} />
        </Figure>
        <Figure label={t('od.bids')}>{totals.bids}</Figure>
        <Figure label={t('od.awards')}>{totals.awards}</Figure>
        <Figure label={t('od.awarded')} testId="open-data-awarded">
          <Money fen={totals.awardedFen} />
        </Figure>
        <Figure label={t('od.paid')} testId="open-data-paid">
          <Money fen={totals.paidFen} />
        </Figure>
      </SimpleGrid>
      {totals.challenges === 0 ? (
        <Empty title={t('od.empty')} />
      ) : (
        <>
          <GroupTable
            id="od-industry"
            title={t('od.byIndustry')}
            keyLabel={t('ledger.industry')}
            rows={stats.byIndustry}
            name={industry}
            chart={<MoneyBars testId="od-industry-chart" groups={stats.byIndustry} name={industry} />}
          />
          <Stack gap={4}>
            <GroupTable
              id="od-year"
              title={t('od.byYear')}
              keyLabel={t('ledger.year')}
              rows={stats.byYear}
              name={(k) => k}
              chart={<MoneyBars testId="od-year-chart" groups={stats.byYear} name={(k) => k} />}
            />
            <Text size="xs" c="dimmed">
              {t('od.yearBasis')}
            </Text>
          </Stack>
          <ChallengesByStatus groups={stats.byStatus} />
          {stats.horseRace.projects > 0 && <HorseRaceTable stages={stats.horseRace.stages} />}
        </>
      )}
    </Stack>
  );
}

/** Public: the open-data statistics and the OCDS downloads. */
export default function OpenDataPage() {
  const { t } = useI18n();
  useDocumentTitle(t('nav.openData'));
  const query = useOpenDataStats();
  return (
    <Stack gap="md" maw={1100}>
      <Title order={1}>{t('nav.openData')}</Title>
      <Text>{t('od.intro')}</Text>
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stats stats={query.data} />
      )}
      <section aria-labelledby="od-downloads">
        <Title order={2} size="h3" id="od-downloads" mb="xs">
          {t('od.downloads')}
        </Title>
        <List size="sm" spacing={4}>
          <List.Item>
            <Anchor href="/api/v1/open-data/ocds/releases" c="red.9">
              {t('od.releases')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor href="/api/v1/open-data/ocds/releases.jsonl" download c="red.9">
              {t('od.jsonl')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Anchor href="/api/v1/open-data/stats" c="red.9">
              {t('od.statsJson')}
            </Anchor>
          </List.Item>
          <List.Item>
            <Text size="sm" span style={{ wordBreak: 'break-all' }}>
              {t('od.records')}
            </Text>
          </List.Item>
        </List>
      </section>
    </Stack>
  );
}
