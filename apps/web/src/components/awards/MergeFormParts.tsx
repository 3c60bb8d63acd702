import { Checkbox, NativeSelect, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ProjectSummary } from '../../api/awards';
import type { MergeOrganization, MergeValues } from '../../forms/merge-form';
import { useI18n } from '../../i18n/i18n';
import { formatFen } from '../../lib/money';

/** A fieldset without the browser's frame, its legend in the app's label style and its error announced. */
export function FieldGroup({ id, legend, error, children }: { id: string; legend: string; error?: string; children: ReactNode }) {
  return (
    <fieldset style={{ border: 0, margin: 0, padding: 0 }} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>
        <Text size="sm" fw={600} component="span">
          {legend}
        </Text>
      </legend>
      <Stack gap={6}>
        {children}
        {error && (
          <Text size="sm" c="red.9" id={`${id}-error`} role="alert">
            {error}
          </Text>
        )}
      </Stack>
    </fieldset>
  );
}

/** A project as people know it: its title and its lead organisation's name. */
export const projectLabel = (p: Pick<ProjectSummary, 'title' | 'organizationName'>) => `${p.title} · ${p.organizationName}`;

/** The projects that may merge (active, advanced at the last final gate), each with its box. */
export function ProjectChoice({
  projects,
  selected,
  onToggle,
  error,
}: {
  projects: readonly ProjectSummary[];
  selected: readonly string[];
  onToggle: (projectId: string) => void;
  error: string | undefined;
}) {
  const { t } = useI18n();
  return (
    <FieldGroup id="merge-projects" legend={t('merges.form.projects')} error={error}>
      {projects.map((p) => (
        <Checkbox key={p.id} label={projectLabel(p)} checked={selected.includes(p.id)} onChange={() => onToggle(p.id)} />
      ))}
    </FieldGroup>
  );
}

/** A lead by its name; a consortium member by its name, credit code and project. */
export function useOrganizationLabel() {
  const { t } = useI18n();
  return (o: MergeOrganization) =>
    o.isLead && o.name
      ? o.name
      : t('merges.memberOrg', { name: o.name ?? o.creditCode ?? '', code: o.creditCode ?? '', project: o.projectTitle });
}

/** The lead (one of the chosen projects' leads) and every other organisation's share; the lead keeps the rest. */
export function LeadAndShares({
  organizations,
  leadOrganizationId,
  onLead,
  shares,
  onShare,
  leadShare,
  errorOf,
}: {
  organizations: readonly MergeOrganization[];
  leadOrganizationId: string;
  onLead: (organizationId: string) => void;
  shares: Record<string, string>;
  onShare: (organizationId: string, share: string) => void;
  leadShare: number;
  errorOf: (path: string) => string | undefined;
}) {
  const { t } = useI18n();
  const label = useOrganizationLabel();
  const others = organizations.filter((o) => o.organizationId !== leadOrganizationId);
  return (
    <>
      <NativeSelect
        label={t('merges.form.lead')}
        required
        value={leadOrganizationId}
        error={errorOf('leadOrganizationId')}
        onChange={(e) => onLead(e.currentTarget.value)}
        data={[
          { value: '', label: t('merges.form.choose') },
          ...organizations.filter((o) => o.isLead).map((o) => ({ value: o.organizationId, label: label(o) })),
        ]}
      />
      {leadOrganizationId && others.length > 0 && (
        <FieldGroup id="merge-members" legend={t('merges.form.shares')} error={errorOf('members')}>
          {others.map((o) => (
            <TextInput
              key={o.organizationId}
              label={t('merges.form.shareOf', { org: label(o) })}
              required
              inputMode="numeric"
              rightSection="%"
              value={shares[o.organizationId] ?? ''}
              error={errorOf(`shares.${o.organizationId}`)}
              onChange={(e) => onShare(o.organizationId, e.currentTarget.value)}
            />
          ))}
          <Text size="sm" data-testid="merge-lead-share">
            {t('merges.form.leadShare', { n: leadShare })}
          </Text>
        </FieldGroup>
      )}
    </>
  );
}

/** The merged project's title, total investment and grant (yuan as typed). */
export function MergedTermsFields({
  values,
  onChange,
  paidFen,
  errorOf,
}: {
  values: Pick<MergeValues, 'title' | 'totalInvestment' | 'grant'>;
  onChange: (patch: Partial<MergeValues>) => void;
  paidFen: number;
  errorOf: (path: string) => string | undefined;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextInput
        label={t('merges.form.mergedTitle')}
        required
        value={values.title}
        error={errorOf('title')}
        onChange={(e) => onChange({ title: e.currentTarget.value })}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
        <TextInput
          label={t('merges.form.totalInvestment')}
          description={t('merges.form.totalInvestmentHint')}
          required
          inputMode="decimal"
          value={values.totalInvestment}
          error={errorOf('totalInvestment')}
          onChange={(e) => onChange({ totalInvestment: e.currentTarget.value })}
        />
        <TextInput
          label={t('merges.form.grant')}
          description={t('merges.form.grantHint', { paid: formatFen(paidFen) })}
          required
          inputMode="decimal"
          value={values.grant}
          error={errorOf('grant')}
          onChange={(e) => onChange({ grant: e.currentTarget.value })}
        />
      </SimpleGrid>
    </>
  );
}
