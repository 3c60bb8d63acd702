import {
  Alert,
  Anchor,
  Button,
  Card,
  Fieldset,
  Grid,
  Group,
  Modal,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { useBids, useOrganization, useSubmitBid, useWithdrawBid, type BidView } from '../api/bids';
import type { Challenge } from '../api/client';
import { mapProblem, problemMessages, problemOf } from '../api/problem';
import { useChallenge } from '../api/queries';
import { translateServerMessage } from '../api/server-messages';
import { useSession } from '../auth/session';
import { BidDetails, BidReceipt } from '../components/BidReceipt';
import { DateTime, useNow } from '../components/format';
import { FundingCheck } from '../components/FundingCheck';
import { RequireRole } from '../components/RequireRole';
import { ErrorState, Loading, Success } from '../components/states';
import {
  bidHasField,
  emptyBid,
  emptyMilestone,
  formatFenBig,
  shareSum,
  toBidBody,
  trancheSum,
  validateBid,
  valuesOfBid,
  type BidErrors,
  type BidValues,
} from '../forms/bid-form';
import { creditCodeFeedback } from '../forms/credit-code';
import { useI18n } from '../i18n/i18n';

/** The live sum of the tranches against the request. */
export function TrancheTally({ values }: { values: Pick<BidValues, 'requested' | 'milestones'> }) {
  const { t } = useI18n();
  const sum = trancheSum(values);
  const color = sum.balanced ? 'teal.9' : 'red.9';
  return (
    <Text size="sm" c={color} aria-live="polite" data-testid="tranche-tally" data-balanced={sum.balanced}>
      {t('bid.tally', { sum: formatFenBig(sum.sumFen) })}
      {sum.leftFen === null
        ? ` · ${t('bid.tallyNoRequest')}`
        : sum.leftFen === 0n
          ? ` · ${t('bid.tallyOk')}`
          : sum.leftFen > 0n
            ? ` · ${t('bid.tallyLeft', { amount: formatFenBig(sum.leftFen) })}`
            : ` · ${t('bid.tallyOver', { amount: formatFenBig(-sum.leftFen) })}`}
    </Text>
  );
}

export function ShareTally({ values }: { values: Pick<BidValues, 'leadShare' | 'members'> }) {
  const { t } = useI18n();
  const s = shareSum(values);
  return (
    <Text size="sm" c={s.balanced ? 'teal.9' : 'red.9'} aria-live="polite" data-testid="share-tally" data-balanced={s.balanced}>
      {t('bid.shareTally', { total: s.total })}
    </Text>
  );
}

function MemberRow({
  index,
  value,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  value: BidValues['members'][number];
  errors: BidErrors;
  onChange: (v: BidValues['members'][number]) => void;
  onRemove: () => void;
}) {
  const { t, lang } = useI18n();
  const feedback = creditCodeFeedback(value.creditCode, lang);
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

export function BidForm({
  challenge,
  initial,
  bidId,
  leadCreditCode,
  onDone,
  onCancel,
}: {
  challenge: Challenge;
  initial?: BidValues;
  bidId?: string;
  leadCreditCode: string | null;
  onDone: (bid: BidView) => void;
  onCancel?: () => void;
}) {
  const { t, lang } = useI18n();
  const [values, setValues] = useState<BidValues>(() => initial ?? emptyBid(challenge));
  const [errors, setErrors] = useState<BidErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  const submit = useSubmitBid(challenge.id);
  const consortium = challenge.eligibility.consortiumAllowed;

  const set = (patch: Partial<BidValues>, clear: string[] = []) => {
    setValues((v) => ({ ...v, ...patch }));
    if (clear.length) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !clear.includes(k))));
  };
  const setMilestone = (i: number, patch: Partial<BidValues['milestones'][number]>) =>
    setValues((v) => ({ ...v, milestones: v.milestones.map((m, j) => (j === i ? { ...m, ...patch } : m)) }));

  const send = () => {
    const found = validateBid(values, challenge, { lang, leadCreditCode });
    setErrors(found);
    setGeneral(Object.keys(found).length ? [t('common.fixErrors')] : []);
    if (Object.keys(found).length) return;
    submit.mutate(
      { bidId, body: toBidBody(values, challenge, leadCreditCode) },
      {
        onSuccess: onDone,
        onError: (error) => {
          const problem = problemOf(error);
          const mapped = mapProblem(problem, { lang, hasField: bidHasField });
          // A 422 of the funding rule concerns the request.
          if (problem.status === 422 && !problem.errors?.length && problem.detail) {
            mapped.fields.requestedFundingFen = translateServerMessage(problem.detail, lang);
            mapped.general = [];
          } else if (!problem.errors?.length) mapped.general = problemMessages(error, lang);
          setErrors(mapped.fields);
          setGeneral(mapped.general);
        },
      },
    );
  };

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
      aria-labelledby="bid-form-title"
    >
      <Stack>
        <Title order={2} size="h3" id="bid-form-title">
          {bidId ? t('bid.replaceTitle') : t('bid.formTitle')}
        </Title>
        {general.length > 0 && (
          <Alert color="red" role="alert" title={t('common.error')} data-testid="bid-general-errors">
            {general.map((g) => (
              <Text key={g} size="sm">
                {g}
              </Text>
            ))}
          </Alert>
        )}
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

        <Fieldset legend={t('bid.milestones')}>
          <Stack gap="md">
            <Text size="sm" c="dimmed">
              {t('bid.milestonesHint')}
            </Text>
            {values.milestones.map((m, i) => (
              <Card key={i} withBorder padding="sm" component="fieldset" aria-label={t('bid.milestoneN', { n: i + 1 })}>
                <Grid gap="xs">
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <TextInput
                      label={t('bid.milestone.titleN', { n: i + 1 })}
                      required
                      maxLength={200}
                      value={m.title}
                      error={errors[`milestones.${i}.title`]}
                      onChange={(e) => setMilestone(i, { title: e.currentTarget.value })}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 6 }}>
                    <TextInput
                      type="datetime-local"
                      label={t('bid.milestone.dueAtN', { n: i + 1 })}
                      required
                      value={m.dueAt}
                      error={errors[`milestones.${i}.dueAt`]}
                      onChange={(e) => setMilestone(i, { dueAt: e.currentTarget.value })}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 8 }}>
                    <Textarea
                      label={t('bid.milestone.deliverableN', { n: i + 1 })}
                      required
                      autosize
                      minRows={1}
                      maxLength={5000}
                      value={m.deliverable}
                      error={errors[`milestones.${i}.deliverable`]}
                      onChange={(e) => setMilestone(i, { deliverable: e.currentTarget.value })}
                    />
                  </Grid.Col>
                  <Grid.Col span={{ base: 12, sm: 4 }}>
                    <TextInput
                      label={t('bid.milestone.trancheN', { n: i + 1 })}
                      required
                      inputMode="decimal"
                      value={m.tranche}
                      error={errors[`milestones.${i}.trancheFen`]}
                      onChange={(e) => {
                        setMilestone(i, { tranche: e.currentTarget.value });
                        setErrors((er) => ({ ...er, milestones: '', [`milestones.${i}.trancheFen`]: '' }));
                      }}
                    />
                  </Grid.Col>
                </Grid>
                {values.milestones.length > 1 && (
                  <Group justify="flex-end" mt="xs">
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => set({ milestones: values.milestones.filter((_, j) => j !== i) })}
                    >
                      {t('bid.removeMilestone', { n: i + 1 })}
                    </Button>
                  </Group>
                )}
              </Card>
            ))}
            <TrancheTally values={values} />
            {errors.milestones && (
              <Text size="sm" c="red.9" role="alert" data-testid="milestones-error">
                {errors.milestones}
              </Text>
            )}
            <Group>
              <Button
                variant="light"
                onClick={() => set({ milestones: [...values.milestones, emptyMilestone()] })}
                disabled={values.milestones.length >= 50}
              >
                {t('bid.addMilestone')}
              </Button>
            </Group>
          </Stack>
        </Fieldset>

        {consortium && (
          <Fieldset legend={t('bid.consortium')}>
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                {t('bid.consortiumHint', { n: challenge.eligibility.maxMembers })}
              </Text>
              {values.members.length > 0 && (
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
              )}
              {errors.consortium && (
                <Text size="sm" c="red.9" role="alert">
                  {errors.consortium}
                </Text>
              )}
              <Group>
                <Button
                  variant="light"
                  disabled={values.members.length + 1 >= challenge.eligibility.maxMembers}
                  onClick={() => set({ members: [...values.members, { creditCode: '', share: '' }] })}
                >
                  {t('bid.addMember')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        )}

        <Group>
          <Button type="submit" loading={submit.isPending}>
            {bidId ? t('bid.replace') : t('bid.submit')}
          </Button>
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}

function WithdrawButton({ challengeId, bidId }: { challengeId: string; bidId: string }) {
  const { t, lang } = useI18n();
  const [open, setOpen] = useState(false);
  const withdraw = useWithdrawBid(challengeId);
  return (
    <>
      <Button color="red.9" variant="outline" onClick={() => setOpen(true)}>
        {t('bid.withdraw')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('bid.withdrawConfirmTitle')}>
        <Stack>
          <Text size="sm">{t('bid.withdrawConfirm')}</Text>
          {withdraw.isError && <ErrorState error={withdraw.error} messages={problemMessages(withdraw.error, lang)} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('common.cancel')}
            </Button>
            <Button
              color="red.9"
              loading={withdraw.isPending}
              onClick={() => withdraw.mutate(bidId, { onSuccess: () => setOpen(false) })}
            >
              {t('bid.withdraw')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}

function BidWorkspace({ challenge }: { challenge: Challenge }) {
  const { t } = useI18n();
  const { user } = useSession();
  const bids = useBids(challenge.id);
  const org = useOrganization(user?.organizationId);
  const [editing, setEditing] = useState(false);
  const [justSubmitted, setJustSubmitted] = useState<BidView | null>(null);
  const now = useNow(15_000);
  if (bids.isPending || (user?.organizationId && org.isPending)) return <Loading />;
  if (bids.isError) return <ErrorState error={bids.error} onRetry={() => void bids.refetch()} />;
  const open = challenge.status === 'published' && new Date(challenge.bidDeadline).getTime() > now;
  const live = bids.data.items.find((b) => b.status !== 'withdrawn') ?? null;
  const current = justSubmitted && live && justSubmitted.id === live.id ? justSubmitted : live;
  const withdrawn = bids.data.items.filter((b) => b.status === 'withdrawn');
  const leadCreditCode = org.data?.creditCode ?? null;

  return (
    <Stack gap="lg">
      {justSubmitted && current && <Success title={t('bid.submitted')} testId="bid-submitted" />}
      {current && !editing && (
        <>
          <BidReceipt bid={current} />
          {open && (
            <Group>
              <Button variant="light" onClick={() => setEditing(true)}>
                {t('bid.replace')}
              </Button>
              <WithdrawButton challengeId={challenge.id} bidId={current.id} />
            </Group>
          )}
          <Card withBorder padding="md">
            <BidDetails bid={current} />
          </Card>
        </>
      )}
      {!open && !current && <Alert color="gray">{t('bid.closed')}</Alert>}
      {open && (!current || editing) && (
        <BidForm
          key={current?.id ?? 'new'}
          challenge={challenge}
          bidId={current?.id}
          initial={current ? valuesOfBid(current, challenge) : undefined}
          leadCreditCode={leadCreditCode}
          onCancel={editing ? () => setEditing(false) : undefined}
          onDone={(bid) => {
            setEditing(false);
            setJustSubmitted(bid);
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
            <Text key={b.id} size="sm" c="dimmed">
              <DateTime iso={typeof b.withdrawnAt === 'string' ? b.withdrawnAt : b.updatedAt} /> · {b.receipt.hash.slice(0, 16)}…
            </Text>
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
