import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Divider,
  Group,
  List,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  Timeline,
  Title,
} from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import type { Challenge, Question } from '../api/client';
import { mapProblem, problemOf } from '../api/problem';
import { useAnswer, useAsk, useChallenge, usePublish, useQuestions } from '../api/queries';
import { withReturnPath } from '../auth/return-path';
import { useSession } from '../auth/session';
import { StatusBadge } from '../components/ChallengeCard';
import { ChallengeManagement } from '../components/awards/ChallengeManagement';
import { ChallengeDocuments } from '../components/documents/ChallengeDocuments';
import { OpeningRecord } from '../components/documents/OpeningRecord';
import { ChallengeResults } from '../components/portfolio/ChallengeResults';
import { Countdown, DateTime, Money, useNow } from '../components/format';
import { Fact as Term } from '../components/Fact';
import { useConfirm } from '../components/feedback/ConfirmDialog';
import { notify } from '../components/feedback/notify';
import { Empty, ErrorState, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { FIELDS, INDUSTRIES, MECHANISMS, TRACKS, ZONES } from '../lib/taxonomy';
import { formatFen } from '../lib/money';
import { formatDateTime } from '../lib/time';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { WideTable } from '../components/WideTable';

/** The challenge's key facts, their values a little heavier than the text around them. */
const Fact = (props: { label: string; children: ReactNode }) => <Term value={{ fw: 500 }} {...props} />;

function ChallengeTimeline({ challenge }: { challenge: Challenge }) {
  const { t } = useI18n();
  const now = useNow(60_000);
  const events: { at: string; title: string; note?: string }[] = [];
  if (challenge.publishedAt) events.push({ at: challenge.publishedAt, title: t('challenge.published') });
  events.push({ at: challenge.bidDeadline, title: t('challenge.bidDeadline') });
  for (const stage of challenge.stages) {
    events.push({
      at: stage.endsAt,
      title: t('challenge.stage', { name: stage.name }),
      note: t('challenge.stageAdvancing', { n: stage.advancingSlots }),
    });
  }
  events.push({ at: challenge.projectEndsAt, title: t('challenge.projectEnds') });
  const active = events.filter((e) => new Date(e.at).getTime() <= now).length - 1;
  return (
    <Timeline active={active} bulletSize={14} lineWidth={2} color="red.8">
      {events.map((event) => (
        <Timeline.Item key={`${event.title}-${event.at}`} title={event.title}>
          <Text size="sm">
            <DateTime iso={event.at} />{' '}
            <Text span size="xs" c="dimmed">
              ({t('common.tz')})
            </Text>
          </Text>
          {event.note && (
            <Text size="sm" c="dimmed">
              {event.note}
            </Text>
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

function AnswerForm({ challengeId, question }: { challengeId: string; question: Question }) {
  const { t, lang } = useI18n();
  const answer = useAnswer(challengeId);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setError(undefined);
        answer.mutate(
          { qid: question.id, text },
          {
            onError: (err) => {
              const mapped = mapProblem(problemOf(err), { lang, hasField: (p) => p === 'text' });
              setError(mapped.fields.text ?? mapped.general.join('\n'));
            },
          },
        );
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('challenge.answer')}
          placeholder={t('challenge.answerPlaceholder')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={error}
          autosize
          minRows={2}
          maxLength={5000}
          required
        />
        <Group>
          <Button type="submit" size="xs" loading={answer.isPending}>
            {t('challenge.sendAnswer')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AskForm({ challengeId }: { challengeId: string }) {
  const { t, lang } = useI18n();
  const ask = useAsk(challengeId);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        setError(undefined);
        if (!text.trim()) {
          setError(lang === 'zh' ? '不能为空' : 'must not be blank');
          return;
        }
        ask.mutate(text, {
          onSuccess: () => setText(''),
          onError: (err) => {
            const mapped = mapProblem(problemOf(err), { lang, hasField: (p) => p === 'text' });
            setError(mapped.fields.text ?? mapped.general.join('\n'));
          },
        });
      }}
    >
      <Stack gap="xs">
        <Textarea
          label={t('challenge.askLabel')}
          description={t('challenge.askHint')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          error={error}
          autosize
          minRows={2}
          maxLength={5000}
        />
        {ask.isSuccess && (
          <Text size="sm" c="green.9" role="status">
            {t('challenge.askSent')}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={ask.isPending}>
            {t('challenge.ask')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** For the owning agency: how many of the questions shown still wait for its answer (the "new question" notices lead here). */
function AwaitingAnswers({ questions }: { questions: Question[] }) {
  const { t } = useI18n();
  const n = questions.filter((q) => !q.answer).length;
  if (n === 0) return null;
  return (
    <Badge color="orange" variant="filled" c="dark.9" data-testid="awaiting-answers">
      {t('notes.awaitingAnswers', { n })}
    </Badge>
  );
}

function Questions({ challenge, owner }: { challenge: Challenge; owner: boolean }) {
  const { t } = useI18n();
  const { user } = useSession();
  const questions = useQuestions(challenge.id);
  const now = useNow(60_000);
  const open = challenge.status === 'published' && new Date(challenge.bidDeadline).getTime() > now;
  return (
    <Stack>
      <Group gap="sm" align="center">
        <Title order={2} size="h3">
          {t('challenge.questions')}
        </Title>
        {owner && <AwaitingAnswers questions={questions.data?.items ?? []} />}
      </Group>
      {questions.isPending ? (
        <Loading />
      ) : questions.isError ? (
        <ErrorState error={questions.error} onRetry={() => void questions.refetch()} />
      ) : questions.data.items.length === 0 ? (
        <Empty title={t('challenge.noQuestions')} />
      ) : (
        <Stack gap="sm">
          {questions.data.items.map((q) => (
            <Card key={q.id} withBorder padding="sm" component="article">
              <Stack gap={6}>
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <Text fw={600} style={{ whiteSpace: 'pre-wrap' }}>
                    {q.text}
                  </Text>
                  {!q.answer && (
                    <Badge color="orange" variant="light" c="dark.7">
                      {q.askedByMe ? t('challenge.yourQuestion') : t('challenge.unanswered')}
                    </Badge>
                  )}
                </Group>
                <Text size="xs" c="dimmed">
                  <DateTime iso={q.askedAt} />
                </Text>
                {q.answer ? (
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} pl="sm" bd="0 0 0 3px solid var(--mantine-color-red-8)">
                    {q.answer.text}
                  </Text>
                ) : (
                  owner && <AnswerForm challengeId={challenge.id} question={q} />
                )}
              </Stack>
            </Card>
          ))}
        </Stack>
      )}
      {open && user?.role === 'team' && <AskForm challengeId={challenge.id} />}
      {open && !user && (
        <Text size="sm">
          <Anchor component={Link} to={`/sign-in?next=/challenges/${challenge.id}`}>
            {t('challenge.signInToAsk')}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}

function PublishPanel({ challenge }: { challenge: Challenge }) {
  const { t, lang } = useI18n();
  const publish = usePublish(challenge.id);
  const { confirm, dialog } = useConfirm();
  const mapped = publish.isError ? mapProblem(problemOf(publish.error), { lang, hasField: () => false }) : null;
  const ask = async () => {
    const ok = await confirm({
      title: t('confirm.publish.title'),
      body: t('confirm.publish.body', { title: challenge.title, deadline: formatDateTime(challenge.bidDeadline) }),
      amountLabel: t('challenge.budget'),
      amount: formatFen(challenge.budgetFen),
      confirmLabel: t('challenge.publish'),
    });
    if (ok) publish.mutate(undefined, { onSuccess: () => notify({ title: t('challenge.publishedOk') }) });
  };
  return (
    <Alert color="gray" title={t('challenge.draftNotice')} variant="light">
      <Stack gap="xs">
        <Text size="sm">{t('challenge.publishHint')}</Text>
        {mapped && <ErrorState error={publish.error} messages={mapped.general} />}
        <Group>
          <Button onClick={() => void ask()} loading={publish.isPending}>
            {t('challenge.publish')}
          </Button>
        </Group>
      </Stack>
      {dialog}
    </Alert>
  );
}

function ChallengeHeading({ challenge: c }: { challenge: Challenge }) {
  const { pick } = useI18n();
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <StatusBadge status={c.status} />
        <Badge variant="outline" color="red.9">
          {pick(MECHANISMS[c.mechanism])}
        </Badge>
        <Badge variant="outline" color="gray.8">
          {pick(TRACKS[c.track])}
        </Badge>
      </Group>
      <Title order={1}>{c.title}</Title>
    </Stack>
  );
}

/** Budget, ceiling, slots and taxonomy, as a description list. */
function ChallengeFacts({ challenge: c }: { challenge: Challenge }) {
  const { t, pick } = useI18n();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="dl" spacing="md" verticalSpacing="sm">
      <Fact label={t('challenge.budget')}>
        <Money fen={c.budgetFen} />
      </Fact>
      <Fact label={t('challenge.maxAward')}>
        {c.maxAwardFen === null ? t('challenge.noMaxAward') : <Money fen={c.maxAwardFen} />}
      </Fact>
      <Fact label={t('challenge.slots')}>{t('challenge.slotsValue', { n: c.parallelSlots })}</Fact>
      <Fact label={t('challenge.industry')}>
        {pick(INDUSTRIES[c.industry])}
        {c.secondaryIndustry && ` + ${pick(INDUSTRIES[c.secondaryIndustry])}`}
      </Fact>
      <Fact label={t('challenge.field')}>{c.field ? pick(FIELDS[c.field]) : t('challenge.fieldNone')}</Fact>
      <Fact label={t('challenge.zone')}>{c.zone ? pick(ZONES[c.zone]) : t('common.none')}</Fact>
      {c.awardedCount > 0 && (
        <Fact label={t('status.awarded')}>
          {t('challenge.awarded', { count: c.awardedCount, amount: formatFen(c.awardedFen) })}
        </Fact>
      )}
    </SimpleGrid>
  );
}

function ObjectivesSection({ challenge: c }: { challenge: Challenge }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="objectives">
      <Title order={2} size="h3" id="objectives" mb="xs">
        {t('challenge.objectives')}
      </Title>
      <WideTable minWidth={360}>
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('challenge.metric')}</Table.Th>
              <Table.Th scope="col">{t('challenge.target')}</Table.Th>
              <Table.Th scope="col">{t('challenge.unit')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {c.objectives.map((o) => (
              <Table.Tr key={o.metric}>
                <Table.Td>{o.metric}</Table.Td>
                <Table.Td style={{ fontVariantNumeric: 'tabular-nums' }}>{o.target}</Table.Td>
                <Table.Td>{o.unit}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </WideTable>
    </section>
  );
}

/** Who may bid: the kinds of organisation, and whether (and how big) a consortium may be. */
function EligibilitySection({ challenge: c }: { challenge: Challenge }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="eligibility">
      <Title order={2} size="h3" id="eligibility" mb="sm">
        {t('challenge.eligibility')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('challenge.orgKinds')}
      </Text>
      <List size="sm" mb="sm">
        {c.eligibility.orgKinds.map((kind) => (
          <List.Item key={kind}>{t(`orgKind.${kind}` as MessageKey)}</List.Item>
        ))}
      </List>
      <Text size="sm" c="dimmed">
        {t('challenge.consortium')}
      </Text>
      <Text size="sm">
        {c.eligibility.consortiumAllowed
          ? t('challenge.consortiumAllowed', { n: c.eligibility.maxMembers })
          : t('challenge.consortiumNotAllowed')}
      </Text>
    </section>
  );
}

export default function ChallengePage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const query = useChallenge(id);
  useDocumentTitle(query.data?.title);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  const owner = user?.role === 'agency' && user.id === c.agencyId;
  return (
    <Stack gap="lg" maw={960}>
      <ChallengeHeading challenge={c} />

      {owner && c.status === 'draft' && <PublishPanel challenge={c} />}
      {owner && <ChallengeManagement challenge={c} />}
      {user?.role === 'team' && (c.status === 'published' || c.status === 'closed') && (
        <Group>
          <Button component={Link} to={`/challenges/${c.id}/bid`}>
            {c.status === 'published' ? t('bid.cta') : t('bid.view')}
          </Button>
        </Group>
      )}
      {!user && c.status === 'published' && (
        // A visitor may bid too: sign in (or register) first, then back to the bid form.
        <Group gap="sm">
          <Button component={Link} to={withReturnPath('/sign-in', `/challenges/${c.id}/bid`)} data-testid="bid-signed-out">
            {t('bid.cta')}
          </Button>
          <Text size="sm" c="dimmed">
            {t('bid.signInFirst')}
          </Text>
        </Group>
      )}
      {owner && c.status !== 'draft' && (
        <Group>
          <Button component={Link} to={`/agency/challenges/${c.id}/panel`} variant="light">
            {t('panel.title')}
          </Button>
        </Group>
      )}
      {c.status === 'published' && (
        <Card withBorder padding="md" bg="red.0">
          <Text size="sm">{t('challenge.countdown')}</Text>
          <Countdown iso={c.bidDeadline} />
          <Text size="xs" c="dimmed">
            {t('challenge.bidDeadline')}: {formatDateTime(c.bidDeadline)} ({t('common.tz')})
          </Text>
        </Card>
      )}

      <ChallengeFacts challenge={c} />

      <section aria-labelledby="summary">
        <Title order={2} size="h3" id="summary">
          {t('challenge.summary')}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{c.summary}</Text>
      </section>

      <ObjectivesSection challenge={c} />

      <SimpleGrid cols={{ base: 1, md: 2 }} spacing="xl">
        <section aria-labelledby="timeline">
          <Title order={2} size="h3" id="timeline" mb="sm">
            {t('challenge.timeline')}
          </Title>
          <ChallengeTimeline challenge={c} />
        </section>
        <EligibilitySection challenge={c} />
      </SimpleGrid>

      <ChallengeDocuments challenge={c} />
      <OpeningRecord challenge={c} owner={owner} />
      <ChallengeResults challenge={c} />
      <Divider />
      <Questions challenge={c} owner={owner} />
    </Stack>
  );
}
