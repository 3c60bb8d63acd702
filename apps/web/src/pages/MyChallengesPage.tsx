import { Button, Group } from '@mantine/core';
import { Link } from 'react-router';
import { YourAgency } from '../components/agencies/YourAgency';
import { RequireRole } from '../components/RequireRole';
import { useI18n } from '../i18n/i18n';
import { ChallengeList } from './ChallengeListPage';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** The agency's own challenges, drafts included (GET /challenges?mine=true): its organisation's, whoever drafted them. */
export default function MyChallengesPage() {
  const { t } = useI18n();
  useDocumentTitle(t('mine.title'));
  return (
    <RequireRole role="agency">
      <YourAgency />
      <Group justify="flex-end" mb={-48}>
        <Button component={Link} to="/agency/challenges/new">
          {t('nav.newChallenge')}
        </Button>
      </Group>
      <ChallengeList mine />
    </RequireRole>
  );
}
