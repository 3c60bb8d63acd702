import { Group, Progress, Text } from '@mantine/core';

export interface Share {
  label: string;
  value: number;
  color: string;
}

/**
 * A bar chart of one whole cut into shares (money of a budget, milestones by outcome), with its
 * legend in words and numbers: the bar is drawn for the eye, the legend is what a screen reader reads.
 */
export function ShareBar({ label, shares, format = String }: { label: string; shares: Share[]; format?: (n: number) => string }) {
  const total = shares.reduce((s, x) => s + x.value, 0);
  return (
    <div>
      <Progress.Root size="xl" aria-hidden>
        {shares.map((s) =>
          total > 0 && s.value > 0 ? <Progress.Section key={s.label} value={(s.value / total) * 100} color={s.color} /> : null,
        )}
      </Progress.Root>
      <Group gap="md" mt={6} component="ul" aria-label={label} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {shares.map((s) => (
          <Group key={s.label} gap={6} component="li" wrap="nowrap">
            <span
              aria-hidden
              style={{ width: 10, height: 10, borderRadius: 2, background: `var(--mantine-color-${s.color.replace('.', '-')})` }}
            />
            <Text size="sm">
              {s.label}: <b style={{ fontVariantNumeric: 'tabular-nums' }}>{format(s.value)}</b>
            </Text>
          </Group>
        ))}
      </Group>
    </div>
  );
}
