import { Alert, Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { draftKeys, useSaveBidDraft } from '../api/bid-drafts';
import { useBids, useOrganization, useWithdrawBid, type BidView } from '../api/bids';
import type { Challenge } from '../api/client';
import { problemMessages } from '../api/problem';
import { useChallenge } from '../api/queries';
import { useSession } from '../auth/session';
import { BidDraftBanner } from '../components/bid/BidDraftBanner';
import { BidForm, type DraftSaving } from '../components/bid/BidForm';
import { useDraftStart, type DraftStart } from '../components/bid/useDraftStart';
import { BidDetails, BidReceipt } from '../components/BidReceipt';
import { MemberConsents } from '../components/consents/MemberConsents';
import { DateTime, useNow } from '../components/format';
import { useConfirm } from '../components/feedback/ConfirmDialog';
import { notify } from '../components/feedback/notify';
import { RequireRole } from '../components/RequireRole';
import { ErrorState, Loading, Success } from '../components/states';
import { valuesOfBid } from '../forms/bid-form';
import { useI18n } from '../i18n/i18n';
import { formatFen } from '../lib/money';
import { useDocumentTitle } from '../lib/useDocumentTitle';

function WithdrawButton({ challengeId, bid }: { challengeId: string; bid: BidView }) {
  const { t, lang } = useI18n();
  const withdraw = useWithdrawBid(challengeId);
  const { confirm, dialog } = useConfirm();
  const ask = async () => {
    const ok = await confirm({
      title: t('bid.withdrawConfirmTitle'),
      body: t('confirm.withdraw.body', { hash: bid.receipt.hash.slice(0, 16) }),
      amountLabel: t('confirm.withdraw.amountLabel'),
      amount: formatFen(bid.requestedFundingFen),
      confirmLabel: t('bid.withdraw'),
      danger: true,
    });
    if (ok)
      withdraw.mutate(bid.id, { onSuccess: () => notify({ title: t('notice.withdrawn'), message: t('notice.withdrawnHint') }) });
  };
  return (
    <>
      <Button color="red.9" variant="outline" loading={withdraw.isPending} onClick={() => void ask()}>
        {t('bid.withdraw')}
      </Button>
      {withdraw.isError && <ErrorState error={withdraw.error} messages={problemMessages(withdraw.error, lang)} />}
      {dialog}
    </>
  );
}

/** The bid withdrawn last: a new bid starts from its values rather than from nothing. */
const lastWithdrawn = (bids: BidView[]): BidView | null =>
  bids.filter((b) => b.status === 'withdrawn').sort((a, b) => withdrawnAt(b).localeCompare(withdrawnAt(a)))[0] ?? null;
const withdrawnAt = (b: BidView) => (typeof b.withdrawnAt === 'string' ? b.withdrawnAt : b.updatedAt);

/** Saves the form as the organisation's draft, and says so. */
function useDraftSaving(challengeId: string): DraftSaving {
  const { t, lang } = useI18n();
  const save = useSaveBidDraft(challengeId);
  return {
    saving: save.isPending,
    save: (values) =>
      save.mutate(values, {
        onSuccess: () => notify({ title: t('draft.saved'), message: t('draft.savedHint') }),
        onError: (error) => notify({ color: 'red', title: t('common.error'), message: problemMessages(error, lang).join(' ') }),
      }),
  };
}

/** Where the form came from when a draft was saved: the banner, or why the draft could not be read. */
function DraftNotes({ challengeId, start }: { challengeId: string; start: DraftStart }) {
  const { t } = useI18n();
  if (start.error !== null) return <Alert color="orange">{t('draft.unreadable')}</Alert>;
  if (!start.draft) return null;
  return <BidDraftBanner challengeId={challengeId} draft={start.draft} filesGone={start.filesGone} />;
}

function BidWorkspace({ challenge }: { challenge: Challenge }) {
  const { t } = useI18n();
  const { user } = useSession();
  const client = useQueryClient();
  const bids = useBids(challenge.id);
  const org = useOrganization(user?.organizationId);
  const [editing, setEditing] = useState(false);
  const [justSubmitted, setJustSubmitted] = useState<BidView | null>(null);
  const now = useNow(15_000);
  const open = challenge.status === 'published' && new Date(challenge.bidDeadline).getTime() > now;
  const live = bids.data?.items.find((b) => b.status !== 'withdrawn') ?? null;
  // A draft is where a new bid starts; with a live bid, the bid is.
  const draft = useDraftStart(challenge, open && bids.isSuccess && !live);
  const draftSaving = useDraftSaving(challenge.id);
  if (bids.isPending || (user?.organizationId && org.isPending) || draft.pending) return <Loading />;
  if (bids.isError) return <ErrorState error={bids.error} onRetry={() => void bids.refetch()} />;
  const current = justSubmitted && live && justSubmitted.id === live.id ? justSubmitted : live;
  const withdrawn = bids.data.items.filter((b) => b.status === 'withdrawn');
  const startFrom = current ?? lastWithdrawn(withdrawn);
  const leadCreditCode = org.data?.creditCode ?? null;
  const fromDraft = !current && draft.values;

  return (
    <Stack gap="lg">
      {justSubmitted && current && <Success title={t('bid.submitted')} testId="bid-submitted" />}
      {current && !editing && (
        <>
          <BidReceipt bid={current} />
          <MemberConsents bid={current} />
          {open && (
            <Group>
              <Button variant="light" onClick={() => setEditing(true)}>
                {t('bid.replace')}
              </Button>
              <WithdrawButton challengeId={challenge.id} bid={current} />
            </Group>
          )}
          <Card withBorder padding="md">
            <BidDetails bid={current} />
          </Card>
        </>
      )}
      {!open && !current && <Alert color="gray">{t('bid.closed')}</Alert>}
      {open && !current && <DraftNotes challengeId={challenge.id} start={draft} />}
      {open && (!current || editing) && (
        <BidForm
          key={current?.id ?? (fromDraft ? `draft-${draft.draft?.savedAt}` : `after-${startFrom?.id ?? 'none'}`)}
          challenge={challenge}
          bidId={current?.id}
          initial={fromDraft || (startFrom ? valuesOfBid(startFrom, challenge) : undefined)}
          leadCreditCode={leadCreditCode}
          onCancel={editing ? () => setEditing(false) : undefined}
          draft={current ? undefined : draftSaving}
          onDone={(bid) => {
            setEditing(false);
            setJustSubmitted(bid);
            // The server deleted the draft with the submission.
            client.setQueryData(draftKeys.draft(challenge.id), null);
            void client.invalidateQueries({ queryKey: draftKeys.all, exact: true });
            window.scrollTo({ top: 0 });
          }}
        />
      )}
      {withdrawn.length > 0 && (
        <Stack gap={4}>
          <Title order={2} size="h5">
            {t('bid.withdrawnBids')}
          </Title>
          {withdrawn.map((b) => (
            <Stack key={b.id} gap={4}>
              <Text size="sm" c="dimmed">
                <DateTime iso={withdrawnAt(b)} /> · {b.receipt.hash.slice(0, 16)}…
              </Text>
              {b.withdrawnReason && <MemberConsents bid={b} />}
            </Stack>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/** A team's bid on a challenge: the form (live funding check, milestones, consortium), then the receipt; replace, withdraw. */
export default function BidPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const challenge = useChallenge(id);
  useDocumentTitle(t('bid.title'), challenge.data?.title);
  return (
    <RequireRole role="team" message={t('bid.teamOnly')}>
      <Stack gap="lg" maw={960}>
        {challenge.isPending ? (
          <Loading />
        ) : challenge.isError ? (
          <ErrorState error={challenge.error} onRetry={() => void challenge.refetch()} />
        ) : (
          <>
            <div>
              <Anchor component={Link} to={`/challenges/${id}`} size="sm">
                ← {challenge.data.title}
              </Anchor>
              <Title order={1}>{t('bid.title')}</Title>
              <Text size="sm" c="dimmed">
                {t('challenge.bidDeadline')}: <DateTime iso={challenge.data.bidDeadline} /> ({t('common.tz')})
              </Text>
            </div>
            <BidWorkspace challenge={challenge.data} />
          </>
        )}
      </Stack>
    </RequireRole>
  );
}
