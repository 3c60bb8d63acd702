import { Box as MBox, Group, Table, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useId } from 'react';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { formatFen } from '../../lib/money';
import { compactFen, labelIndexes, shanghaiMonth, stepPath, ticks, xAt, yAt, type Box, type MonthPoint } from './chart';
import classes from './MoneyChart.module.css';
import { ScrollRegion } from './ScrollRegion';

const HEIGHT = 260;

/** The three cumulative series: besides colour, each has its own dash pattern (readable in grey, and by colour-blind readers). */
const SERIES: { key: 'grantedFen' | 'scheduledFen' | 'paidFen'; label: MessageKey; color: string; dash?: string }[] = [
  { key: 'grantedFen', label: 'pf.granted', color: 'var(--mantine-color-blue-8)' },
  { key: 'scheduledFen', label: 'pf.plan', color: 'var(--mantine-color-teal-9)', dash: '2 3' },
  { key: 'paidFen', label: 'pf.paid', color: 'var(--mantine-color-red-8)', dash: '6 4' },
];
const BUDGET = { color: 'var(--mantine-color-gray-7)', dash: '12 3 2 3' };

function LegendLine({ color, dash }: { color: string; dash?: string }) {
  return (
    <svg width="28" height="10" aria-hidden focusable="false">
      <line x1="1" y1="5" x2="27" y2="5" stroke={color} strokeWidth="3" strokeDasharray={dash} />
    </svg>
  );
}

function ChartLegend({ withBudget }: { withBudget: boolean }) {
  const { t } = useI18n();
  const entries = [...SERIES.map((s) => ({ label: s.label, color: s.color, dash: s.dash }))];
  if (withBudget) entries.push({ label: 'pf.budget', ...BUDGET });
  return (
    <Group gap="md" mb={4} aria-hidden>
      {entries.map((e) => (
        <Group gap={6} key={e.label}>
          <LegendLine color={e.color} dash={e.dash} />
          <Text size="sm">{t(e.label)}</Text>
        </Group>
      ))}
    </Group>
  );
}

/** The horizontal grid lines at the amount axis' ticks, each labelled in CNY. */
function AmountGrid({ axis, top, box }: { axis: number[]; top: number; box: Box }) {
  const { lang } = useI18n();
  return (
    <>
      {axis.map((v) => {
        const y = yAt(v, top, box);
        return (
          <g key={v}>
            <line x1={box.left} x2={box.width - box.right} y1={y} y2={y} className={classes.grid} />
            <text x={box.left - 6} y={y} textAnchor="end" dominantBaseline="middle" className={classes.label}>
              {compactFen(v, lang)}
            </text>
          </g>
        );
      })}
    </>
  );
}

/** The chart's figures as a table, folded away below it. */
function MoneyTable({ points, budgetFen }: { points: MonthPoint[]; budgetFen: number }) {
  const { t } = useI18n();
  return (
    <details className={classes.details}>
      <summary>{t('pf.chartTable')}</summary>
      <ScrollRegion label={t('pf.chart')} minWidth={420}>
        <Table striped withTableBorder data-testid="money-table">
          <Table.Caption>
            {t('pf.chart')} · {t('pf.budget')} {formatFen(budgetFen)}
          </Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('pf.month')}</Table.Th>
              {SERIES.map((s) => (
                <Table.Th scope="col" ta="right" key={s.key}>
                  {t(s.label)}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((p) => (
              <Table.Tr key={p.month}>
                <Table.Th scope="row" fw={400}>
                  {p.month}
                </Table.Th>
                {SERIES.map((s) => (
                  <Table.Td ta="right" className={classes.num} key={s.key}>
                    {formatFen(p[s.key])}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
    </details>
  );
}

/** The month labels under the plot (as many as fit) and a "this month" marker where the past ends. */
function MonthAxis({ points, box, now }: { points: MonthPoint[]; box: Box; now: string }) {
  const { t } = useI18n();
  const n = points.length;
  const labels = labelIndexes(n, Math.floor((box.width - box.left - box.right) / 70));
  const current = points.findIndex((p) => p.month === now);
  const x = (i: number) => (n === 1 ? (box.left + box.width - box.right) / 2 : xAt(i, n, box));
  return (
    <>
      {labels.map((i) => (
        <text
          key={points[i].month}
          x={x(i)}
          y={HEIGHT - box.bottom + 18}
          textAnchor={n === 1 ? 'middle' : i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle'}
          className={classes.label}
        >
          {points[i].month}
        </text>
      ))}
      {current > 0 && current < n - 1 && (
        <g data-testid="money-now">
          <line x1={x(current)} x2={x(current)} y1={box.top} y2={HEIGHT - box.bottom} className={classes.now} />
          <text x={x(current) + 4} y={box.top + 10} className={classes.label}>
            {t('pf.thisMonth')}
          </text>
        </g>
      )}
    </>
  );
}

/**
 * Cumulative money granted, scheduled (tranches by due month) and paid over the projects' whole
 * lifetime, from the first award to the last milestone's due month, with the budget of their
 * challenges as a ceiling line; the amount axis in CNY, and the same figures as a table for screen
 * readers and anyone who wants the exact amounts. Drawn at the width of its container.
 */
export function MoneyChart({ points, budgetFen = 0 }: { points: MonthPoint[]; budgetFen?: number }) {
  const { t, lang } = useI18n();
  const { ref, width: measured } = useElementSize();
  const titleId = useId();
  const descId = useId();
  if (points.length === 0) return <Text c="dimmed">{t('pf.chartEmpty')}</Text>;

  const width = Math.max(280, Math.round(measured || 640));
  const box: Box = { width, height: HEIGHT, left: lang === 'zh' ? 64 : 58, right: 16, top: 12, bottom: 32 };
  const axis = ticks(Math.max(budgetFen, ...points.map((p) => Math.max(p.grantedFen, p.scheduledFen, p.paidFen))));
  const top = axis[axis.length - 1];
  const last = points[points.length - 1];
  const summary = t('pf.chartSummary', {
    from: points[0].month,
    to: last.month,
    granted: formatFen(last.grantedFen),
    scheduled: formatFen(last.scheduledFen),
    paid: formatFen(last.paidFen),
    budget: formatFen(budgetFen),
  });

  return (
    <div>
      <ChartLegend withBudget={budgetFen > 0} />
      <MBox ref={ref} w="100%">
        <svg
          width={width}
          height={HEIGHT}
          viewBox={`0 0 ${width} ${HEIGHT}`}
          role="img"
          aria-labelledby={`${titleId} ${descId}`}
          className={classes.chart}
          data-testid="money-chart"
        >
          <title id={titleId}>{t('pf.chart')}</title>
          <desc id={descId}>{summary}</desc>
          <AmountGrid axis={axis} top={top} box={box} />
          <MonthAxis points={points} box={box} now={shanghaiMonth(new Date())} />
          <line x1={box.left} x2={box.left} y1={box.top} y2={HEIGHT - box.bottom} className={classes.axis} />
          <line x1={box.left} x2={width - box.right} y1={HEIGHT - box.bottom} y2={HEIGHT - box.bottom} className={classes.axis} />
          {budgetFen > 0 && (
            <line
              x1={box.left}
              x2={width - box.right}
              y1={yAt(budgetFen, top, box)}
              y2={yAt(budgetFen, top, box)}
              stroke={BUDGET.color}
              strokeWidth={2}
              strokeDasharray={BUDGET.dash}
              data-series="budget"
            />
          )}
          {SERIES.map((s) => (
            <path
              key={s.key}
              d={stepPath(
                points.map((p) => p[s.key]),
                top,
                box,
              )}
              fill="none"
              stroke={s.color}
              strokeWidth={2.5}
              strokeDasharray={s.dash}
              data-series={s.key.replace(/Fen$/, '')}
            />
          ))}
        </svg>
      </MBox>
      <Text size="xs" c="dimmed">
        {t('pf.amountAxis')} · {t('pf.chartDesc')}
      </Text>
      <MoneyTable points={points} budgetFen={budgetFen} />
    </div>
  );
}
