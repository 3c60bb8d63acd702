import { Alert, Button, Group, Text } from '@mantine/core';
import { useDiscardBidDraft, type BidDraftView } from '../../api/bid-drafts';
import { problemMessages } from '../../api/problem';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/time';
import { useConfirm } from '../feedback/ConfirmDialog';
import { notify } from '../feedback/notify';

/** Says the form was filled from a saved draft (by whom, when, which files expired), and offers to discard it. */
export function BidDraftBanner({
  challengeId,
  draft,
  filesGone,
}: {
  challengeId: string;
  draft: BidDraftView;
  filesGone: number;
}) {
  const { t, lang } = useI18n();
  const discard = useDiscardBidDraft(challengeId);
  const { confirm, dialog } = useConfirm();
  const ask = async () => {
    const ok = await confirm({
      title: t('draft.discardTitle'),
      body: t('draft.discardBody'),
      confirmLabel: t('draft.discard'),
      danger: true,
    });
    if (ok) discard.mutate(undefined, { onSuccess: () => notify({ title: t('draft.discarded') }) });
  };
  return (
    <Alert color="blue" title={t('draft.loaded', { name: draft.savedByName, time: formatDateTime(draft.savedAt) })}>
      {filesGone > 0 && (
        <Text size="sm" fw={600} mb="xs">
          {t('draft.filesGone', { n: filesGone })}
        </Text>
      )}
      <Group>
        <Button size="xs" variant="default" c="red.9" loading={discard.isPending} onClick={() => void ask()}>
          {t('draft.discard')}
        </Button>
      </Group>
      {discard.isError && (
        <Text size="sm" c="red.9" role="alert">
          {problemMessages(discard.error, lang).join(' ')}
        </Text>
      )}
      {dialog}
    </Alert>
  );
}
