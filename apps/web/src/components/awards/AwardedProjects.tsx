import { Badge, Button, Card, Group, Radio, SimpleGrid, Stack, Text, Textarea, Title } from '@mantine/core';
import { Fact } from '../Fact';
import { useState } from 'react';
import { Link } from 'react-router';
import {
  useAssignProgramManager,
  useChallengeProjects,
  useObjections,
  useResolveObjection,
  useStaff,
  type Objection,
  type ProjectSummary,
  type Resolution,
} from '../../api/awards';
import type { Challenge } from '../../api/client';
import { mapProblem, problemOf } from '../../api/problem';
import { validateResolution, type ResolutionValues } from '../../forms/award-form';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { formatFen } from '../../lib/money';
import { useConfirm } from '../feedback/ConfirmDialog';
import { DateTime, Money } from '../format';
import { ProjectStatusBadge, projectStatusKey } from '../StatusBadges';
import { Empty, ErrorState, Loading, Success } from '../states';
import { StaffPicker } from './StaffPicker';
import { useProblemText } from './useProblemText';

type OnResolved = (r: Resolution) => void;

/** Resolving an objection; upholding revokes the award, so it first says whose project and how much money it takes back. */
function useResolve(challenge: Challenge, project: ProjectSummary, onResolved: OnResolved) {
  const { t } = useI18n();
  const resolve = useResolveObjection(challenge.id, project.id, onResolved);
  const { confirm, dialog } = useConfirm();
  const send = async (body: { oid: string; decision: 'upheld' | 'dismissed'; comment: string }) => {
    if (body.decision === 'upheld') {
      const ok = await confirm({
        title: t('confirm.uphold.title'),
        body: t('confirm.uphold.body', { org: project.organizationName, title: project.title }),
        amountLabel: t('confirm.uphold.amountLabel'),
        amount: formatFen(project.amountFen),
        confirmLabel: t('confirm.uphold.ok'),
        danger: true,
      });
      if (!ok) return;
    }
    resolve.mutate(body);
  };
  return { resolve, send, dialog };
}

function ResolveForm({
  challenge,
  project,
  objection,
  onResolved,
}: {
  challenge: Challenge;
  project: ProjectSummary;
  objection: Objection;
  onResolved: OnResolved;
}) {
  const { t, lang } = useI18n();
  const { resolve, send, dialog } = useResolve(challenge, project, onResolved);
  const [values, setValues] = useState<ResolutionValues>({ decision: '', comment: '' });
  const [touched, setTouched] = useState(false);
  const errors = touched ? validateResolution(values) : {};
  const describe = useProblemText();
  const mapped = resolve.isError
    ? mapProblem(problemOf(resolve.error), {
        lang,
        hasField: (p) => p === 'decision' || p === 'comment',
        generic: describe(resolve.error),
      })
    : null;
  const name = `decision-${objection.id}`;
  return (
    <form
      noValidate
      aria-label={t('awards.resolveLabel')}
      onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (Object.keys(validateResolution(values)).length || !values.decision) return;
        void send({ oid: objection.id, decision: values.decision, comment: values.comment.trim() });
      }}
    >
      <Stack gap="xs">
        <Radio.Group
          name={name}
          label={t('awards.decision')}
          required
          value={values.decision}
          onChange={(v) => setValues((s) => ({ ...s, decision: v as ResolutionValues['decision'] }))}
          error={errors.decision ? t(`awards.err.${errors.decision}` as MessageKey) : mapped?.fields.decision}
        >
          <Group mt={4}>
            <Radio value="upheld" label={t('awards.upheld')} description={t('awards.upheldHint')} />
            <Radio value="dismissed" label={t('awards.dismissed')} description={t('awards.dismissedHint')} />
          </Group>
        </Radio.Group>
        <Textarea
          label={t('awards.comment')}
          required
          autosize
          minRows={2}
          value={values.comment}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setValues((s) => ({ ...s, comment: value }));
          }}
          error={errors.comment ? t(`awards.err.${errors.comment}` as MessageKey) : mapped?.fields.comment}
        />
        {mapped && mapped.general.length > 0 && <ErrorState error={resolve.error} messages={mapped.general} />}
        <Group>
          <Button type="submit" loading={resolve.isPending}>
            {t('awards.resolve')}
          </Button>
        </Group>
      </Stack>
      {dialog}
    </form>
  );
}

function Objections({
  challenge,
  project,
  objections,
  onResolved,
}: {
  challenge: Challenge;
  project: ProjectSummary;
  objections: ReturnType<typeof useObjections>[number];
  onResolved: OnResolved;
}) {
  const { t } = useI18n();
  if (objections.isPending) return <Loading />;
  if (objections.isError) return <ErrorState error={objections.error} onRetry={() => void objections.refetch()} />;
  const items = objections.data.items;
  return (
    <Stack gap="xs" component="section" aria-label={t('awards.objections')}>
      <Title order={4} size="h6">
        {t('awards.objectionsCount', { n: items.length })}
      </Title>
      {items.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('awards.noObjections')}
        </Text>
      )}
      {items.map((o) => (
        <Card key={o.id} withBorder padding="xs" data-testid={`objection-${o.id}`}>
          <Stack gap={6}>
            <Group gap="xs" wrap="wrap">
              <Badge variant="light" color={o.status === 'open' ? 'orange' : 'gray'} c="dark.7">
                {t(`awards.ostatus.${o.status}` as MessageKey)}
              </Badge>
              <Text size="xs" c="dimmed">
                <DateTime iso={o.createdAt} />
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {o.reason}
            </Text>
            {o.resolutionComment && (
              <Text size="sm" c="dimmed">
                {t('awards.resolution', { comment: o.resolutionComment })}
              </Text>
            )}
            {o.status === 'open' && <ResolveForm challenge={challenge} project={project} objection={o} onResolved={onResolved} />}
          </Stack>
        </Card>
      ))}
    </Stack>
  );
}

function ProgramManager({ challenge, project }: { challenge: Challenge; project: ProjectSummary }) {
  const { t, lang } = useI18n();
  const assign = useAssignProgramManager(challenge.id, project.id);
  // Starts at the current program manager; Save only once the choice differs.
  const current = project.programManagerId ?? '';
  const [id, setId] = useState(current);
  const describe = useProblemText();
  const mapped = assign.isError
    ? mapProblem(problemOf(assign.error), { lang, hasField: (p) => p === 'userId', generic: describe(assign.error) })
    : null;
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        if (id.trim() && id.trim() !== current) assign.mutate(id.trim());
      }}
    >
      <Group align="flex-end" wrap="wrap" gap="xs">
        <StaffPicker
          role="program_manager"
          label={project.programManagerId ? t('awards.replacePm') : t('awards.assignPm')}
          value={id}
          onChange={setId}
          error={mapped?.fields.userId ?? mapped?.general.join('；')}
        />
        <Button type="submit" variant="light" loading={assign.isPending} disabled={!id.trim() || id.trim() === current}>
          {t('awards.savePm')}
        </Button>
      </Group>
    </form>
  );
}

function ProjectCard({
  challenge,
  project,
  objections,
  onResolved,
}: {
  challenge: Challenge;
  project: ProjectSummary;
  objections: ReturnType<typeof useObjections>[number];
  onResolved: OnResolved;
}) {
  const { t } = useI18n();
  const live = project.status === 'publicity' || project.status === 'active';
  const pms = useStaff('program_manager');
  const pmName = project.programManagerId
    ? (pms.data?.items.find((u) => u.id === project.programManagerId)?.displayName ?? project.programManagerId)
    : t('awards.noPm');
  return (
    <Card withBorder padding="sm" component="li" data-testid={`project-${project.id}`}>
      <Stack gap="xs">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Title order={3} size="h5">
            {project.organizationName}
          </Title>
          <ProjectStatusBadge status={project.status} />
        </Group>
        <SimpleGrid cols={{ base: 1, xs: 2, sm: 4 }} spacing="xs" component="dl" m={0}>
          <Fact label={t('awards.granted')} small value={{ fw: 600 }}>
            <Money fen={project.amountFen} />
          </Fact>
          <Fact label={t('awards.paid')} small>
            <Money fen={project.paidFen} />
          </Fact>
          <Fact label={t('awards.publicityEnds')} small>
            <DateTime iso={project.publicityEndsAt} />
          </Fact>
          <Fact label={t('awards.programManager')} small value={{ size: 'sm' }} testId="project-pm">
            {pmName}
          </Fact>
        </SimpleGrid>
        {challenge.mechanism === 'horse_race' && <Text size="sm">{t('awards.stageReached', { n: project.stageReached })}</Text>}
        <Group gap="xs">
          <Button component={Link} to={`/projects/${project.id}`} variant="subtle" size="compact-sm">
            {t('awards.openProject')}
          </Button>
        </Group>
        {live && <ProgramManager key={project.programManagerId ?? ''} challenge={challenge} project={project} />}
        <Objections challenge={challenge} project={project} objections={objections} onResolved={onResolved} />
      </Stack>
    </Card>
  );
}

/** The awarded projects with their status and publicity end; each one's objections, with resolve. */
export function AwardedProjects({ challenge }: { challenge: Challenge }) {
  const { t } = useI18n();
  const projects = useChallengeProjects(challenge.id);
  const items = projects.data?.items ?? [];
  const objections = useObjections(items.map((p) => p.id));
  const [resolution, setResolution] = useState<Resolution | null>(null);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="awarded-title">
      <Stack gap="sm">
        <Title order={2} size="h3" id="awarded-title">
          {t('awards.projects')}
        </Title>
        {resolution && (
          <Success
            testId="resolution"
            title={
              resolution.objection.status === 'upheld'
                ? t('awards.returned', {
                    amount: formatFen(resolution.returnedFen),
                    awarded: formatFen(resolution.challengeAwardedFen),
                    n: resolution.challengeAwardedCount,
                  })
                : t('awards.dismissedDone', { status: t(projectStatusKey(resolution.projectStatus)) })
            }
          />
        )}
        {projects.isPending ? (
          <Loading />
        ) : projects.isError ? (
          <ErrorState error={projects.error} onRetry={() => void projects.refetch()} />
        ) : items.length === 0 ? (
          <Empty title={t('awards.noProjects')} />
        ) : (
          <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
            {items.map((p, i) => (
              <ProjectCard key={p.id} challenge={challenge} project={p} objections={objections[i]} onResolved={setResolution} />
            ))}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}
