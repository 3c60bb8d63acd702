import { Alert, Anchor, Button, Card, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useFinishAwarding } from '../api/awards';
import type { Challenge, Schemas } from '../api/client';
import { useChallenge } from '../api/queries';
import { useSession } from '../auth/session';
import { AwardedProjects } from '../components/awards/AwardedProjects';
import { AwardSummary } from '../components/awards/AwardSummary';
import { MergeProposals } from '../components/awards/MergeProposals';
import { RankingAwards } from '../components/awards/RankingAwards';
import { StageGates } from '../components/awards/StageGates';
import { useProblemText } from '../components/awards/useProblemText';
import { StatusBadge } from '../components/ChallengeCard';
import { RequireRole } from '../components/RequireRole';
import { ErrorState, Loading, Success } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { formatFen } from '../lib/money';
import { useDocumentTitle } from '../lib/useDocumentTitle';

type FinishView = Schemas['FinishAwardingView'];

/** Finish awarding: closed → awarded with the slots awarded so far; every other bid is rejected (confirmed first). */
function FinishAwarding({ challenge, onDone }: { challenge: Challenge; onDone: (view: FinishView) => void }) {
  const { t } = useI18n();
  const finish = useFinishAwarding(challenge.id, onDone);
  const describe = useProblemText();
  const [open, setOpen] = useState(false);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="finish-title">
      <Stack gap="xs">
        <Title order={2} size="h3" id="finish-title">
          {t('awards.finish')}
        </Title>
        <Text size="sm">{t('awards.finishHint')}</Text>
        {finish.isError && <ErrorState error={finish.error} messages={[describe(finish.error)]} />}
        <Group>
          <Button variant="light" onClick={() => setOpen(true)} disabled={challenge.awardedCount === 0}>
            {t('awards.finish')}
          </Button>
        </Group>
      </Stack>
      <Modal
        opened={open}
        onClose={() => setOpen(false)}
        title={t('awards.finishConfirmTitle')}
        closeButtonProps={{ 'aria-label': t('common.back') }}
      >
        <Stack gap="sm">
          <Text size="sm">
            {t('awards.finishConfirm', { n: challenge.awardedCount, amount: formatFen(challenge.awardedFen) })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button loading={finish.isPending} onClick={() => finish.mutate(undefined, { onSettled: () => setOpen(false) })}>
              {t('awards.finish')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Card>
  );
}

/**
 * The agency's awarding of one challenge: the ranking with an award form per bid, budget left and
 * slots filled, finish awarding, the awarded projects with their objections, and — for a horse
 * race — each stage's gate.
 */
export default function AwardsPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const challenge = useChallenge(id);
  useDocumentTitle(t('awards.title'), challenge.data?.title);
  const [finished, setFinished] = useState<FinishView | null>(null);
  return (
    <RequireRole role="agency">
      <Stack gap="lg" maw={1100}>
        {challenge.isPending ? (
          <Loading />
        ) : challenge.isError ? (
          <ErrorState error={challenge.error} onRetry={() => void challenge.refetch()} />
        ) : challenge.data.agencyId !== user?.id ? (
          <Alert color="orange" title={t('error.403')} />
        ) : (
          <>
            <div>
              <Anchor component={Link} to={`/challenges/${id}`} size="sm">
                ← {challenge.data.title}
              </Anchor>
              <Group gap="xs" align="center" wrap="wrap">
                <Title order={1}>{t('awards.title')}</Title>
                <StatusBadge status={challenge.data.status} />
              </Group>
              <Anchor component={Link} to={`/agency/challenges/${id}/panel`} size="sm">
                {t('panel.title')}
              </Anchor>
            </div>
            {challenge.data.status === 'draft' || challenge.data.status === 'published' ? (
              <Alert color="gray" title={t('awards.notYet')} />
            ) : (
              <>
                {finished && (
                  <Success
                    testId="finished"
                    title={t('awards.finished', { n: finished.awardedCount, rejected: finished.rejectedBidIds.length })}
                  />
                )}
                <AwardSummary challenge={challenge.data} />
                {challenge.data.status === 'closed' && <RankingAwards challenge={challenge.data} />}
                {challenge.data.status === 'closed' && <FinishAwarding challenge={challenge.data} onDone={setFinished} />}
                <AwardedProjects challenge={challenge.data} />
                {challenge.data.mechanism === 'horse_race' && challenge.data.stages.length > 0 && (
                  <>
                    <StageGates challenge={challenge.data} />
                    <MergeProposals challenge={challenge.data} />
                  </>
                )}
                {challenge.data.status !== 'closed' && <RankingAwards challenge={challenge.data} />}
              </>
            )}
          </>
        )}
      </Stack>
    </RequireRole>
  );
}
