import { Badge } from '@mantine/core';
import type { MemberConsent } from '../../api/consents';
import { useI18n } from '../../i18n/i18n';

const COLOR: Record<MemberConsent['state'], string> = { pending: 'yellow', accepted: 'teal', declined: 'red' };

/** A member's consent state in words (never colour alone). */
export function ConsentBadge({ state }: { state: MemberConsent['state'] }) {
  const { t } = useI18n();
  return (
    <Badge color={COLOR[state]} variant="light" c="dark.7" data-testid="consent-state" data-state={state}>
      {t(`consents.state.${state}`)}
    </Badge>
  );
}
