import { Anchor, Stack, Title } from '@mantine/core';
import { Link, useParams } from 'react-router';
import { AuditEntries } from '../components/audit/AuditEntries';
import { VerificationCard } from '../components/audit/VerificationCard';
import { RequireRole } from '../components/RequireRole';
import { useI18n } from '../i18n/i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** A challenge's full history for an auditor: its whole chain in order, and that chain's verification. */
export default function AuditChallengePage() {
  const { t } = useI18n();
  useDocumentTitle(t('audit.history'));
  const { id = '' } = useParams();
  return (
    <RequireRole role="auditor" message={t('audit.auditorOnly')}>
      <Stack gap="md" maw={1200}>
        <Anchor component={Link} to="/audit" size="sm">
          ← {t('audit.back')}
        </Anchor>
        <Title order={1}>{t('audit.history')}</Title>
        <Anchor component={Link} to={`/challenges/${id}`} ff="monospace" size="sm">
          {id}
        </Anchor>
        <VerificationCard challengeId={id} />
        <AuditEntries filter={{ challengeId: id }} showChain={false} label={t('audit.historyOf', { id })} />
      </Stack>
    </RequireRole>
  );
}
