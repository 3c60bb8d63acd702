import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useChallengeProjects, useGates, type GateView, type ProjectSummary } from '../../api/awards';
import type { Challenge } from '../../api/client';
import { useMerges, type Merge } from '../../api/merges';
import { useI18n } from '../../i18n/i18n';
import { ConsortiumMembers } from '../ConsortiumMembers';
import { DateTime, Money } from '../format';
import { ErrorState, Loading } from '../states';
import { MergeProposalForm } from './MergeProposalForm';
import { projectLabel } from './MergeFormParts';

export const mergeStatusColor = { proposed: 'orange', merged: 'green', declined: 'gray' } as const;
export const consentColor = { pending: 'orange', accepted: 'green', declined: 'red' } as const;

/** The stage of the last gate run when every gate run is final (projects may merge then); else null. */
export function lastFinalStage(gates: readonly (GateView | null | undefined)[]): number | null {
  const run = gates.filter((g): g is GateView => !!g);
  if (run.length === 0 || run.some((g) => g.phase !== 'final')) return null;
  return Math.max(...run.map((g) => g.stage));
}

/** One proposal as the agency reads it: projects by title and lead, each lead's answer, the merged grant. */
function MergeCard({ merge, projects }: { merge: Merge; projects: readonly ProjectSummary[] }) {
  const { t } = useI18n();
  const project = (id: string) => projects.find((p) => p.id === id);
  const lead =
    projects.find((p) => p.organizationId === merge.leadOrganizationId)?.organizationName ||
    merge.members.find((m) => m.organizationId === merge.leadOrganizationId)?.organizationName;
  return (
    <Card component="li" withBorder padding="sm" data-testid={`merge-${merge.id}`}>
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Text fw={600}>{merge.title}</Text>
          <Badge variant="light" color={mergeStatusColor[merge.status]} c="dark.7">
            {t(`merges.status.${merge.status}`)}
          </Badge>
        </Group>
        <Text size="sm">
          {t('merges.grant')}: <Money fen={merge.grantFen} /> · {t('merges.lead')}: {lead ?? t('merges.unknownOrg')}
        </Text>
        <ConsortiumMembers
          label={t('merges.terms.consortium')}
          members={merge.members}
          roleLabel={(role) => t(role === 'lead' ? 'merges.terms.lead' : 'merges.terms.member')}
        />
        <Stack component="ul" gap={4} p={0} m={0} style={{ listStyle: 'none' }}>
          {merge.consents.map((c) => {
            const p = project(c.projectId);
            return (
              <Group component="li" key={c.projectId} gap="xs" wrap="wrap">
                <Text size="sm">{p ? projectLabel(p) : t('merges.unknownProject')}</Text>
                <Badge variant="light" size="sm" color={consentColor[c.decision]} c="dark.7">
                  {t(`merges.consent.${c.decision}`)}
                </Badge>
                {c.comment && (
                  <Text size="sm" c="dimmed">
                    {c.comment}
                  </Text>
                )}
              </Group>
            );
          })}
        </Stack>
        <Text size="xs" c="dimmed">
          {t('merges.proposedAt')} <DateTime iso={merge.createdAt} />
        </Text>
      </Stack>
    </Card>
  );
}

/**
 * A horse race's merges (强强联合) for its agency: every proposal with each lead's answer and, once the last gate run
 * is final, the form to propose merging projects that advanced at it.
 */
export function MergeProposals({ challenge }: { challenge: Challenge }) {
  const { t } = useI18n();
  const gates = useGates(challenge.id, challenge.stages.length);
  const projects = useChallengeProjects(challenge.id);
  const merges = useMerges(challenge.id);
  const finalStage = lastFinalStage(gates.map((g) => g.data));
  const all = projects.data?.items ?? [];
  const eligible = all.filter((p) => p.status === 'active' && p.stageReached === finalStage);
  const items = merges.data?.items ?? [];
  if (finalStage === null && items.length === 0) return null;
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="merges-title" data-testid="merges">
      <Stack gap="sm">
        <Title order={2} size="h3" id="merges-title">
          {t('merges.title')}
        </Title>
        <Text size="sm">{t('merges.intro')}</Text>
        {merges.isPending || projects.isPending ? (
          <Loading />
        ) : merges.isError ? (
          <ErrorState error={merges.error} onRetry={() => void merges.refetch()} />
        ) : items.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('merges.none')}
          </Text>
        ) : (
          <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((m) => (
              <MergeCard key={m.id} merge={m} projects={all} />
            ))}
          </Stack>
        )}
        {finalStage !== null &&
          (eligible.length >= 2 ? (
            <MergeProposalForm challengeId={challenge.id} eligible={eligible} />
          ) : (
            <Text size="sm">{t('merges.tooFewEligible', { n: finalStage })}</Text>
          ))}
      </Stack>
    </Card>
  );
}
