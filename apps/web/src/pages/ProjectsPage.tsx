import { Anchor, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useProjects, type ProjectSummary } from '../api/projects';
import { useSession } from '../auth/session';
import { DateTime } from '../components/format';
import { PaidBar } from '../components/projects/badges';
import { MilestoneStatusBadge, ProjectStatusBadge } from '../components/StatusBadges';
import { Empty, ErrorState, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { formatFen } from '../lib/money';
import { useDocumentTitle } from '../lib/useDocumentTitle';

function ProjectCard({ project }: { project: ProjectSummary }) {
  const { t } = useI18n();
  const next = project.nextMilestone;
  return (
    <Card withBorder padding="sm" component="li" aria-labelledby={`p-${project.id}`} data-testid="project-card">
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
          <Anchor component={Link} to={`/projects/${project.id}`} fw={600} id={`p-${project.id}`}>
            {project.title}
          </Anchor>
          <ProjectStatusBadge status={project.status} />
        </Group>
        {/* A horse race's projects share their challenge's title: the organisation tells them apart. */}
        <Text size="sm" data-testid="project-org">
          <Text span c="dimmed" size="sm">
            {t('res.org')}:{' '}
          </Text>
          {project.organizationName}
        </Text>
        <Text size="sm" c="dimmed">
          {t('projects.challenge')}: {project.challengeTitle}
        </Text>
        {project.status === 'publicity' && (
          <Text size="sm">
            {t('projects.publicityEnds')}: <DateTime iso={project.publicityEndsAt} />
          </Text>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <div>
            <Text size="xs" c="dimmed">
              {t('projects.granted')}
            </Text>
            <Text fw={600}>{formatFen(project.amountFen)}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('projects.stage')}
            </Text>
            <Text>{project.stageReached}</Text>
          </div>
          <div>
            <Text size="xs" c="dimmed">
              {t('projects.next')}
            </Text>
            {next ? (
              <Group gap={6} wrap="wrap">
                <Text size="sm">
                  {next.title} · <DateTime iso={next.dueAt} />
                </Text>
                <MilestoneStatusBadge status={next.status} />
              </Group>
            ) : (
              <Text size="sm">{t('projects.nextNone')}</Text>
            )}
          </div>
        </SimpleGrid>
        <PaidBar paidFen={project.paidFen} grantedFen={project.amountFen} />
      </Stack>
    </Card>
  );
}

function ProjectList() {
  const { t } = useI18n();
  const projects = useProjects();
  const items = projects.data?.items ?? [];
  if (projects.isPending) return <Loading />;
  if (projects.isError) return <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />;
  if (items.length === 0) return <Empty title={t('projects.empty')} hint={t('projects.emptyHint')} />;
  return (
    <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
      {items.map((p) => (
        <ProjectCard key={p.id} project={p} />
      ))}
    </Stack>
  );
}

/** The projects the signed-in user may see: the team's, the program manager's, the agency's challenges'. */
export default function ProjectsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('projects.title'));
  const { user } = useSession();
  return (
    <Stack gap="md" maw={960}>
      <Title order={1}>{t('projects.title')}</Title>
      {user ? (
        <ProjectList />
      ) : (
        <Text>
          {t('projects.signIn')}{' '}
          <Anchor component={Link} to="/sign-in?next=%2Fprojects">
            {t('nav.signIn')}
          </Anchor>
        </Text>
      )}
    </Stack>
  );
}
