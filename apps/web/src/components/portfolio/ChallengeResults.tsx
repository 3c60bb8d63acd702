import { Anchor, Button, Card, Group, List, SimpleGrid, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import type { Challenge } from '../../api/client';
import { useGates, useLodgeObjection, useResults, type PublicResult, type PublicResults } from '../../api/portfolio';
import { mapProblem, problemOf } from '../../api/problem';
import { useSession } from '../../auth/session';
import { useI18n } from '../../i18n/i18n';
import { formatDateTime } from '../../lib/time';
import { Money, useNow } from '../format';
import { ErrorState, Loading, Success } from '../states';
import { ProjectStatusBadge } from '../StatusBadges';
import { Figure } from './Figure';
import { ScrollRegion } from './ScrollRegion';

const num = { fontVariantNumeric: 'tabular-nums', whiteSpace: 'nowrap' } as const;

function inPublicity(r: PublicResult, now: number): boolean {
  return r.status === 'publicity' && (!r.publicityEndsAt || new Date(r.publicityEndsAt).getTime() > now);
}

function ObjectionForm({ challengeId, result, onClose }: { challengeId: string; result: PublicResult; onClose: () => void }) {
  const { t, lang } = useI18n();
  const lodge = useLodgeObjection(challengeId);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [general, setGeneral] = useState<string[]>([]);
  const headingId = `objection-${result.projectId}`;
  if (lodge.isSuccess) return <Success title={t('res.objected', { id: lodge.data.id.slice(0, 8) })} testId="objection-lodged" />;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby={headingId}>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setError(undefined);
          setGeneral([]);
          if (!reason.trim()) {
            setError(t('common.required'));
            return;
          }
          lodge.mutate(
            { projectId: result.projectId, reason: reason.trim() },
            {
              onError: (err) => {
                const mapped = mapProblem(problemOf(err), { lang, hasField: (p) => p === 'reason' });
                setError(mapped.fields.reason);
                setGeneral(mapped.general);
              },
            },
          );
        }}
      >
        <Stack gap="xs">
          <Title order={3} size="h4" id={headingId}>
            {t('res.objectFor', { name: result.organizationName })}
          </Title>
          <Textarea
            label={t('res.reason')}
            description={t('res.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={error}
            required
            autosize
            minRows={3}
            maxLength={5000}
          />
          {lodge.isError && general.length > 0 && <ErrorState error={lodge.error} messages={general} />}
          <Group>
            <Button type="submit" loading={lodge.isPending}>
              {t('common.submit')}
            </Button>
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function Gates({ challenge, results }: { challenge: Challenge; results: PublicResults }) {
  const { t } = useI18n();
  const gates = useGates(challenge.id, challenge.stages.length);
  const name = (projectId: string) => results.items.find((r) => r.projectId === projectId)?.organizationName ?? projectId;
  return (
    <section aria-labelledby="res-gates">
      <Title order={3} size="h4" id="res-gates" mb="xs">
        {t('res.gates')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        {challenge.stages.map((stage, i) => {
          const gate = gates[i];
          return (
            <Card key={`${i}-${stage.name}`} withBorder padding="sm" data-testid={`gate-${i + 1}`}>
              <Text fw={600}>{t('challenge.stage', { name: stage.name })}</Text>
              {gate?.isPending ? (
                <Loading />
              ) : gate?.isError ? (
                <ErrorState error={gate.error} />
              ) : !gate?.data ? (
                <Text size="sm" c="dimmed">
                  {t('res.gatePending')}
                </Text>
              ) : (
                <Stack gap={4}>
                  <Text size="sm" c="dimmed">
                    {formatDateTime(gate.data.decidedAt)}
                  </Text>
                  <Text size="sm" fw={500}>
                    {t('res.advancing')} ({gate.data.advancing.length})
                  </Text>
                  <List size="sm">
                    {gate.data.advancing.map((id) => (
                      <List.Item key={id}>{name(id)}</List.Item>
                    ))}
                  </List>
                  <Text size="sm" fw={500}>
                    {t('res.eliminated')} ({gate.data.eliminated.length})
                  </Text>
                  <List size="sm">
                    {gate.data.eliminated.map((id) => (
                      <List.Item key={id}>{name(id)}</List.Item>
                    ))}
                  </List>
                </Stack>
              )}
            </Card>
          );
        })}
      </SimpleGrid>
    </section>
  );
}

/** The money awarded and paid across the challenge, against its budget; paid is unknown when no figure says it. */
function ResultTotals({
  awardedFen,
  paidFen,
  budgetFen,
}: {
  awardedFen: number;
  paidFen: number | undefined;
  budgetFen: number;
}) {
  const { t } = useI18n();
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} component="dl" spacing="sm" m={0}>
      <Figure label={t('res.totalAwarded')} testId="results-awarded">
        <Money fen={awardedFen} />
      </Figure>
      <Figure label={t('res.totalPaid')} testId="results-paid">
        {paidFen === undefined ? '—' : <Money fen={paidFen} />}
      </Figure>
      <Figure label={t('res.budget')}>
        <Money fen={budgetFen} />
      </Figure>
    </SimpleGrid>
  );
}

/** One awarded team: money awarded and paid, status (with the objection button during publicity) and stage reached. */
function ResultRow({
  result: r,
  race,
  stageCount,
  canObject,
  onObject,
}: {
  result: PublicResult;
  race: boolean;
  stageCount: number;
  canObject: boolean;
  onObject: () => void;
}) {
  const { t } = useI18n();
  return (
    <Table.Tr data-project-id={r.projectId}>
      <Table.Th scope="row" fw={500}>
        <Text fw={600} size="sm">
          {r.organizationName}
        </Text>
        <Text size="xs" c="dimmed">
          {r.title}
        </Text>
      </Table.Th>
      <Table.Td ta="right" style={num}>
        <Money fen={r.amountFen} />
      </Table.Td>
      <Table.Td ta="right" style={num}>
        {r.paidFen === undefined ? '—' : <Money fen={r.paidFen} />}
      </Table.Td>
      <Table.Td>
        <Stack gap={4} align="flex-start">
          <ProjectStatusBadge status={r.status} />
          {r.status === 'publicity' && r.publicityEndsAt && (
            <Text size="xs">{t('res.publicityUntil', { at: formatDateTime(r.publicityEndsAt) })}</Text>
          )}
          {canObject && (
            <Button
              size="compact-xs"
              variant="default"
              onClick={onObject}
              aria-label={`${t('res.object')}: ${r.organizationName}`}
            >
              {t('res.object')}
            </Button>
          )}
        </Stack>
      </Table.Td>
      {race && <Table.Td style={num}>{r.stageReached === undefined ? '—' : `${r.stageReached} / ${stageCount}`}</Table.Td>}
    </Table.Tr>
  );
}

/**
 * The public results of a challenge on its page: each awarded team, the money awarded and paid,
 * its status (publicity until …) and, for a horse race, the stage reached and each gate's result.
 * During publicity a signed-in user can lodge an objection. Renders nothing before any award.
 */
export function ChallengeResults({ challenge }: { challenge: Challenge }) {
  const { t } = useI18n();
  const { user } = useSession();
  const now = useNow(60_000);
  const [objecting, setObjecting] = useState<string | null>(null);
  const relevant = challenge.status !== 'draft' && challenge.status !== 'published';
  const query = useResults(challenge.id, relevant);
  if (!relevant) return null;
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const results = query.data;
  if (results.items.length === 0) return null;
  const race = challenge.mechanism === 'horse_race';
  const paidKnown = results.paidFen !== undefined || results.items.some((r) => r.paidFen !== undefined);
  const totalPaid = results.paidFen ?? results.items.reduce((s, r) => s + (r.paidFen ?? 0), 0);
  const totalAwarded = results.awardedFen ?? challenge.awardedFen;
  const target = results.items.find((r) => r.projectId === objecting);

  return (
    <section aria-labelledby="results" data-testid="challenge-results">
      <Stack gap="md">
        <Title order={2} size="h3" id="results">
          {t('res.title')}
        </Title>
        <ResultTotals awardedFen={totalAwarded} paidFen={paidKnown ? totalPaid : undefined} budgetFen={challenge.budgetFen} />
        <ScrollRegion label={t('res.title')} minWidth={560}>
          <Table striped withTableBorder data-testid="results-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('res.org')}</Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('res.awarded')}
                </Table.Th>
                <Table.Th scope="col" ta="right">
                  {t('res.paid')}
                </Table.Th>
                <Table.Th scope="col">{t('res.status')}</Table.Th>
                {race && <Table.Th scope="col">{t('res.stage')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {results.items.map((r) => (
                <ResultRow
                  key={r.projectId}
                  result={r}
                  race={race}
                  stageCount={challenge.stages.length}
                  canObject={inPublicity(r, now) && !!user && objecting !== r.projectId}
                  onObject={() => setObjecting(r.projectId)}
                />
              ))}
            </Table.Tbody>
          </Table>
        </ScrollRegion>
        {!user && results.items.some((r) => inPublicity(r, now)) && (
          <Text size="sm">
            <Anchor component={Link} to={`/sign-in?next=/challenges/${challenge.id}`}>
              {t('res.signInToObject')}
            </Anchor>
          </Text>
        )}
        {target && (
          <ObjectionForm key={target.projectId} challengeId={challenge.id} result={target} onClose={() => setObjecting(null)} />
        )}
        {race && challenge.stages.length > 0 && <Gates challenge={challenge} results={results} />}
      </Stack>
    </section>
  );
}
