import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router';
import { projectKeys, useChangeRequests, useDisbursements, useObjections, useProject, type ProjectView } from '../api/projects';
import { useChallenge, useFundingRules } from '../api/queries';
import { useSession } from '../auth/session';
import { ConsortiumMembers } from '../components/ConsortiumMembers';
import { DateTime, Money } from '../components/format';
import { PaidBar } from '../components/projects/badges';
import { ProjectStatusBadge } from '../components/StatusBadges';
import { ChangeRequests } from '../components/projects/ChangeRequests';
import { Disbursements } from '../components/projects/Disbursements';
import { GateObjectionNotice } from '../components/projects/GateObjectionNotice';
import { MergeConsent } from '../components/projects/MergeConsent';
import { MilestoneItem } from '../components/projects/MilestoneItem';
import { Fact as Term } from '../components/Fact';
import { ErrorState, Loading } from '../components/states';
import { maxTrancheFen } from '../forms/change-request';
import { useI18n } from '../i18n/i18n';
import { useDocumentTitle } from '../lib/useDocumentTitle';

/** A project's figures: small labels over bold values. */
const Fact = (props: { label: string; children: React.ReactNode }) => <Term small value={{ fw: 600 }} {...props} />;

/** Money moved: the project (and the list's paid column) are stale once the disbursements' paid total differs. */
function useRefreshWhenPaid(project: ProjectView, paidFen: number) {
  const client = useQueryClient();
  useEffect(() => {
    if (paidFen === project.paidFen) return;
    void client.invalidateQueries({ queryKey: projectKeys.project(project.id), exact: true });
    void client.invalidateQueries({ queryKey: projectKeys.list });
  }, [client, paidFen, project.id, project.paidFen]);
}

function ProjectHeading({ project, challengeTitle }: { project: ProjectView; challengeTitle: string | undefined }) {
  const { t } = useI18n();
  return (
    <div>
      <Anchor component={Link} to="/projects" size="sm">
        {t('projects.back')}
      </Anchor>
      <Group gap="sm" align="center" wrap="wrap">
        <Title order={1}>{project.title}</Title>
        <ProjectStatusBadge status={project.status} />
      </Group>
      <Text size="md" fw={500} data-testid="project-organization">
        {t('projects.organization')}: {project.organizationName}
      </Text>
      <Text size="sm" c="dimmed">
        {t('projects.challenge')}:{' '}
        <Anchor component={Link} to={`/challenges/${project.challengeId}`} size="sm">
          {challengeTitle ?? '…'}
        </Anchor>
      </Text>
      {project.status === 'publicity' && (
        <Text size="sm" data-testid="publicity">
          {t('projects.publicityEnds')}: <DateTime iso={project.publicityEndsAt} /> ({t('common.tz')})
        </Text>
      )}
    </div>
  );
}

function ProjectMoney({ project, paidFen, ruleTitle }: { project: ProjectView; paidFen: number; ruleTitle: string }) {
  const { t } = useI18n();
  return (
    <Card withBorder padding="md">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm" component="dl" m={0}>
          <Fact label={t('projects.granted')}>
            <Money fen={project.amountFen} />
          </Fact>
          <Fact label={t('projects.paid')}>
            <span data-testid="paid">
              <Money fen={paidFen} />
            </span>
          </Fact>
          <Fact label={t('projects.cap')}>
            <Money fen={project.capFen} />
          </Fact>
          <Fact label={t('projects.rule')}>{ruleTitle}</Fact>
          <Fact label={t('projects.stage')}>{project.stageReached}</Fact>
        </SimpleGrid>
        <PaidBar paidFen={paidFen} grantedFen={project.amountFen} />
        {project.consortium.length > 1 && (
          <ConsortiumMembers
            label={t('projects.consortium')}
            members={project.consortium}
            roleLabel={(role) => t(role === 'lead' ? 'projects.lead' : 'projects.member')}
          />
        )}
      </Stack>
    </Card>
  );
}

/** Objections lodged against the award during publicity, with how each was resolved; nothing when there are none. */
function Objections({ projectId }: { projectId: string }) {
  const { t } = useI18n();
  const objections = useObjections(projectId);
  if (!objections.data || objections.data.items.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-labelledby="objections-title">
      <Title order={2} size="h3" id="objections-title">
        {t('projects.objections')}
      </Title>
      <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {objections.data.items.map((o) => (
          <Card key={o.id} withBorder padding="xs" component="li">
            <Text size="sm" fw={600}>
              {t(`projects.objection.${o.status}`)} · <DateTime iso={o.createdAt} />
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {o.reason}
            </Text>
            {o.resolutionComment && (
              <Text size="sm" c="dimmed">
                {o.resolutionComment}
              </Text>
            )}
          </Card>
        ))}
      </Stack>
    </Stack>
  );
}

function Project({ project }: { project: ProjectView }) {
  const { t, pick } = useI18n();
  const { user } = useSession();
  const challenge = useChallenge(project.challengeId);
  const rules = useFundingRules();
  const disbursements = useDisbursements(project.id);
  const changes = useChangeRequests(project.id);
  const isTeam = user?.role === 'team';
  const isPm = user?.role === 'program_manager' && project.programManagerId === user.id;
  const live = project.status === 'active' || project.status === 'publicity';
  // The disbursements poll while a tranche is scheduled: their paid total is the freshest.
  const paidFen = disbursements.data?.paidFen ?? project.paidFen;
  useRefreshWhenPaid(project, paidFen);
  const disbursed = (mid: string) =>
    disbursements.data?.items.find((d) => d.milestoneId === mid && (d.status === 'paid' || d.status === 'scheduled'))?.amountFen;
  const rule = rules.data?.items.find((r) => r.id === project.ruleId);
  const objectives = challenge.data?.objectives ?? [];
  const milestones = [...project.milestones].sort((a, b) => a.seq - b.seq);

  return (
    <Stack gap="lg">
      <ProjectHeading project={project} challengeTitle={challenge.data?.title} />

      <ProjectMoney project={project} paidFen={paidFen} ruleTitle={rule ? pick(rule.title) : project.ruleId} />

      <Objections projectId={project.id} />

      {isTeam && <GateObjectionNotice project={project} />}

      {isTeam && <MergeConsent project={project} />}

      <Stack gap="sm" component="section" aria-labelledby="milestones-title">
        <Title order={2} size="h3" id="milestones-title">
          {t('projects.milestones')}
        </Title>
        <Stack gap="sm" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
          {milestones.map((m, i) => (
            <MilestoneItem
              key={m.id}
              projectId={project.id}
              milestone={m}
              objectives={objectives}
              canSubmit={isTeam && live}
              canReview={isPm}
              canRequestChange={(isTeam || isPm) && live}
              changePending={!!changes.data?.items.some((c) => c.milestoneId === m.id && c.status === 'pending')}
              last={i === milestones.length - 1}
              maxTrancheFen={maxTrancheFen(project.amountFen, project.milestones, m.id, disbursed)}
            />
          ))}
        </Stack>
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="changes-title">
        <Title order={2} size="h3" id="changes-title">
          {t('projects.changes')}
        </Title>
        {changes.isPending ? (
          <Loading />
        ) : changes.isError ? (
          <ErrorState error={changes.error} onRetry={() => void changes.refetch()} />
        ) : (
          <ChangeRequests projectId={project.id} items={changes.data.items} canDecide={isPm} />
        )}
      </Stack>

      <Stack gap="sm" component="section" aria-labelledby="disbursements-title">
        <Title order={2} size="h3" id="disbursements-title">
          {t('projects.disbursements')}
        </Title>
        {disbursements.isPending ? (
          <Loading />
        ) : disbursements.isError ? (
          <ErrorState error={disbursements.error} onRetry={() => void disbursements.refetch()} />
        ) : (
          <Disbursements data={disbursements.data} />
        )}
      </Stack>
    </Stack>
  );
}

/** One project: header (status, publicity, money, rule), milestones with evidence and reviews, plan changes, disbursements. */
export default function ProjectPage() {
  const { id = '' } = useParams();
  const { t } = useI18n();
  const { user } = useSession();
  const project = useProject(id);
  useDocumentTitle(project.data?.title ?? t('projects.title'));
  if (!user)
    return (
      <Stack maw={960}>
        <Title order={1}>{t('projects.title')}</Title>
        <Text>
          {t('projects.signIn')}{' '}
          <Anchor component={Link} to={`/sign-in?next=${encodeURIComponent(`/projects/${id}`)}`}>
            {t('nav.signIn')}
          </Anchor>
        </Text>
      </Stack>
    );
  return (
    <Stack maw={960}>
      {project.isPending ? (
        <Loading />
      ) : project.isError ? (
        <>
          <Title order={1}>{t('projects.title')}</Title>
          <ErrorState error={project.error} onRetry={() => void project.refetch()} />
        </>
      ) : (
        <Project project={project.data} />
      )}
    </Stack>
  );
}
