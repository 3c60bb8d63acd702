import { Badge, type BadgeProps } from '@mantine/core';
import type { Schemas } from '../api/client';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';

export type ProjectStatus = Schemas['ProjectSummaryView']['status'];
export type MilestoneStatus = Schemas['ProjectMilestoneView']['status'];

const PROJECT_COLOR: Record<ProjectStatus, string> = {
  publicity: 'yellow',
  active: 'blue',
  eliminated: 'gray',
  completed: 'green',
  terminated: 'red',
  merged: 'grape',
};

export const MILESTONE_COLOR: Record<MilestoneStatus, string> = {
  scheduled: 'blue',
  submitted: 'violet',
  met: 'green',
  partially_met: 'lime',
  not_met: 'red',
  overdue: 'orange',
  cancelled: 'gray',
};

/** The one wording of a project's status (awards, portfolio, projects, public results). */
export const projectStatusKey = (status: ProjectStatus) => `status.project.${status}` as MessageKey;
/** The one wording of a milestone's status. */
export const milestoneStatusKey = (status: MilestoneStatus) => `status.milestone.${status}` as MessageKey;

export function ProjectStatusBadge({ status, size }: { status: ProjectStatus; size?: BadgeProps['size'] }) {
  const { t } = useI18n();
  return (
    // Dark text on the light tint keeps 4.5:1 contrast whatever the tint.
    <Badge color={PROJECT_COLOR[status]} variant="light" c="dark.7" size={size} data-testid="project-status">
      {t(projectStatusKey(status))}
    </Badge>
  );
}

export function MilestoneStatusBadge({ status, size }: { status: MilestoneStatus; size?: BadgeProps['size'] }) {
  const { t } = useI18n();
  return (
    <Badge color={MILESTONE_COLOR[status]} variant="light" c="dark.7" size={size} data-status={status}>
      {t(milestoneStatusKey(status))}
    </Badge>
  );
}
