import {
  Accordion,
  Alert,
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  useBids,
  useAssignments,
  useCriteria,
  useDeclareConflict,
  useRanking,
  useScore,
  type BidView,
  type Criterion,
  type RankingView,
} from '../api/bids';
import type { Challenge } from '../api/client';
import { mapProblem, problemOf } from '../api/problem';
import { useChallenge } from '../api/queries';
import { BidDetails, BidStatusBadge } from '../components/BidReceipt';
import { DateTime, Money, useNow } from '../components/format';
import { criterionLabel, RankingTable } from '../components/RankingTable';
import { RequireRole } from '../components/RequireRole';
import { useConfirm } from '../components/feedback/ConfirmDialog';
import { Empty, ErrorState, Loading, Success } from '../components/states';
import { parseScore, weightedScore } from '../forms/review';
import { useI18n } from '../i18n/i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';

type RankedBid = RankingView['items'][number];

/** The scores typed per criterion and the comment, their errors (the server's mapped back) and the submit. */
function useScoreForm(bid: BidView, criteria: Criterion[]) {
  const { t, lang } = useI18n();
  const [scores, setScores] = useState<Record<string, string>>({});
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const score = useScore();
  const setScore = (key: string, value: string) => setScores((s) => ({ ...s, [key]: value }));
  const submit = () => {
    const found: Record<string, string> = {};
    criteria.forEach((c, i) => {
      if (parseScore(scores[c.key] ?? '') === null) found[`scores.${i}.score`] = t('review.scoreFormat');
    });
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length) return;
    score.mutate(
      {
        bidId: bid.id,
        scores: criteria.map((c) => ({ criterion: c.key, score: parseScore(scores[c.key] ?? '') ?? 0 })),
        comment: comment.trim() || undefined,
      },
      {
        onError: (error) => {
          const mapped = mapProblem(problemOf(error), {
            lang,
            hasField: (p) => /^scores\.\d+\.(score|criterion)$/.test(p) || p === 'comment',
          });
          setErrors(mapped.fields);
          setGeneral(mapped.general);
        },
      },
    );
  };
  return { scores, setScore, comment, setComment, errors, general, score, submit };
}

function ScoreForm({ bid, criteria }: { bid: BidView; criteria: Criterion[] }) {
  const { t } = useI18n();
  const { scores, setScore, comment, setComment, errors, general, score, submit } = useScoreForm(bid, criteria);
  const total = weightedScore(criteria, scores);
  return (
    <form
      noValidate
      aria-label={t('review.scoreBid')}
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="xs">
        <Grid gap="xs">
          {criteria.map((c, i) => (
            <Grid.Col key={c.key} span={{ base: 12, sm: 4 }}>
              <TextInput
                label={t('review.criterion', { name: criterionLabel(t, c.key), weight: c.weight })}
                description={t('review.minScore', { min: c.minScore })}
                required
                inputMode="decimal"
                value={scores[c.key] ?? ''}
                error={errors[`scores.${i}.score`] ?? errors[`scores.${i}.criterion`]}
                onChange={(e) => setScore(c.key, e.currentTarget.value)}
              />
            </Grid.Col>
          ))}
        </Grid>
        <Textarea
          label={t('review.comment')}
          autosize
          minRows={2}
          maxLength={10_000}
          value={comment}
          error={errors.comment}
          onChange={(e) => setComment(e.currentTarget.value)}
        />
        <Text size="sm" aria-live="polite">
          {t('review.weighted', { score: total === null ? '—' : total.toFixed(2) })}
        </Text>
        {general.length > 0 && <ErrorState error={score.error} messages={general} />}
        {score.isSuccess && <Success title={t('review.saved')} />}
        <Group>
          <Button type="submit" loading={score.isPending}>
            {t('review.submitScore')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ConflictForm({ challengeId, bid }: { challengeId: string; bid: BidView }) {
  const { t, lang } = useI18n();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const conflict = useDeclareConflict(challengeId);
  const { confirm, dialog } = useConfirm();
  const declare = async () => {
    if (!reason.trim()) return setError(t('review.reasonRequired'));
    const ok = await confirm({
      title: t('confirm.conflict.title'),
      body: t('confirm.conflict.body'),
      confirmLabel: t('review.declareConflict'),
      danger: true,
    });
    if (ok)
      conflict.mutate(
        { bidId: bid.id, reason: reason.trim() },
        {
          onError: (err) => {
            const mapped = mapProblem(problemOf(err), { lang, hasField: (p) => p === 'reason' });
            setError(mapped.fields.reason ?? mapped.general.join('；'));
          },
        },
      );
  };
  return (
    <form
      noValidate
      aria-label={t('review.conflict')}
      onSubmit={(e) => {
        e.preventDefault();
        void declare();
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('review.conflictReason')}
          description={t('review.conflictHint')}
          autosize
          minRows={2}
          maxLength={2000}
          value={reason}
          error={error}
          onChange={(e) => {
            setReason(e.currentTarget.value);
            setError(undefined);
          }}
        />
        <Group>
          <Button type="submit" variant="outline" color="red.9" loading={conflict.isPending}>
            {t('review.declareConflict')}
          </Button>
        </Group>
      </Stack>
      {dialog}
    </form>
  );
}

/** On a closed panel the scores can no longer change: the panel's scores of the bid, to read, and nothing to press. */
function LockedScores({ criteria, ranked }: { criteria: Criterion[]; ranked: RankedBid | undefined }) {
  const { t } = useI18n();
  const score = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(2));
  return (
    <Card withBorder padding="sm" data-testid="locked-scores">
      <Title order={3} size="h5" mb="xs">
        {t('review.lockedTitle')}
      </Title>
      <Table withTableBorder>
        <Table.Tbody>
          {criteria.map((c) => (
            <Table.Tr key={c.key}>
              <Table.Th scope="row">{t('review.criterion', { name: criterionLabel(t, c.key), weight: c.weight })}</Table.Th>
              <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{score(ranked?.rawScores[c.key])}</Table.Td>
            </Table.Tr>
          ))}
          <Table.Tr>
            <Table.Th scope="row">{t('review.lockedWeighted')}</Table.Th>
            <Table.Td fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
              {score(ranked?.score)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>
    </Card>
  );
}

function ReviewWorkspace({ challenge }: { challenge: Challenge }) {
  const { t } = useI18n();
  const now = useNow(15_000);
  const afterDeadline = new Date(challenge.bidDeadline).getTime() <= now;
  const bids = useBids(challenge.id, afterDeadline);
  const criteria = useCriteria(challenge.id);
  // The reviewer's assignment says whether the panel has closed (scores locked); only then may a
  // reviewer read the ranking, so it is not even asked for before (no 403 to read as a signal).
  const assignments = useAssignments();
  const closed = assignments.data?.items.some((a) => a.challengeId === challenge.id && a.panelClosedAt !== null) === true;
  const ranking = useRanking(challenge.id, 'none', afterDeadline && closed);
  if (!afterDeadline)
    return (
      <Alert color="gray" title={t('review.sealed')}>
        {t('review.sealedHint')} <DateTime iso={challenge.bidDeadline} />
      </Alert>
    );
  if (bids.isPending || criteria.isPending || assignments.isPending || (closed && ranking.isPending)) return <Loading />;
  if (assignments.isError) return <ErrorState error={assignments.error} onRetry={() => void assignments.refetch()} />;
  if (bids.isError) return <ErrorState error={bids.error} onRetry={() => void bids.refetch()} />;
  if (criteria.isError) return <ErrorState error={criteria.error} onRetry={() => void criteria.refetch()} />;
  return (
    <Stack gap="lg">
      <Title order={2} size="h3">
        {t('review.bids', { n: bids.data.items.length })}
      </Title>
      {closed && (
        <Alert color="gray" title={t('review.closedTitle')} data-testid="panel-closed">
          {t('review.closedHint')}
        </Alert>
      )}
      {bids.data.items.length === 0 ? (
        <Empty title={t('review.noBids')} />
      ) : (
        <Accordion variant="separated" multiple>
          {bids.data.items.map((bid, i) => (
            <Accordion.Item key={bid.id} value={bid.id}>
              <Accordion.Control>
                <Group gap="xs">
                  <Text fw={600}>{t('review.bidN', { n: i + 1 })}</Text>
                  <BidStatusBadge status={bid.status} />
                  <Money fen={bid.requestedFundingFen} />
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <Stack gap="md">
                  <BidDetails bid={bid} withDocuments />
                  {closed ? (
                    <LockedScores
                      criteria={criteria.data.criteria}
                      ranked={ranking.data?.items.find((r) => r.bidId === bid.id)}
                    />
                  ) : (
                    <>
                      <Card withBorder padding="sm">
                        <ScoreForm bid={bid} criteria={criteria.data.criteria} />
                      </Card>
                      <ConflictForm challengeId={challenge.id} bid={bid} />
                    </>
                  )}
                </Stack>
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      )}
      <Title order={2} size="h3">
        {t('ranking.title')}
      </Title>
      {!closed ? (
        <Text c="dimmed">{t('review.rankingAfterClose')}</Text>
      ) : ranking.isError ? (
        <ErrorState error={ranking.error} onRetry={() => void ranking.refetch()} />
      ) : (
        // Numbered as the list above numbers the bids (a bid it leaves out, for a conflict, by its organisation).
        ranking.data && <RankingTable ranking={ranking.data} numbers={new Map(bids.data.items.map((b, i) => [b.id, i + 1]))} />
      )}
    </Stack>
  );
}

/** One challenge for an assigned reviewer: score each bid per criterion, declare conflicts, see the ranking once closed. */
export function ReviewChallengePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const challenge = useChallenge(id);
  useDocumentTitle(challenge.data?.title ?? t('review.title'));
  return (
    <RequireRole role="reviewer" message={t('review.reviewerOnly')}>
      <Stack gap="lg" maw={1100}>
        {challenge.isPending ? (
          <Loading />
        ) : challenge.isError ? (
          <ErrorState error={challenge.error} />
        ) : (
          <>
            <div>
              <Anchor component={Link} to="/review" size="sm">
                ← {t('nav.review')}
              </Anchor>
              <Title order={1}>{challenge.data.title}</Title>
            </div>
            <ReviewWorkspace challenge={challenge.data} />
          </>
        )}
      </Stack>
    </RequireRole>
  );
}

export default ReviewChallengePage;
