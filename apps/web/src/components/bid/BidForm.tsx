import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useRef, useState } from 'react';
import type { BidView } from '../../api/bids';
import type { Challenge } from '../../api/client';
import type { BidValues } from '../../forms/bid-form';
import { useI18n } from '../../i18n/i18n';
import { ErrorSummary } from '../feedback/ErrorSummary';
import { BidConsortiumSection } from './BidConsortiumSection';
import { BidDocumentsSection } from './BidDocumentsSection';
import { BidMilestonesSection } from './BidMilestonesSection';
import { BidMoneySection } from './BidMoneySection';
import { BidProposalSection } from './BidProposalSection';
import { useBidForm } from './useBidForm';

function GeneralErrors({ messages }: { messages: string[] }) {
  const { t } = useI18n();
  if (messages.length === 0) return null;
  return (
    <Alert color="red" role="alert" title={t('common.error')} data-testid="bid-general-errors">
      {messages.map((g) => (
        <Text key={g} size="sm">
          {g}
        </Text>
      ))}
    </Alert>
  );
}

/** Saving the unfinished form on the server, for a bid not yet submitted. */
export interface DraftSaving {
  save: (values: BidValues) => void;
  saving: boolean;
}

function SubmitBar({
  replacing,
  sending,
  uploading,
  onCancel,
  onSaveDraft,
  savingDraft,
}: {
  replacing: boolean;
  sending: boolean;
  uploading: boolean;
  onCancel?: () => void;
  onSaveDraft?: () => void;
  savingDraft?: boolean;
}) {
  const { t } = useI18n();
  return (
    <Group>
      {/* Sent only once every file is up: a file still on its way would be left out of the bid. */}
      <Button type="submit" loading={sending} disabled={uploading}>
        {replacing ? t('bid.replace') : t('bid.submit')}
      </Button>
      {onSaveDraft && (
        <Button variant="default" loading={savingDraft} disabled={uploading} onClick={onSaveDraft}>
          {t('draft.save')}
        </Button>
      )}
      {uploading && (
        <Text size="sm" c="dimmed" role="status">
          {t('bid.docs.waitUploads')}
        </Text>
      )}
      {onCancel && (
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      )}
    </Group>
  );
}

export interface BidFormProps {
  challenge: Challenge;
  /** The bid being replaced, as form values; absent for a new bid. */
  initial?: BidValues;
  bidId?: string;
  leadCreditCode: string | null;
  onDone: (bid: BidView) => void;
  onCancel?: () => void;
  /** Offered for a new bid: save the form as the organisation's draft. */
  draft?: DraftSaving;
}

/** A team's bid: money (with the live funding check), proposal, milestones, consortium. */
export function BidForm(props: BidFormProps) {
  const { challenge, bidId, leadCreditCode, onCancel, draft } = props;
  const { t } = useI18n();
  const form = useBidForm(props);
  const [uploading, setUploading] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const section = { values: form.values, errors: form.errors, set: form.set };
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        form.send();
      }}
      aria-labelledby="bid-form-title"
    >
      <Stack>
        <Title order={2} size="h3" id="bid-form-title">
          {bidId ? t('bid.replaceTitle') : t('bid.formTitle')}
        </Title>
        <ErrorSummary formRef={formRef} attempt={form.attempt} hasErrors={Object.values(form.errors).some(Boolean)} />
        <GeneralErrors messages={form.general} />
        <BidMoneySection challenge={challenge} {...section} />
        <BidProposalSection challenge={challenge} {...section} />
        <BidMilestonesSection {...section} setMilestone={form.setMilestone} setTranche={form.setTranche} />
        {challenge.eligibility.consortiumAllowed && (
          <BidConsortiumSection challenge={challenge} leadCreditCode={leadCreditCode} {...section} />
        )}
        <BidDocumentsSection challenge={challenge} onUploading={setUploading} {...section} />
        <SubmitBar
          replacing={Boolean(bidId)}
          sending={form.sending}
          uploading={uploading}
          onCancel={onCancel}
          onSaveDraft={draft && (() => draft.save(form.values))}
          savingDraft={draft?.saving}
        />
      </Stack>
    </form>
  );
}
