import { Stack, Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import { formatFen } from '../../lib/money';

/** Whole percent paid, floor (integer arithmetic on fen). */
export function paidPercent(paidFen: number, grantedFen: number): number {
  if (grantedFen <= 0) return 0;
  return Number((BigInt(paidFen) * 100n) / BigInt(grantedFen));
}

/** Granted vs paid: a thin SVG bar (decorative) with the same fact in text beside it. */
export function PaidBar({ paidFen, grantedFen }: { paidFen: number; grantedFen: number }) {
  const { t } = useI18n();
  const pct = paidPercent(paidFen, grantedFen);
  return (
    <Stack gap={2}>
      <svg width="100%" height="8" viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden focusable="false">
        <rect x="0" y="0" width="100" height="8" rx="4" fill="var(--mantine-color-gray-3)" />
        <rect x="0" y="0" width={Math.min(100, pct)} height="8" rx="4" fill="var(--mantine-color-teal-8)" />
      </svg>
      <Text size="sm" data-testid="paid-text">
        {t('projects.paidOf', { paid: formatFen(paidFen), granted: formatFen(grantedFen), pct })}
      </Text>
    </Stack>
  );
}
