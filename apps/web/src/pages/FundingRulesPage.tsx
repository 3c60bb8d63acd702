import {
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  List,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api, call, type FundingRule, type Quote } from '../api/client';
import { mapProblem, problemOf } from '../api/problem';
import { useFundingRules } from '../api/queries';
import { Money } from '../components/format';
import { ErrorState, Loading } from '../components/states';
import { Fact } from '../components/Fact';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { formatBp, parseYuan } from '../lib/money';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { WideTable } from '../components/WideTable';

type AmountField = 'base' | 'requested' | 'granted';
const API_FIELDS: Record<string, AmountField> = { baseFen: 'base', requestedFen: 'requested', alreadyGrantedFen: 'granted' };

/** The clause as a reader of the language says it: 四 in Chinese, "4 (四)" in English. */
function useClauseLabel(): (rule: Pick<FundingRule, 'clause' | 'clauseNumber'>) => string {
  const { t } = useI18n();
  return (rule) => t('rules.clauseOf', { clause: rule.clause, number: rule.clauseNumber });
}

/** The API words `decidedBy` to follow a colon; standing alone it starts a sentence. */
const sentence = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

function RulesTable({ rules }: { rules: FundingRule[] }) {
  const { t, pick } = useI18n();
  const clauseLabel = useClauseLabel();
  return (
    <WideTable minWidth={720}>
      <Table striped withTableBorder verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('rules.clause')}</Table.Th>
            <Table.Th scope="col">{t('rules.funds')}</Table.Th>
            <Table.Th scope="col">{t('rules.base')}</Table.Th>
            <Table.Th scope="col">{t('rules.rate')}</Table.Th>
            <Table.Th scope="col">{t('rules.cap')}</Table.Th>
            <Table.Th scope="col">{t('rules.payment')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rules.map((rule) => (
            <Table.Tr key={rule.id} data-testid={`rule-${rule.id}`}>
              <Table.Td>{clauseLabel(rule)}</Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {pick(rule.title)}
                </Text>
                <Text size="xs" c="dimmed" lang="zh-CN">
                  {rule.limitTextZh}
                </Text>
              </Table.Td>
              <Table.Td>{rule.base ? pick(rule.base) : '—'}</Table.Td>
              <Table.Td>{rule.rateBp === null ? t('rules.noRate') : formatBp(rule.rateBp)}</Table.Td>
              <Table.Td>
                {!rule.amountSet ? (
                  // No cap to show: say that the measures set no amount, and who decides it.
                  <>
                    <Text size="sm">{t('rules.noAmount')}</Text>
                    {rule.decidedBy && (
                      <Text size="xs" c="dimmed" data-testid="decided-by">
                        {pick(rule.decidedBy)}
                      </Text>
                    )}
                  </>
                ) : rule.capFen === null ? (
                  t('rules.noCap')
                ) : (
                  <Money fen={rule.capFen} />
                )}
              </Table.Td>
              <Table.Td>{t(`payment.${rule.payment}` as MessageKey)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </WideTable>
  );
}

function QuoteResult({ quote }: { quote: Quote }) {
  const { t, pick } = useI18n();
  return (
    <Card withBorder padding="md" aria-live="polite" data-testid="quote-result">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} component="dl" spacing="sm">
          <Fact label={t('calc.allowed')} value={{ size: 'xl', fw: 700 }} testId="allowed">
            {quote.allowedFen === null ? t('calc.unlimited') : <Money fen={quote.allowedFen} />}
          </Fact>
          <Fact label={t('calc.binding')}>
            <Badge size="lg" color="red" variant="light" c="red.9" data-testid="binding" data-binding={quote.binding}>
              {t(`binding.${quote.binding}` as MessageKey)}
            </Badge>
          </Fact>
          <Fact label={t('calc.rateLimit')}>
            {quote.rateLimitFen === null ? '—' : <Money fen={quote.rateLimitFen} />}
            {quote.rateBp !== null && ` (${formatBp(quote.rateBp)})`}
          </Fact>
          <Fact label={t('calc.cap')}>{quote.capFen === null ? t('rules.noCap') : <Money fen={quote.capFen} />}</Fact>
        </SimpleGrid>
        <div>
          <Text size="sm" c="dimmed">
            {t('calc.explanation')}
          </Text>
          <Text data-testid="explanation">{pick(quote.explanation)}</Text>
        </div>
        {quote.requestedFen !== null &&
          (quote.violations.length ? (
            <Alert color="red" title={t('calc.violations')} variant="light">
              <List size="sm">
                {quote.violations.map((v) => (
                  <List.Item key={v.code}>{pick(v.message)}</List.Item>
                ))}
              </List>
            </Alert>
          ) : (
            <Alert color="green" variant="light" title={t('calc.ok')} />
          ))}
      </Stack>
    </Card>
  );
}

/** For a clause without an amount the calculator has nothing to compute: it says so, and who decides. */
function NoAmount({ rule }: { rule: FundingRule }) {
  const { t, pick } = useI18n();
  return (
    <Alert color="blue" variant="light" title={t('calc.noAmountTitle')} data-testid="no-amount" aria-live="polite">
      {t('calc.noAmount', { decidedBy: rule.decidedBy ? sentence(pick(rule.decidedBy)) : '—' })}
    </Alert>
  );
}

/** The chosen rule, the amounts typed (in yuan) and their errors, and the quote the server gives for them. */
function useCalculator(rules: FundingRule[]) {
  const { t, lang } = useI18n();
  const [ruleId, setRuleId] = useState(rules.find((r) => r.id === 'art4.core_tech')?.id ?? rules[0]?.id ?? '');
  const [values, setValues] = useState<Record<AmountField, string>>({ base: '', requested: '', granted: '' });
  const [errors, setErrors] = useState<Partial<Record<AmountField, string>>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const rule = rules.find((r) => r.id === ruleId);
  const needsBase = rule?.rateBp !== null && rule?.rateBp !== undefined;
  const noAmount = rule !== undefined && !rule.amountSet;

  const quote = useMutation({
    mutationFn: (body: { baseFen?: number; requestedFen?: number; alreadyGrantedFen?: number }) =>
      call(api.POST('/api/v1/funding-rules/{id}/quote', { params: { path: { id: ruleId } }, body })),
    onError: (error) => {
      const mapped = mapProblem(problemOf(error), {
        lang,
        rename: API_FIELDS,
        hasField: (p) => ['base', 'requested', 'granted'].includes(p),
      });
      setErrors(mapped.fields);
      setGeneral(mapped.general);
    },
  });

  const submit = () => {
    const next: Partial<Record<AmountField, string>> = {};
    const body: { baseFen?: number; requestedFen?: number; alreadyGrantedFen?: number } = {};
    const read = (field: AmountField, key: keyof typeof body, required: boolean) => {
      const parsed = parseYuan(values[field]);
      if (parsed.ok) body[key] = parsed.fen;
      else if (parsed.reason !== 'empty' || required)
        next[field] = t(
          parsed.reason === 'empty' ? 'money.empty' : parsed.reason === 'too_large' ? 'money.tooLarge' : 'money.format',
        );
    };
    if (needsBase) read('base', 'baseFen', true);
    read('requested', 'requestedFen', false);
    read('granted', 'alreadyGrantedFen', false);
    setErrors(next);
    setGeneral([]);
    if (Object.keys(next).length === 0) quote.mutate(body);
  };

  const setValue = (field: AmountField, value: string) => setValues((v) => ({ ...v, [field]: value }));
  const chooseRule = (id: string) => {
    setRuleId(id);
    quote.reset();
  };
  return { ruleId, chooseRule, rule, needsBase, noAmount, values, setValue, errors, general, quote, submit };
}

function Calculator({ rules }: { rules: FundingRule[] }) {
  const { t, pick } = useI18n();
  const clauseLabel = useClauseLabel();
  const { ruleId, chooseRule, rule, needsBase, noAmount, values, setValue, errors, general, quote, submit } =
    useCalculator(rules);

  const amount = (field: AmountField, label: MessageKey, description?: string) => (
    <TextInput
      label={t(label)}
      description={description}
      inputMode="decimal"
      value={values[field]}
      error={errors[field]}
      required={field === 'base'}
      onChange={(e) => setValue(field, e.currentTarget.value)}
    />
  );

  return (
    <Card withBorder padding="md" component="section" aria-labelledby="calc-title">
      <Stack>
        <Title order={2} size="h3" id="calc-title">
          {t('calc.title')}
        </Title>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!noAmount) submit();
          }}
        >
          <Grid gap="sm">
            <Grid.Col span={12}>
              <NativeSelect
                label={t('calc.rule')}
                value={ruleId}
                onChange={(e) => chooseRule(e.currentTarget.value)}
                data={rules.map((r) => ({ value: r.id, label: `${clauseLabel(r)} · ${pick(r.title)}` }))}
              />
            </Grid.Col>
            {noAmount && rule && (
              <Grid.Col span={12}>
                <NoAmount rule={rule} />
              </Grid.Col>
            )}
            {!noAmount && needsBase && (
              <Grid.Col span={{ base: 12, sm: 4 }}>
                {amount('base', 'calc.base', rule?.base ? pick(rule.base) : t('calc.baseHint'))}
              </Grid.Col>
            )}
            {!noAmount && (
              <>
                <Grid.Col span={{ base: 12, sm: 4 }}>{amount('requested', 'calc.requested')}</Grid.Col>
                <Grid.Col span={{ base: 12, sm: 4 }}>{amount('granted', 'calc.granted')}</Grid.Col>
                <Grid.Col span={12}>
                  <Group>
                    <Button type="submit" loading={quote.isPending}>
                      {t('calc.submit')}
                    </Button>
                  </Group>
                </Grid.Col>
              </>
            )}
          </Grid>
        </form>
        {general.length > 0 && <ErrorState error={quote.error} messages={general} />}
        {quote.data && !noAmount && <QuoteResult quote={quote.data} />}
      </Stack>
    </Card>
  );
}

export default function FundingRulesPage() {
  const { t } = useI18n();
  useDocumentTitle(t('rules.title'));
  const rules = useFundingRules();
  const withoutAmount = rules.data?.items.filter((r) => !r.amountSet).length ?? 0;
  return (
    <Stack gap="lg">
      <div>
        <Title order={1}>{t('rules.title')}</Title>
        <Text c="dimmed">{t('rules.intro')}</Text>
        {withoutAmount > 0 && <Text c="dimmed">{t('rules.introNoAmount', { count: withoutAmount })}</Text>}
      </div>
      {rules.isPending ? (
        <Loading />
      ) : rules.isError ? (
        <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
      ) : (
        <>
          <Calculator rules={rules.data.items} />
          <RulesTable rules={rules.data.items} />
          {rules.data.items[0] && (
            <Text size="sm" c="dimmed">
              {t('rules.effective', { from: rules.data.items[0].effective.firstDay, to: rules.data.items[0].effective.lastDay })}
            </Text>
          )}
        </>
      )}
    </Stack>
  );
}
