import { Alert, Anchor, Button, Card, Group, List, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useClosePanel, useRanking, useReviewers, useShortlist, type RankingView } from '../api/bids';
import type { Challenge } from '../api/client';
import { problemMessages } from '../api/problem';
import { useChallenge } from '../api/queries';
import { useSession } from '../auth/session';
import { ReviewerPicker } from '../components/awards/ReviewerPicker';
import { CriteriaEditor } from '../components/CriteriaEditor';
import { DateTime, useNow } from '../components/format';
import { useConfirm, type ConfirmRequest } from '../components/feedback/ConfirmDialog';
import { RankingTable, rankingNumbers } from '../components/RankingTable';
import { RequireRole } from '../components/RequireRole';
import { Empty, ErrorState, Loading, Success } from '../components/states';
import { useI18n, type Lang, type Translate } from '../i18n/i18n';
import { formatFen } from '../lib/money';
import { useDocumentTitle } from '../lib/useDocumentTitle';

function Reviewers({ challenge }: { challenge: Challenge }) {
  const { t } = useI18n();
  const reviewers = useReviewers(challenge.id);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="reviewers-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="reviewers-title">
          {t('panel.reviewers')}
        </Title>
        {reviewers.isPending ? (
          <Loading />
        ) : reviewers.isError ? (
          <ErrorState error={reviewers.error} onRetry={() => void reviewers.refetch()} />
        ) : reviewers.data.items.length === 0 ? (
          <Text c="dimmed">{t('panel.noReviewers')}</Text>
        ) : (
          <List data-testid="reviewers">
            {reviewers.data.items.map((r) => (
              <List.Item key={r.userId}>
                {r.displayName} · <DateTime iso={r.assignedAt} />
              </List.Item>
            ))}
          </List>
        )}
        <ReviewerPicker challengeId={challenge.id} assigned={new Set(reviewers.data?.items.map((r) => r.userId))} />
      </Stack>
    </Card>
  );
}

/** Closing the panel and shortlisting, each after a confirmation: closing locks every score for good; shortlisting picks who goes on to awarding. */
function usePanelActions(challengeId: string, ranking: RankingView | undefined) {
  const { t, lang } = useI18n();
  const close = useClosePanel(challengeId);
  const shortlist = useShortlist(challengeId);
  const { confirm, dialog } = useConfirm();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const askClose = async () => {
    const ok = await confirm({
      title: t('confirm.closePanel.title'),
      body: t('confirm.closePanel.body'),
      confirmLabel: t('panel.close'),
    });
    if (ok) close.mutate();
  };
  const askShortlist = async () => {
    if (!ranking) return;
    const ok = await confirm(shortlistConfirmation(ranking, selected, t, lang));
    if (ok) shortlist.mutate([...selected], { onSuccess: () => setSelected(new Set()) });
  };
  return { close, shortlist, selected, toggle, askClose, askShortlist, dialog };
}

function Ranking({ challenge }: { challenge: Challenge }) {
  const { t, lang } = useI18n();
  const [normalize, setNormalize] = useState<'none' | 'z'>('none');
  const now = useNow(15_000);
  const afterDeadline = new Date(challenge.bidDeadline).getTime() <= now;
  const ranking = useRanking(challenge.id, normalize, afterDeadline);
  const { close, shortlist, selected, toggle, askClose, askShortlist, dialog } = usePanelActions(challenge.id, ranking.data);
  if (!afterDeadline)
    return (
      <Alert color="gray" title={t('review.sealed')}>
        {t('review.sealedHint')} <DateTime iso={challenge.bidDeadline} />
      </Alert>
    );
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="ranking-title">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap">
          <Title order={2} size="h3" id="ranking-title">
            {t('ranking.title')}
          </Title>
          <SegmentedControl
            size="xs"
            aria-label={t('ranking.normalize')}
            value={normalize}
            onChange={(v) => setNormalize(v as 'none' | 'z')}
            data={[
              { value: 'none', label: t('ranking.raw') },
              { value: 'z', label: t('ranking.z') },
            ]}
          />
        </Group>
        {ranking.isPending ? (
          <Loading />
        ) : ranking.isError ? (
          <ErrorState error={ranking.error} onRetry={() => void ranking.refetch()} />
        ) : ranking.data.items.length === 0 ? (
          <Empty title={t('review.noBids')} />
        ) : (
          <>
            <Text size="sm">{ranking.data.panelClosed ? t('panel.closed') : t('panel.open')}</Text>
            <RankingTable
              ranking={ranking.data}
              selected={ranking.data.panelClosed ? selected : undefined}
              onToggle={ranking.data.panelClosed ? toggle : undefined}
            />
          </>
        )}
        {close.isError && <ErrorState error={close.error} messages={problemMessages(close.error, lang)} />}
        {shortlist.isError && <ErrorState error={shortlist.error} messages={problemMessages(shortlist.error, lang)} />}
        {shortlist.isSuccess && <Success title={t('panel.shortlisted', { n: shortlist.data.shortlisted.length })} />}
        <Group>
          {ranking.data && !ranking.data.panelClosed && (
            <Button onClick={() => void askClose()} loading={close.isPending}>
              {t('panel.close')}
            </Button>
          )}
          {ranking.data?.panelClosed && (
            <Button disabled={selected.size === 0} loading={shortlist.isPending} onClick={() => void askShortlist()}>
              {t('panel.shortlist', { n: selected.size })}
            </Button>
          )}
        </Group>
      </Stack>
      {dialog}
    </Card>
  );
}

/** The confirmation before shortlisting: each chosen bid as the ranking names it, and the funding they request. */
export function shortlistConfirmation(
  ranking: RankingView,
  selected: ReadonlySet<string>,
  t: Translate,
  lang: Lang,
): ConfirmRequest {
  const numbers = rankingNumbers(ranking);
  const chosen = ranking.items
    .filter((r) => selected.has(r.bidId))
    .sort((a, b) => (numbers.get(a.bidId) ?? 0) - (numbers.get(b.bidId) ?? 0));
  const bids = chosen
    .map((r) =>
      t('confirm.shortlist.item', {
        label: t('review.bidN', { n: numbers.get(r.bidId) ?? r.rank }),
        org: r.organizationName,
        amount: formatFen(r.requestedFundingFen),
      }),
    )
    .join(lang === 'zh' ? '；' : '; ');
  return {
    title: t('confirm.shortlist.title', { n: chosen.length }),
    body: t('confirm.shortlist.body', { bids }),
    amountLabel: t('confirm.shortlist.amountLabel'),
    amount: formatFen(chosen.reduce((sum, r) => sum + r.requestedFundingFen, 0)),
    confirmLabel: t('panel.shortlist', { n: chosen.length }),
  };
}

/** The agency's review panel of one challenge: assign reviewers, close the panel, the ranking, the shortlist. */
export default function PanelPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const challenge = useChallenge(id);
  const now = useNow(15_000);
  useDocumentTitle(t('panel.title'), challenge.data?.title);
  return (
    <RequireRole role="agency">
      <Stack gap="lg" maw={1100}>
        {challenge.isPending ? (
          <Loading />
        ) : challenge.isError ? (
          <ErrorState error={challenge.error} />
        ) : challenge.data.agencyId !== user?.id ? (
          <Alert color="orange" title={t('error.403')} />
        ) : (
          <>
            <div>
              <Anchor component={Link} to={`/challenges/${id}`} size="sm">
                ← {challenge.data.title}
              </Anchor>
              <Title order={1}>{t('panel.title')}</Title>
              {challenge.data.status !== 'draft' && challenge.data.status !== 'published' && (
                <Anchor component={Link} to={`/agency/challenges/${id}/awards`} size="sm">
                  {t('awards.title')} →
                </Anchor>
              )}
            </div>
            {challenge.data.status === 'published' && new Date(challenge.data.bidDeadline).getTime() > now && (
              <CriteriaEditor challengeId={id} />
            )}
            <Reviewers challenge={challenge.data} />
            <Ranking challenge={challenge.data} />
          </>
        )}
      </Stack>
    </RequireRole>
  );
}
