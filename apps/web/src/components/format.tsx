import { Text, Tooltip } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n/i18n';
import { formatFen } from '../lib/money';
import { countdown, formatDateTime, formatLong } from '../lib/time';

export function Money({ fen }: { fen: number | null | undefined }) {
  return <span style={{ fontVariantNumeric: 'tabular-nums' }}>{fen === null || fen === undefined ? '—' : formatFen(fen)}</span>;
}

/** An instant in Shanghai time, with the full date in the reader's language as its title. */
export function DateTime({ iso }: { iso: string | null | undefined }) {
  const { lang, t } = useI18n();
  if (!iso) return <span>—</span>;
  return (
    <Tooltip label={`${formatLong(iso, lang)} (${t('common.tz')})`} withinPortal>
      <time dateTime={iso}>{formatDateTime(iso)}</time>
    </Tooltip>
  );
}

export function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

/** "12 天 3 小时 4 分 5 秒" until the deadline, ticking each second; screen readers are not told every tick. */
export function Countdown({ iso }: { iso: string }) {
  const { t } = useI18n();
  const now = useNow(1000);
  const left = countdown(iso, now);
  if (left.past) return <Text c="dimmed">{t('challenge.deadlinePassed')}</Text>;
  return (
    <Text fw={600} aria-live="off" style={{ fontVariantNumeric: 'tabular-nums' }}>
      {t('challenge.countdownValue', { d: left.days, h: left.hours, m: left.minutes, s: left.seconds })}
    </Text>
  );
}
