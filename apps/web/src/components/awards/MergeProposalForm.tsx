import { Button, Group, Stack, Title } from '@mantine/core';
import { useState } from 'react';
import type { ProjectSummary } from '../../api/awards';
import { useMergingProjects, useProposeMerge } from '../../api/merges';
import { mapProblem, problemOf, problemWording } from '../../api/problem';
import {
  emptyMerge,
  leadShareOf,
  MERGE_CODE_FIELDS,
  mergeFieldOf,
  mergeOrganizations,
  validateMerge,
  type MergeOrganization,
  type MergeValues,
} from '../../forms/merge-form';
import { useI18n } from '../../i18n/i18n';
import type { MessageKey } from '../../i18n/zh';
import { formatFen, parseYuan } from '../../lib/money';
import { useConfirm } from '../feedback/ConfirmDialog';
import { ErrorState, Success } from '../states';
import { LeadAndShares, MergedTermsFields, ProjectChoice, projectLabel, useOrganizationLabel } from './MergeFormParts';
import { MergeMilestonesEditor } from './MergeMilestonesEditor';

const FORM_FIELDS = new Set(['projectIds', 'leadOrganizationId', 'members', 'title', 'totalInvestment', 'grant', 'milestones']);
const isFormField = (path: string) =>
  FORM_FIELDS.has(path) || /^milestones\.\d+\.(title|dueAt|deliverable|tranche)$/.test(path) || path.startsWith('shares.');

/** A merge's code in the merge screens' words, other awarding codes in the awarding screens'. */
const problemKey = (code: string) => (code.startsWith('awards.merge_') ? `merges.code.${code}` : `awards.code.${code}`);

/** The server's refusal of a proposal, each part beside the field it concerns. */
function useServerProblem(propose: ReturnType<typeof useProposeMerge>) {
  const { lang } = useI18n();
  if (!propose.isError) return null;
  const problem = problemOf(propose.error);
  return mapProblem(problem, {
    lang,
    hasField: isFormField,
    fieldOf: mergeFieldOf,
    codeFields: MERGE_CODE_FIELDS,
    generic: problemWording(problem, lang, problemKey),
  });
}

/** Proposing moves money once every lead accepts: it says which projects, who leads, and the grant, first. */
function useProposalConfirm() {
  const { t, lang } = useI18n();
  const label = useOrganizationLabel();
  const { confirm, dialog } = useConfirm();
  const ask = (projects: readonly ProjectSummary[], lead: MergeOrganization, title: string, grantFen: number) =>
    confirm({
      title: t('merges.confirm.title'),
      body: t('merges.confirm.body', {
        projects: projects.map(projectLabel).join(lang === 'zh' ? '、' : '; '),
        title,
        lead: label(lead),
      }),
      amount: formatFen(grantFen),
      amountLabel: t('merges.grant'),
      confirmLabel: t('merges.confirm.propose'),
    });
  return { ask, dialog };
}

function useMergeFacts(eligible: readonly ProjectSummary[], values: MergeValues) {
  const chosen = eligible.filter((p) => values.projectIds.includes(p.id));
  const details = useMergingProjects(values.projectIds);
  const consortiumOf = (id: string) => details[values.projectIds.indexOf(id)]?.data?.consortium ?? [];
  const organizations = mergeOrganizations(chosen, consortiumOf);
  const paidFen = chosen.reduce((s, p) => s + p.paidFen, 0);
  const others = organizations.filter((o) => o.organizationId !== values.leadOrganizationId);
  return { chosen, organizations, paidFen, leadShare: leadShareOf(values, others) };
}

/** The agency's proposal: which projects merge, who leads with what shares, the merged money and the re-planned milestones. */
export function MergeProposalForm({ challengeId, eligible }: { challengeId: string; eligible: readonly ProjectSummary[] }) {
  const { t } = useI18n();
  const propose = useProposeMerge(challengeId);
  const [values, setValues] = useState(emptyMerge);
  const [touched, setTouched] = useState(false);
  const { chosen, organizations, paidFen, leadShare } = useMergeFacts(eligible, values);
  const { ask, dialog } = useProposalConfirm();
  const server = useServerProblem(propose);
  const { errors, body } = validateMerge(values, organizations, paidFen);
  const grant = parseYuan(values.grant);
  const remaining = formatFen(grant.ok ? Math.max(0, grant.fen - paidFen) : 0);
  const errorOf = (path: string) =>
    touched && errors[path] ? t(`merges.err.${errors[path]}` as MessageKey, { amount: remaining }) : server?.fields[path];
  const set = (patch: Partial<MergeValues>) => setValues((v) => ({ ...v, ...patch }));
  const toggle = (id: string) => {
    const projectIds = values.projectIds.includes(id) ? values.projectIds.filter((x) => x !== id) : [...values.projectIds, id];
    const leadStays = eligible.some((p) => projectIds.includes(p.id) && p.organizationId === values.leadOrganizationId);
    set({ projectIds, leadOrganizationId: leadStays ? values.leadOrganizationId : '' });
  };
  const submit = () => {
    setTouched(true);
    const lead = organizations.find((o) => o.organizationId === body?.leadOrganizationId);
    if (!body || !lead) return;
    const reset = () => {
      setValues(emptyMerge());
      setTouched(false);
    };
    void ask(chosen, lead, body.title, body.grantFen).then((ok) => ok && propose.mutate(body, { onSuccess: reset }));
  };
  return (
    <form
      noValidate
      aria-labelledby="merge-form-title"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h5" id="merge-form-title">
          {t('merges.form.title')}
        </Title>
        <ProjectChoice projects={eligible} selected={values.projectIds} onToggle={toggle} error={errorOf('projectIds')} />
        <LeadAndShares
          organizations={organizations}
          leadOrganizationId={values.leadOrganizationId}
          onLead={(leadOrganizationId) => set({ leadOrganizationId })}
          shares={values.shares}
          onShare={(id, share) => set({ shares: { ...values.shares, [id]: share } })}
          leadShare={leadShare}
          errorOf={errorOf}
        />
        <MergedTermsFields values={values} onChange={set} paidFen={paidFen} errorOf={errorOf} />
        <MergeMilestonesEditor
          milestones={values.milestones}
          onChange={(milestones) => set({ milestones })}
          errorOf={errorOf}
          remainingText={t('merges.form.remaining', { amount: remaining, paid: formatFen(paidFen) })}
        />
        {propose.isSuccess && <Success testId="merge-proposed" title={t('merges.proposed')} />}
        {server && server.general.length > 0 && <ErrorState error={propose.error} messages={server.general} />}
        <Group>
          <Button type="submit" loading={propose.isPending}>
            {t('merges.form.submit')}
          </Button>
        </Group>
      </Stack>
      {dialog}
    </form>
  );
}
