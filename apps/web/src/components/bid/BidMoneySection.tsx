import { Fieldset, Grid, Stack, TextInput } from '@mantine/core';
import type { Challenge } from '../../api/client';
import { useI18n } from '../../i18n/i18n';
import { FundingCheck } from '../FundingCheck';
import type { BidSectionProps } from './useBidForm';

/** The investment and the request, with the funding rule's live verdict on them. */
export function BidMoneySection({ challenge, values, errors, set }: BidSectionProps & { challenge: Challenge }) {
  const { t } = useI18n();
  return (
    <Fieldset legend={t('bid.money')}>
      <Stack gap="sm">
        <Grid gap="sm">
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('bid.totalInvestment')}
              description={t('bid.totalInvestmentHint')}
              required
              inputMode="decimal"
              value={values.totalInvestment}
              error={errors.totalInvestmentFen}
              onChange={(e) => set({ totalInvestment: e.currentTarget.value }, ['totalInvestmentFen'])}
            />
          </Grid.Col>
          <Grid.Col span={{ base: 12, sm: 6 }}>
            <TextInput
              label={t('bid.requested')}
              description={t('bid.requestedHint')}
              required
              inputMode="decimal"
              value={values.requested}
              error={errors.requestedFundingFen}
              onChange={(e) => set({ requested: e.currentTarget.value }, ['requestedFundingFen', 'milestones'])}
            />
          </Grid.Col>
        </Grid>
        <FundingCheck challenge={challenge} totalInvestment={values.totalInvestment} requested={values.requested} />
      </Stack>
    </Fieldset>
  );
}
