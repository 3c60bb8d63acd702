import { Group, Text } from '@mantine/core';
import type { CSSProperties } from 'react';
import { barPercent, largest } from './bars';

/** A bar takes at most 78 % of its row: the value written after it needs the rest. */
const barWidth = (value: number, max: number) => Math.round(barPercent(value, max) * 78) / 100;
import classes from './BarChart.module.css';

/** A series of the chart: solid or hatched, so that the bars differ in more than colour. */
export interface BarSeries {
  label: string;
  color: string;
  hatched?: boolean;
}

export interface BarRow {
  key: string;
  label: string;
  values: number[];
}

const fill = (s: BarSeries): CSSProperties =>
  s.hatched
    ? { background: `repeating-linear-gradient(135deg, ${s.color} 0 3px, transparent 3px 6px)`, border: `1px solid ${s.color}` }
    : { background: s.color };

function Legend({ series }: { series: BarSeries[] }) {
  return (
    <Group gap="md" mb={6}>
      {series.map((s) => (
        <Group gap={6} key={s.label}>
          <span className={classes.swatch} style={fill(s)} />
          <Text size="sm">{s.label}</Text>
        </Group>
      ))}
    </Group>
  );
}

/**
 * Horizontal bars, one group per row (e.g. money granted and paid of a year), scaled to the largest
 * value on the chart, each bar with its value written beside it. The drawing is hidden from
 * assistive technology: the table that follows it on the page holds the same figures, and the
 * chart's caption names that table.
 */
export function BarChart({
  testId,
  caption,
  series,
  rows,
  format,
}: {
  testId: string;
  caption: string;
  series: BarSeries[];
  rows: BarRow[];
  format: (value: number) => string;
}) {
  const max = largest(rows);
  return (
    <figure style={{ margin: 0 }} data-testid={testId}>
      {series.length > 1 && <Legend series={series} />}
      <div className={classes.chart} aria-hidden>
        {rows.map((r) => (
          <div key={r.key} style={{ display: 'contents' }} data-row={r.key}>
            <span className={classes.label}>{r.label}</span>
            <div className={classes.bars}>
              {series.map((s, i) => (
                <div className={classes.row} key={s.label}>
                  <span className={classes.bar} style={{ ...fill(s), width: `${barWidth(r.values[i], max)}%` }} />
                  <span className={classes.value}>{format(r.values[i])}</span>
                </div>
              ))}
            </div>
          </div>
        ))}
      </div>
      <Text component="figcaption" size="xs" c="dimmed">
        {caption}
      </Text>
    </figure>
  );
}
