import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import type { BidView } from '../../api/bids';
import type { Challenge } from '../../api/client';
import type { BidValues } from '../../forms/bid-form';
import { useI18n } from '../../i18n/i18n';
import { BidConsortiumSection } from './BidConsortiumSection';
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

function SubmitBar({ replacing, sending, onCancel }: { replacing: boolean; sending: boolean; onCancel?: () => void }) {
  const { t } = useI18n();
  return (
    <Group>
      <Button type="submit" loading={sending}>
        {replacing ? t('bid.replace') : t('bid.submit')}
      </Button>
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
}

/** A team's bid: money (with the live funding check), proposal, milestones, consortium. */
export function BidForm(props: BidFormProps) {
  const { challenge, bidId, leadCreditCode, onCancel } = props;
  const { t } = useI18n();
  const form = useBidForm(props);
  const section = { values: form.values, errors: form.errors, set: form.set };
  return (
    <form
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
        <GeneralErrors messages={form.general} />
        <BidMoneySection challenge={challenge} {...section} />
        <BidProposalSection challenge={challenge} {...section} />
        <BidMilestonesSection {...section} setMilestone={form.setMilestone} setTranche={form.setTranche} />
        {challenge.eligibility.consortiumAllowed && (
          <BidConsortiumSection challenge={challenge} leadCreditCode={leadCreditCode} {...section} />
        )}
        <SubmitBar replacing={Boolean(bidId)} sending={form.sending} onCancel={onCancel} />
      </Stack>
    </form>
  );
}
