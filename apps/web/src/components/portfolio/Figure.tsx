import { Card, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** One figure of a row of totals (inside a <dl>). */
export function Figure({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder padding="sm" data-testid={testId}>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={700} size="lg" style={{ fontVariantNumeric: 'tabular-nums' }}>
        {children}
      </Text>
    </Card>
  );
}
