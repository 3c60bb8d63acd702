import { Text, type TextProps } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * One term and its value inside a `<dl>`: a dimmed label (`dt`) over the value (`dd`). `small`
 * makes the label extra-small (dense cards); `value` styles the value (weight, size) and
 * `testId` marks it for tests.
 */
export function Fact({
  label,
  children,
  small = false,
  value,
  testId,
}: {
  label: ReactNode;
  children: ReactNode;
  small?: boolean;
  value?: Omit<TextProps, 'children'>;
  testId?: string;
}) {
  return (
    <div>
      <Text size={small ? 'xs' : 'sm'} c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} {...value} data-testid={testId}>
        {children}
      </Text>
    </div>
  );
}
