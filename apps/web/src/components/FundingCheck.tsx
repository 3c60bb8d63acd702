import { Alert, Badge, Card, Group, List, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuote, type QuoteInput } from '../api/bids';
import { useFundingRules } from '../api/queries';
import type { Challenge, Quote } from '../api/client';
import { problemOf } from '../api/problem';
import { translateServerMessage } from '../api/server-messages';
import { ruleOfTrack } from '../forms/bid-form';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { parseYuan } from '../lib/money';
import { Money } from './format';

/** A rule as its reader names it — its clause and title ("第四条 …"), never its id. */
function useRuleName(ruleId: string): string | null {
  const { t, pick } = useI18n();
  const rule = useFundingRules().data?.items?.find((r) => r.id === ruleId);
  return rule ? `${t('rules.clauseOf', { clause: rule.clause, number: rule.clauseNumber })} ${pick(rule.title)}` : null;
}

/** What the quote says, for a bid: the largest request allowed, what binds it, and whether this request fits. */
export function QuoteVerdict({ quote }: { quote: Quote }) {
  const { t, pick } = useI18n();
  const fits = quote.requestedFen !== null && quote.violations.length === 0;
  return (
    <Stack gap={6}>
      <Group gap="xs" wrap="wrap">
        <Text size="sm">{t('bid.check.allowed')}</Text>
        <Text fw={700} data-testid="bid-allowed">
          {quote.allowedFen === null ? t('calc.unlimited') : <Money fen={quote.allowedFen} />}
        </Text>
        <Badge color="red" variant="light" c="red.9" data-testid="bid-binding" data-binding={quote.binding}>
          {t(`binding.${quote.binding}` as MessageKey)}
        </Badge>
      </Group>
      <Text size="sm" data-testid="bid-explanation">
        {pick(quote.explanation)}
      </Text>
      {quote.requestedFen !== null &&
        (fits ? (
          <Text size="sm" c="teal.9" fw={600} data-testid="bid-fits">
            {t('bid.check.ok')}
          </Text>
        ) : (
          <Alert color="red" variant="light" title={t('calc.violations')} data-testid="bid-violations">
            <List size="sm">
              {quote.violations.map((v) => (
                <List.Item key={v.code}>{pick(v.message)}</List.Item>
              ))}
            </List>
          </Alert>
        ))}
    </Stack>
  );
}

/**
 * The live funding-rule check of a bid: as total investment and request are typed, the track's rule
 * (art4.core_tech / art4.pm_major) is quoted by the server with the challenge's per-award maximum
 * (or its budget) as the remaining budget — what the server will judge the bid by.
 */
export function FundingCheck({
  challenge,
  totalInvestment,
  requested,
}: {
  challenge: Pick<Challenge, 'track' | 'maxAwardFen' | 'budgetFen'>;
  totalInvestment: string;
  requested: string;
}) {
  const { t, lang } = useI18n();
  const rule = ruleOfTrack(challenge.track);
  const ruleName = useRuleName(rule);
  const base = parseYuan(totalInvestment);
  const req = parseYuan(requested);
  const input: QuoteInput | null = base.ok
    ? {
        baseFen: base.fen,
        requestedFen: req.ok ? req.fen : undefined,
        // Both ceilings, so the answer names the one that binds (per-award maximum or budget).
        remainingBudgetFen: challenge.budgetFen,
        maxAwardFen: challenge.maxAwardFen ?? null,
      }
    : null;
  const [debounced] = useDebouncedValue(input, 300);
  const quote = useQuote(rule, debounced);
  return (
    <Card
      withBorder
      padding="sm"
      aria-live="polite"
      data-testid="funding-check"
      component="section"
      aria-label={t('bid.check.title')}
    >
      <Stack gap="xs">
        <Text fw={600} size="sm">
          {t('bid.check.title')}
          {ruleName && ` · ${ruleName}`}
        </Text>
        {!input ? (
          <Text size="sm" c="dimmed">
            {t('bid.check.typeInvestment')}
          </Text>
        ) : quote.isError ? (
          <Text size="sm" c="red.9" role="alert">
            {translateServerMessage(problemOf(quote.error).detail ?? t('common.error'), lang)}
          </Text>
        ) : quote.data ? (
          <QuoteVerdict quote={quote.data} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('common.loading')}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
