import { Fieldset, Stack, Textarea } from '@mantine/core';
import type { Challenge } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import type { BidSectionProps } from './useBidForm';

/** The proposal, and one plan for each objective of the challenge. */
export function BidProposalSection({ challenge, values, errors, set }: BidSectionProps & { challenge: Challenge }) {
  const { t } = useI18n();
  return (
    <Fieldset legend={t('bid.proposal')}>
      <Stack gap="sm">
        <Textarea
          label={t('bid.text')}
          required
          autosize
          minRows={4}
          maxLength={200_000}
          value={values.text}
          error={errors['proposal.text'] ?? errors.proposal}
          onChange={(e) => set({ text: e.currentTarget.value }, ['proposal.text', 'proposal'])}
        />
        {challenge.objectives.map((o, i) => (
          <Textarea
            key={o.metric}
            label={t('bid.approach', { metric: o.metric, target: `${o.target} ${o.unit}` })}
            required
            autosize
            minRows={2}
            maxLength={20_000}
            value={values.approach[i] ?? ''}
            error={errors[`proposal.approach.${i}.plan`] ?? errors[`proposal.approach.${i}.metric`]}
            onChange={(e) => {
              const plan = e.currentTarget.value;
              set({ approach: values.approach.map((a, j) => (j === i ? plan : a)) }, [`proposal.approach.${i}.plan`]);
            }}
          />
        ))}
      </Stack>
    </Fieldset>
  );
}
