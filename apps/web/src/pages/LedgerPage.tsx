import { Title } from '@mantine/core';
import { useI18n } from '../i18n/i18n';

/** Placeholder while the screen is being built (issue 9). */
export default function LedgerPage() {
  const { t } = useI18n();
  return <Title order={1}>{t('nav.ledger')}</Title>;
}
