import { Button, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useAward, useBid } from '../../api/awards';
import { useQuote } from '../../api/bids';
import type { Challenge } from '../../api/client';
import { problemOf } from '../../api/problem';
import {
  awardProblem,
  awardQuoteInput,
  budgetLeftOf,
  toAwardBody,
  validateAward,
  type AwardValues,
} from '../../forms/award-form';
import { ruleOfTrack } from '../../forms/bid-form';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { fenToYuanText, formatFen } from '../../lib/money';
import { QuoteVerdict } from '../FundingCheck';
import { useConfirm } from '../feedback/ConfirmDialog';
import { ErrorState, Success } from '../states';
import { StaffPicker } from './StaffPicker';

/** The live verdict of the track's funding rule on the amount being typed. */
function AwardLiveCheck({
  challenge,
  budgetLeft,
  bidUnreadable,
  quote,
}: {
  challenge: Challenge;
  budgetLeft: number;
  bidUnreadable: boolean;
  quote: ReturnType<typeof useQuote>;
}) {
  const { t } = useI18n();
  return (
    <div aria-live="polite" data-testid="award-check">
      <Text size="sm" fw={600}>
        {t('awards.liveCheck', { rule: ruleOfTrack(challenge.track), left: formatFen(budgetLeft) })}
      </Text>
      {bidUnreadable ? (
        <Text size="sm" c="red.9">
          {t('awards.bidUnreadable')}
        </Text>
      ) : quote.data ? (
        <QuoteVerdict quote={quote.data} />
      ) : quote.isError ? (
        <Text size="sm" c="red.9">
          {problemOf(quote.error).detail}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('common.loading')}
        </Text>
      )}
    </div>
  );
}

/** The award's values, their client-side and server-side errors, the live quote and the submit. */
function useAwardForm(challenge: Challenge, bidId: string, requestedFen: number, label: string) {
  const { t, lang } = useI18n();
  const { confirm, dialog } = useConfirm();
  const [values, setValues] = useState<AwardValues>({ amount: fenToYuanText(requestedFen), programManagerId: '' });
  const [touched, setTouched] = useState(false);
  const [serverFields, setServerFields] = useState<Record<string, string>>({});
  const award = useAward(challenge.id);
  const bid = useBid(bidId);
  const budgetLeft = budgetLeftOf(challenge);
  const checked = validateAward(values, { requestedFen, maxAwardFen: challenge.maxAwardFen });
  const clientError = (field: keyof AwardValues) => {
    const key = checked.errors[field];
    return touched && key ? t(`awards.err.${key}` as MessageKey, { request: formatFen(requestedFen) }) : undefined;
  };
  const fieldError = (field: keyof AwardValues) => clientError(field) ?? serverFields[field];
  const quoteInput = awardQuoteInput(bid.data?.totalInvestmentFen, checked.amountFen, budgetLeft);
  const [debounced] = useDebouncedValue(quoteInput, 300);
  const quote = useQuote(ruleOfTrack(challenge.track), debounced);
  const mapped = award.isError ? awardProblem(problemOf(award.error), lang) : null;
  const set = (patch: Partial<AwardValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setServerFields((f) => {
      const next = { ...f };
      for (const k of Object.keys(patch)) delete next[k];
      return next;
    });
  };
  const submit = async () => {
    setTouched(true);
    if (checked.amountFen === null || Object.keys(checked.errors).length) return;
    const amountFen = checked.amountFen;
    const ok = await confirm({
      title: t('confirm.award.title'),
      body: t('confirm.award.body', { who: label, amount: formatFen(amountFen) }),
      amountLabel: t('confirm.award.amountLabel'),
      amount: formatFen(amountFen),
      confirmLabel: t('confirm.award.ok'),
    });
    if (!ok) return;
    award.mutate(toAwardBody(bidId, amountFen, values.programManagerId), {
      onSuccess: () => setServerFields({}),
      onError: (err) => setServerFields(awardProblem(problemOf(err), lang).fields),
    });
  };
  return { values, set, fieldError, award, bid, budgetLeft, quote, mapped, submit, dialog };
}

/**
 * The award of one bid: the amount (prefilled with the request, never above it), the program
 * manager, and the track's funding rule quoted live with the budget left as a ceiling — what the
 * server judges the award by. A refusal is shown beside the field it concerns.
 */
export function AwardForm({
  challenge,
  bidId,
  requestedFen,
  label,
}: {
  challenge: Challenge;
  bidId: string;
  requestedFen: number;
  /** Who is awarded (for the form's accessible name). */
  label: string;
}) {
  const { t } = useI18n();
  const form = useAwardForm(challenge, bidId, requestedFen, label);
  const { values, set, fieldError, award, bid, budgetLeft, quote, mapped, submit } = form;
  const idBase = `award-${bidId.slice(0, 8)}`;
  return (
    <form
      noValidate
      aria-label={t('awards.formLabel', { who: label })}
      data-testid={`award-form-${bidId}`}
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <Stack gap="xs">
        <Group align="flex-start" grow wrap="wrap">
          <TextInput
            id={`${idBase}-amount`}
            label={t('awards.amount')}
            description={t('awards.amountHint', { request: formatFen(requestedFen) })}
            inputMode="decimal"
            required
            value={values.amount}
            error={fieldError('amount')}
            onChange={(e) => set({ amount: e.currentTarget.value })}
            miw={220}
          />
          <StaffPicker
            role="program_manager"
            label={t('awards.programManager')}
            value={values.programManagerId}
            onChange={(id) => set({ programManagerId: id })}
            error={fieldError('programManagerId')}
          />
        </Group>
        <AwardLiveCheck challenge={challenge} budgetLeft={budgetLeft} bidUnreadable={bid.isError} quote={quote} />
        {mapped && mapped.general.length > 0 && <ErrorState error={award.error} messages={mapped.general} />}
        {mapped?.allowedFen !== null && mapped?.allowedFen !== undefined && (
          <Text size="sm" data-testid="award-allowed">
            {t('awards.allowedHint', { allowed: formatFen(mapped.allowedFen) })}
          </Text>
        )}
        {award.isSuccess && <Success title={t('awards.awarded', { amount: formatFen(award.data.amountFen) })} />}
        <Group>
          <Button type="submit" loading={award.isPending} disabled={award.isSuccess}>
            {t('awards.award')}
          </Button>
        </Group>
      </Stack>
      {form.dialog}
    </form>
  );
}
