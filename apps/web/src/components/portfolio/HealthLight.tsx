import { Group, Text } from '@mantine/core';
import { useI18n } from '../../i18n/i18n';
import type { Health } from './health';

/** Shape and colour both differ (circle / triangle / square), and the word is always written. */
export function HealthIcon({ health, size = 14 }: { health: Health; size?: number }) {
  const fill =
    health === 'on_track'
      ? 'var(--mantine-color-teal-8)'
      : health === 'at_risk'
        ? 'var(--mantine-color-orange-8)'
        : 'var(--mantine-color-red-9)';
  return (
    <svg width={size} height={size} viewBox="0 0 14 14" aria-hidden focusable="false" style={{ flex: 'none' }}>
      {health === 'on_track' && <circle cx="7" cy="7" r="6" fill={fill} />}
      {health === 'at_risk' && <path d="M7 1 L13 13 H1 Z" fill={fill} />}
      {health === 'late' && <rect x="1.5" y="1.5" width="11" height="11" fill={fill} />}
    </svg>
  );
}

export function HealthLight({ health }: { health: Health }) {
  const { t } = useI18n();
  return (
    <Group gap={6} wrap="nowrap" data-health={health}>
      <HealthIcon health={health} />
      <Text size="sm" fw={600} component="span">
        {t(`pf.health.${health}`)}
      </Text>
    </Group>
  );
}
