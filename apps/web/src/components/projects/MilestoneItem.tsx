import { Anchor, Button, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { documentsOf } from '../../api/documents';
import { useSubmissions, type ProjectMilestone, type SubmissionView } from '../../api/projects';
import type { Objective } from '../../forms/evidence';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { formatFen } from '../../lib/money';
import { DocumentList } from '../documents/DocumentList';
import { DateTime, Money } from '../format';
import { ErrorState, Success } from '../states';
import { MILESTONE_COLOR, MilestoneStatusBadge } from '../StatusBadges';
import { ChangeRequestForm } from './ChangeRequestForm';
import { EvidenceForm } from './EvidenceForm';
import { ReviewForm } from './ReviewForm';

function Submission({ s }: { s: SubmissionView }) {
  const { t } = useI18n();
  const files = documentsOf(s);
  return (
    <Card withBorder padding="xs" component="li" data-testid="submission">
      <Stack gap={4}>
        <Group gap="xs" wrap="wrap">
          <Text size="sm" fw={600}>
            {t('projects.attempt', { n: s.attempt })}
          </Text>
          <Text size="xs" c="dimmed">
            <DateTime iso={s.submittedAt} />
          </Text>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {s.report}
        </Text>
        {s.achieved.length > 0 && (
          <Text size="sm">
            {t('projects.achieved')}: {s.achieved.map((a) => `${a.metric} ${a.value}`).join(' · ')}
          </Text>
        )}
        {s.attachments.length > 0 && (
          <List size="sm" spacing={2}>
            {s.attachments.map((a) => (
              <List.Item key={`${a.url}-${a.sha256}`}>
                <Anchor href={a.url} target="_blank" rel="noopener noreferrer">
                  {a.name}
                </Anchor>{' '}
                <Text span size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                  SHA-256 {a.sha256}
                </Text>
              </List.Item>
            ))}
          </List>
        )}
        {files.length > 0 && (
          <DocumentList documents={files} showRole={false} caption={t('evidence.docs.list')} testId="submission-documents" />
        )}
        <Text size="sm" fw={600} data-testid="submission-decision">
          {s.decision ? t(`projects.decision.${s.decision}` as MessageKey) : t('projects.pending')}
          {s.decision === 'partial' && s.reducedTrancheFen !== null
            ? ` · ${t('projects.reducedTo', { amount: formatFen(s.reducedTrancheFen) })}`
            : ''}
          {s.decidedAt && (
            <Text span size="xs" c="dimmed" fw={400}>
              {' '}
              <DateTime iso={s.decidedAt} />
            </Text>
          )}
        </Text>
        {s.comment && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {s.comment}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

function Submissions({ projectId, milestoneId }: { projectId: string; milestoneId: string }) {
  const { t } = useI18n();
  const q = useSubmissions(projectId, milestoneId);
  if (q.isPending) return null;
  if (q.isError) return <ErrorState error={q.error} onRetry={() => void q.refetch()} />;
  if (q.data.items.length === 0) return null;
  return (
    <Stack gap={4}>
      <Text size="sm" fw={600}>
        {t('projects.submissions')}
      </Text>
      <Stack gap="xs" component="ol" p={0} m={0} style={{ listStyle: 'none' }}>
        {q.data.items.map((s) => (
          <Submission key={s.id} s={s} />
        ))}
      </Stack>
    </Stack>
  );
}

type Panel = 'evidence' | 'change' | null;

/** The timeline's rail: a dot in the status colour (the badge says it in words) and the line to the next milestone. */
function TimelineRail({ status, last }: { status: ProjectMilestone['status']; last: boolean }) {
  const color = `var(--mantine-color-${MILESTONE_COLOR[status]}-7)`;
  const done = status === 'met' || status === 'partially_met';
  return (
    <Stack gap={0} align="center" w={16} pt={14} aria-hidden style={{ flexShrink: 0 }}>
      <svg width="16" height="16" viewBox="0 0 16 16" focusable="false">
        <circle cx="8" cy="8" r="6" fill={done ? color : 'var(--mantine-color-body)'} stroke={color} strokeWidth="3" />
      </svg>
      {!last && <div style={{ flex: 1, width: 2, background: 'var(--mantine-color-gray-4)', marginBottom: -12 }} />}
    </Stack>
  );
}

function MilestoneHeading({ milestone: m, headingId }: { milestone: ProjectMilestone; headingId: string }) {
  const { t } = useI18n();
  return (
    <>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
        <Title order={3} size="h5" id={headingId}>
          {t('projects.milestoneN', { n: m.seq + 1, title: m.title })}
        </Title>
        <MilestoneStatusBadge status={m.status} />
      </Group>
      <Text size="sm">
        {t('projects.due')}: <DateTime iso={m.dueAt} /> · {t('projects.tranche')}: <Money fen={m.trancheFen} />
      </Text>
      <Text size="sm" c="dimmed">
        {t('projects.deliverable')}: {m.deliverable}
      </Text>
    </>
  );
}

/** The buttons that open the evidence or the plan-change form of an open milestone. */
function MilestoneActions({
  canSubmit,
  canRequestChange,
  onOpen,
}: {
  canSubmit: boolean;
  canRequestChange: boolean;
  onOpen: (panel: 'evidence' | 'change') => void;
}) {
  const { t } = useI18n();
  return (
    <Group gap="xs">
      {canSubmit && (
        <Button size="sm" onClick={() => onOpen('evidence')}>
          {t('projects.evidence.open')}
        </Button>
      )}
      {canRequestChange && (
        <Button size="sm" variant="default" onClick={() => onOpen('change')}>
          {t('projects.change.open')}
        </Button>
      )}
    </Group>
  );
}

/** The open milestone's evidence or plan-change form. */
function MilestoneForm({
  panel,
  projectId,
  milestone: m,
  objectives,
  maxTrancheFen,
  onDone,
  onCancel,
}: {
  panel: 'evidence' | 'change';
  projectId: string;
  milestone: ProjectMilestone;
  objectives: readonly Objective[];
  maxTrancheFen: number;
  onDone: (message: MessageKey) => void;
  onCancel: () => void;
}) {
  return panel === 'evidence' ? (
    <EvidenceForm
      projectId={projectId}
      milestoneId={m.id}
      objectives={objectives}
      onDone={() => onDone('projects.evidence.done')}
      onCancel={onCancel}
    />
  ) : (
    <ChangeRequestForm
      projectId={projectId}
      milestone={m}
      maxFen={maxTrancheFen}
      onDone={() => onDone('projects.change.done')}
      onCancel={onCancel}
    />
  );
}

/** Which form of the milestone is open, and the message of the last one finished (cleared when another opens). */
function useMilestonePanel() {
  const [panel, setPanel] = useState<Panel>(null);
  const [done, setDone] = useState<MessageKey | null>(null);
  const openPanel = (next: Exclude<Panel, null>) => {
    setPanel(next);
    setDone(null);
  };
  const closePanel = () => setPanel(null);
  const finish = (message: MessageKey) => {
    setPanel(null);
    setDone(message);
  };
  return { panel, done, openPanel, closePanel, finish };
}

/** One milestone of the timeline: due date, tranche, status; its submissions and reviews; what the reader may do. */
export function MilestoneItem({
  projectId,
  milestone,
  objectives,
  canSubmit,
  canReview,
  canRequestChange,
  changePending,
  maxTrancheFen,
  last,
}: {
  projectId: string;
  milestone: ProjectMilestone;
  objectives: readonly Objective[];
  canSubmit: boolean;
  canReview: boolean;
  canRequestChange: boolean;
  /** A plan change of this milestone waits for the program manager (the server takes one at a time). */
  changePending: boolean;
  maxTrancheFen: number;
  last: boolean;
}) {
  const { t } = useI18n();
  const { panel, done, openPanel, closePanel, finish } = useMilestonePanel();
  const m = milestone;
  const open = m.status === 'scheduled' || m.status === 'overdue';
  const headingId = `ms-${m.id}`;
  return (
    <Group
      component="li"
      wrap="nowrap"
      align="stretch"
      gap="xs"
      aria-labelledby={headingId}
      data-testid="milestone"
      data-seq={m.seq}
      data-status={m.status}
    >
      <TimelineRail status={m.status} last={last} />
      <Card withBorder padding="sm" style={{ flex: 1, minWidth: 0 }}>
        <Stack gap="xs">
          <MilestoneHeading milestone={m} headingId={headingId} />
          {changePending && (
            <Text size="sm" fw={600} data-testid="change-pending">
              {t('projects.changePending')}
            </Text>
          )}
          {done && <Success title={t(done)} testId="milestone-done" />}
          <Submissions projectId={projectId} milestoneId={m.id} />
          {canReview && m.status === 'submitted' && (
            <ReviewForm
              projectId={projectId}
              milestoneId={m.id}
              trancheFen={m.trancheFen}
              onDone={() => finish('projects.review.done')}
            />
          )}
          {panel === null && open && (canSubmit || canRequestChange) && (
            <MilestoneActions canSubmit={canSubmit} canRequestChange={canRequestChange && !changePending} onOpen={openPanel} />
          )}
          {panel !== null && open && (
            <MilestoneForm
              panel={panel}
              projectId={projectId}
              milestone={m}
              objectives={objectives}
              maxTrancheFen={maxTrancheFen}
              onDone={finish}
              onCancel={closePanel}
            />
          )}
        </Stack>
      </Card>
    </Group>
  );
}
