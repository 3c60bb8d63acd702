import {
  Accordion,
  Alert,
  Anchor,
  Badge,
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
  useMyScores,
  useScore,
  useRanking,
  type BidView,
  type Criterion,
  type MyScores,
  type MyScoreSheet,
} from '../api/bids';
import type { Challenge } from '../api/client';
import { mapProblem, problemOf } from '../api/problem';
import { useChallenge } from '../api/queries';
import { BidDetails, BidStatusBadge } from '../components/BidReceipt';
import { DateTime, Money, useNow } from '../components/format';
import { criterionName, RankingTable } from '../components/RankingTable';
import { RequireRole } from '../components/RequireRole';
import { useConfirm } from '../components/feedback/ConfirmDialog';
import { Empty, ErrorState, Loading, Success } from '../components/states';
import { parseScore, sheetValues, weightedScore } from '../forms/review';
import { useI18n } from '../i18n/i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** The scores typed per criterion and the comment (starting from the reviewer's saved sheet), their errors and the submit. */
function useScoreForm(bid: BidView, criteria: Criterion[], saved: MyScoreSheet | undefined) {
  const { t, lang } = useI18n();
  const [scores, setScores] = useState<Record<string, string>>(() => sheetValues(saved, criteria).scores);
  const [comment, setComment] = useState(() => sheetValues(saved, criteria).comment);
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

function ScoreForm({ bid, criteria, saved }: { bid: BidView; criteria: Criterion[]; saved: MyScoreSheet | undefined }) {
  const { t, lang } = useI18n();
  const { scores, setScore, comment, setComment, errors, general, score, submit } = useScoreForm(bid, criteria, saved);
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
                label={t('review.criterion', { name: criterionName(c, lang), weight: c.weight })}
                description={
                  <>
                    {c.description && (
                      <>
                        {c.description}
                        <br />
                      </>
                    )}
                    {t('review.minScore', { min: c.minScore })}
                  </>
                }
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
        {saved && !score.isSuccess && (
          <Text size="sm" c="dimmed" data-testid="saved-sheet">
            {t('review.savedSheet', { revision: saved.revision })} <DateTime iso={saved.updatedAt} />
          </Text>
        )}
        <Group>
          <Button type="submit" loading={score.isPending}>
            {saved ? t('review.reviseScore') : t('review.submitScore')}
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

/** On a closed panel the scores can no longer change: the reviewer's own sheet on the bid, to read, and nothing to press. */
function LockedScores({ criteria, sheet }: { criteria: Criterion[]; sheet: MyScoreSheet | undefined }) {
  const { t, lang } = useI18n();
  const score = (value: number | null | undefined) => (value === null || value === undefined ? '—' : value.toFixed(2));
  const weighted = sheet ? weightedScore(criteria, sheetValues(sheet, criteria).scores) : null;
  return (
    <Card withBorder padding="sm" data-testid="locked-scores">
      <Title order={3} size="h5" mb="xs">
        {t('review.lockedTitle')}
      </Title>
      {!sheet ? (
        <Text size="sm" c="dimmed">
          {t('review.notScored')}
        </Text>
      ) : (
        <Stack gap="xs">
          <Table withTableBorder>
            <Table.Tbody>
              {criteria.map((c) => (
                <Table.Tr key={c.key}>
                  <Table.Th scope="row">{t('review.criterion', { name: criterionName(c, lang), weight: c.weight })}</Table.Th>
                  <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{score(sheet.scores[c.key])}</Table.Td>
                </Table.Tr>
              ))}
              <Table.Tr>
                <Table.Th scope="row">{t('review.lockedWeighted')}</Table.Th>
                <Table.Td fw={700} style={{ fontVariantNumeric: 'tabular-nums' }}>
                  {score(weighted)}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
          <Text size="sm">
            <Text span fw={600}>
              {t('review.myComment')}
            </Text>
            {sheet.comment ?? t('review.noComment')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('review.savedSheet', { revision: sheet.revision })} <DateTime iso={sheet.updatedAt} />
          </Text>
        </Stack>
      )}
    </Card>
  );
}

/** The conflicts of interest the reviewer declared on the challenge (those bids are no longer in the list). */
function MyConflicts({ conflicts }: { conflicts: MyScores['conflicts'] }) {
  const { t } = useI18n();
  if (conflicts.length === 0) return null;
  return (
    <Card withBorder padding="sm" component="section" aria-labelledby="my-conflicts-title" data-testid="my-conflicts">
      <Title order={3} size="h5" mb="xs" id="my-conflicts-title">
        {t('review.myConflicts')}
      </Title>
      <Stack gap={4}>
        {conflicts.map((k) => (
          <Text size="sm" key={k.bidId}>
            <Text span fw={600}>
              {k.organizationName}
            </Text>
            {t('review.conflictDeclared', { reason: k.reason })} <DateTime iso={k.declaredAt} />
          </Text>
        ))}
      </Stack>
    </Card>
  );
}

/** The bids, each with its details and the reviewer's sheet: the form (from the saved sheet) while open, read-only once closed. */
function BidList({
  challengeId,
  bids,
  criteria,
  sheets,
  closed,
}: {
  challengeId: string;
  bids: BidView[];
  criteria: Criterion[];
  sheets: MyScoreSheet[];
  closed: boolean;
}) {
  const { t } = useI18n();
  const sheetOf = (bidId: string) => sheets.find((x) => x.bidId === bidId);
  return (
    <Accordion variant="separated" multiple>
      {bids.map((bid, i) => (
        <Accordion.Item key={bid.id} value={bid.id}>
          <Accordion.Control>
            <Group gap="xs">
              <Text fw={600}>{t('review.bidN', { n: i + 1 })}</Text>
              <BidStatusBadge status={bid.status} />
              <Money fen={bid.requestedFundingFen} />
              {sheetOf(bid.id) && (
                <Badge variant="light" color="teal" c="dark.7">
                  {t('review.scored')}
                </Badge>
              )}
            </Group>
          </Accordion.Control>
          <Accordion.Panel>
            <Stack gap="md">
              <BidDetails bid={bid} withDocuments />
              {closed ? (
                <LockedScores criteria={criteria} sheet={sheetOf(bid.id)} />
              ) : (
                <>
                  <Card withBorder padding="sm">
                    <ScoreForm bid={bid} criteria={criteria} saved={sheetOf(bid.id)} />
                  </Card>
                  <ConflictForm challengeId={challengeId} bid={bid} />
                </>
              )}
            </Stack>
          </Accordion.Panel>
        </Accordion.Item>
      ))}
    </Accordion>
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
  const mine = useMyScores(challenge.id, afterDeadline);
  const closed =
    Boolean(mine.data?.panelClosedAt) ||
    assignments.data?.items.some((a) => a.challengeId === challenge.id && a.panelClosedAt !== null) === true;
  const ranking = useRanking(challenge.id, 'none', afterDeadline && closed);
  if (!afterDeadline)
    return (
      <Alert color="gray" title={t('review.sealed')}>
        {t('review.sealedHint')} <DateTime iso={challenge.bidDeadline} />
      </Alert>
    );
  if (bids.isPending || criteria.isPending || assignments.isPending || mine.isPending || (closed && ranking.isPending))
    return <Loading />;
  if (assignments.isError) return <ErrorState error={assignments.error} onRetry={() => void assignments.refetch()} />;
  if (mine.isError) return <ErrorState error={mine.error} onRetry={() => void mine.refetch()} />;
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
        <BidList
          challengeId={challenge.id}
          bids={bids.data.items}
          criteria={criteria.data.criteria}
          sheets={mine.data.sheets}
          closed={closed}
        />
      )}
      <MyConflicts conflicts={mine.data.conflicts} />
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
