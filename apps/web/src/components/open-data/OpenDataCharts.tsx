import { Table, Title } from '@mantine/core';
import type { OpenDataStats } from '../../api/portfolio';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { compactFen } from '../portfolio/chart';
import { BarChart, type BarSeries } from './BarChart';

type Group = OpenDataStats['byIndustry'][number];

/** Money awarded (solid) and paid (hatched) per group — a year or an industry — above the group's table. */
export function MoneyBars({ testId, groups, name }: { testId: string; groups: Group[]; name: (key: string) => string }) {
  const { t, lang } = useI18n();
  const series: BarSeries[] = [
    { label: t('od.awarded'), color: 'var(--mantine-color-blue-8)' },
    { label: t('od.paid'), color: 'var(--mantine-color-red-8)', hatched: true },
  ];
  return (
    <BarChart
      testId={testId}
      caption={t('od.chartCaption')}
      series={series}
      rows={groups.map((g) => ({ key: g.key, label: name(g.key), values: [g.awardedFen, g.paidFen] }))}
      format={(fen) => compactFen(fen, lang)}
    />
  );
}

/** How many published challenges stand at each status now: bars, then the same counts as a table. */
export function ChallengesByStatus({ groups }: { groups: Group[] }) {
  const { t } = useI18n();
  const status = (key: string) => t(`status.${key}` as MessageKey);
  return (
    <section aria-labelledby="od-status">
      <Title order={2} size="h3" id="od-status" mb="xs">
        {t('od.byStatus')}
      </Title>
      <BarChart
        testId="od-status-chart"
        caption={t('od.chartCaption')}
        series={[{ label: t('od.challenges'), color: 'var(--mantine-color-teal-9)' }]}
        rows={groups.map((g) => ({ key: g.key, label: status(g.key), values: [g.challenges] }))}
        format={String}
      />
      <Table striped withTableBorder maw={420} data-testid="od-status">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('od.status')}</Table.Th>
            <Table.Th scope="col" ta="right">
              {t('od.challenges')}
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {groups.map((g) => (
            <Table.Tr key={g.key}>
              <Table.Th scope="row" fw={500}>
                {status(g.key)}
              </Table.Th>
              <Table.Td ta="right" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {g.challenges}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}
