import { Button, Fieldset, Grid, Group, Stack, Text, TextInput } from '@mantine/core';
import type { Challenge } from '../../api/client';
import { shareSum, type BidErrors, type BidValues, type MemberValues } from '../../forms/bid-form';
import { creditCodeFeedback } from '../../forms/credit-code';
import { useI18n } from '../../i18n/i18n';
import type { BidSectionProps } from './useBidForm';

/** The live sum of the consortium's shares against 100. */
export function ShareTally({ values }: { values: Pick<BidValues, 'leadShare' | 'members'> }) {
  const { t } = useI18n();
  const s = shareSum(values);
  return (
    <Text size="sm" c={s.balanced ? 'teal.9' : 'red.9'} aria-live="polite" data-testid="share-tally" data-balanced={s.balanced}>
      {t('bid.shareTally', { total: s.total })}
    </Text>
  );
}

interface MemberRowProps {
  index: number;
  value: MemberValues;
  errors: BidErrors;
  onChange: (v: MemberValues) => void;
  onRemove: () => void;
}

function MemberRow({ index, value, errors, onChange, onRemove }: MemberRowProps) {
  const { t, lang } = useI18n();
  const feedback = creditCodeFeedback(value.creditCode, lang);
  // Entry 0 of the consortium is the lead; members follow.
  const path = `consortium.${index + 1}`;
  return (
    <Grid gap="xs" align="flex-start">
      <Grid.Col span={{ base: 12, sm: 7 }}>
        <TextInput
          label={t('bid.memberCode', { n: index + 1 })}
          required
          autoComplete="off"
          spellCheck={false}
          maxLength={24}
          value={value.creditCode}
          styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', textTransform: 'uppercase' } }}
          description={
            feedback.state === 'valid'
              ? t('register.creditCodeOk', { authority: feedback.authority, category: feedback.category })
              : feedback.state === 'partial'
                ? `${t('register.creditCodeHint')} · ${feedback.typed}/18`
                : t('bid.memberHint')
          }
          error={errors[`${path}.creditCode`] ?? (feedback.state === 'invalid' ? feedback.message : undefined)}
          onChange={(e) => onChange({ ...value, creditCode: e.currentTarget.value })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 8, sm: 3 }}>
        <TextInput
          label={t('bid.share', { n: index + 1 })}
          required
          inputMode="numeric"
          rightSection="%"
          value={value.share}
          error={errors[`${path}.sharePercent`]}
          onChange={(e) => onChange({ ...value, share: e.currentTarget.value })}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 4, sm: 2 }} pt={{ base: 24, sm: 26 }}>
        <Button variant="default" onClick={onRemove} aria-label={t('bid.removeMember', { n: index + 1 })}>
          {t('common.remove')}
        </Button>
      </Grid.Col>
    </Grid>
  );
}

/** The lead's share and the members' rows, shown once there is a member (none: the organisation bids alone). */
function ConsortiumMembers({ values, errors, set, leadCreditCode }: BidSectionProps & { leadCreditCode: string | null }) {
  const { t } = useI18n();
  return (
    <>
      <TextInput
        label={t('bid.leadShare', { code: leadCreditCode ?? '—' })}
        required
        inputMode="numeric"
        rightSection="%"
        maw={280}
        value={values.leadShare}
        error={errors['consortium.0.sharePercent'] ?? errors['consortium.0.creditCode']}
        onChange={(e) => set({ leadShare: e.currentTarget.value }, ['consortium.0.sharePercent', 'consortium'])}
      />
      {values.members.map((m, i) => (
        <MemberRow
          key={i}
          index={i}
          value={m}
          errors={errors}
          onChange={(next) => set({ members: values.members.map((x, j) => (j === i ? next : x)) })}
          onRemove={() => set({ members: values.members.filter((_, j) => j !== i) })}
        />
      ))}
      <ShareTally values={values} />
    </>
  );
}

interface ConsortiumSectionProps extends BidSectionProps {
  challenge: Challenge;
  leadCreditCode: string | null;
}

/** Bidding with other organisations: the signed-in one leads, each member by credit code, shares adding up to 100. */
export function BidConsortiumSection({ challenge, values, errors, set, leadCreditCode }: ConsortiumSectionProps) {
  const { t } = useI18n();
  const { maxMembers } = challenge.eligibility;
  return (
    <Fieldset legend={t('bid.consortium')}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t('bid.consortiumHint', { n: maxMembers })}
        </Text>
        {values.members.length > 0 && (
          <Text size="sm" data-testid="consent-hint">
            {t('consents.formHint')}
          </Text>
        )}
        {values.members.length > 0 && (
          <ConsortiumMembers values={values} errors={errors} set={set} leadCreditCode={leadCreditCode} />
        )}
        {errors.consortium && (
          <Text size="sm" c="red.9" role="alert">
            {errors.consortium}
          </Text>
        )}
        <Group>
          <Button
            variant="light"
            // The lead counts towards the challenge's limit.
            disabled={values.members.length + 1 >= maxMembers}
            onClick={() => set({ members: [...values.members, { creditCode: '', share: '' }] })}
          >
            {t('bid.addMember')}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}
