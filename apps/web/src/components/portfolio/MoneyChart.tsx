import { Box as MBox, Group, Table, Text } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useId } from 'react';
import { useI18n } from '../../i18n/i18n';
import { formatFen } from '../../lib/money';
import { compactFen, labelIndexes, stepPath, ticks, xAt, yAt, type Box, type MonthPoint } from './chart';
import classes from './MoneyChart.module.css';
import { ScrollRegion } from './ScrollRegion';

const HEIGHT = 240;
const GRANTED = 'var(--mantine-color-blue-8)';
const PAID = 'var(--mantine-color-red-8)';

function LegendLine({ color, dash }: { color: string; dash?: string }) {
  return (
    <svg width="28" height="10" aria-hidden focusable="false">
      <line x1="1" y1="5" x2="27" y2="5" stroke={color} strokeWidth="3" strokeDasharray={dash} />
    </svg>
  );
}

function ChartLegend() {
  const { t } = useI18n();
  return (
    <Group gap="md" mb={4} aria-hidden>
      <Group gap={6}>
        <LegendLine color={GRANTED} />
        <Text size="sm">{t('pf.granted')}</Text>
      </Group>
      <Group gap={6}>
        <LegendLine color={PAID} dash="6 4" />
        <Text size="sm">{t('pf.paid')}</Text>
      </Group>
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
function MoneyTable({ points }: { points: MonthPoint[] }) {
  const { t } = useI18n();
  return (
    <details className={classes.details}>
      <summary>{t('pf.chartTable')}</summary>
      <ScrollRegion label={t('pf.chart')} minWidth={320}>
        <Table striped withTableBorder data-testid="money-table">
          <Table.Caption>{t('pf.chart')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('pf.month')}</Table.Th>
              <Table.Th scope="col" ta="right">
                {t('pf.granted')}
              </Table.Th>
              <Table.Th scope="col" ta="right">
                {t('pf.paid')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {points.map((p) => (
              <Table.Tr key={p.month}>
                <Table.Th scope="row" fw={400}>
                  {p.month}
                </Table.Th>
                <Table.Td ta="right" className={classes.num}>
                  {formatFen(p.grantedFen)}
                </Table.Td>
                <Table.Td ta="right" className={classes.num}>
                  {formatFen(p.paidFen)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
    </details>
  );
}

/**
 * Cumulative money granted and paid by month as two step lines (paid dashed: the lines differ in
 * more than colour), the amount axis in CNY, and the same figures as a table for screen readers
 * and anyone who wants the exact amounts. The SVG is drawn at the width of its container, so its
 * text stays legible on a phone.
 */
export function MoneyChart({ points }: { points: MonthPoint[] }) {
  const { t, lang } = useI18n();
  const { ref, width: measured } = useElementSize();
  const titleId = useId();
  const descId = useId();
  if (points.length === 0) return <Text c="dimmed">{t('pf.chartEmpty')}</Text>;

  const width = Math.max(280, Math.round(measured || 640));
  const box: Box = { width, height: HEIGHT, left: lang === 'zh' ? 64 : 58, right: 16, top: 12, bottom: 32 };
  const max = Math.max(...points.map((p) => Math.max(p.grantedFen, p.paidFen)));
  const axis = ticks(max);
  const top = axis[axis.length - 1];
  const last = points[points.length - 1];
  const labels = labelIndexes(points.length, Math.floor((width - box.left - box.right) / 70));
  const summary = `${last.month}: ${t('pf.granted')} ${formatFen(last.grantedFen)}, ${t('pf.paid')} ${formatFen(last.paidFen)}`;

  return (
    <div>
      <ChartLegend />
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
          {labels.map((i) => (
            <text
              key={points[i].month}
              x={points.length === 1 ? (box.left + width - box.right) / 2 : xAt(i, points.length, box)}
              y={HEIGHT - box.bottom + 18}
              textAnchor={points.length === 1 ? 'middle' : i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle'}
              className={classes.label}
            >
              {points[i].month}
            </text>
          ))}
          <line x1={box.left} x2={box.left} y1={box.top} y2={HEIGHT - box.bottom} className={classes.axis} />
          <line x1={box.left} x2={width - box.right} y1={HEIGHT - box.bottom} y2={HEIGHT - box.bottom} className={classes.axis} />
          <path
            d={stepPath(
              points.map((p) => p.grantedFen),
              top,
              box,
            )}
            fill="none"
            stroke={GRANTED}
            strokeWidth={2.5}
            data-series="granted"
          />
          <path
            d={stepPath(
              points.map((p) => p.paidFen),
              top,
              box,
            )}
            fill="none"
            stroke={PAID}
            strokeWidth={2.5}
            strokeDasharray="6 4"
            data-series="paid"
          />
        </svg>
      </MBox>
      <Text size="xs" c="dimmed">
        {t('pf.amountAxis')} · {t('pf.chartDesc')}
      </Text>
      <MoneyTable points={points} />
    </div>
  );
}
