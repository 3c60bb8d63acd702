import { Alert, Anchor, Button, Group, NumberInput, Select, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { downloadProgrammeCsv, useProgrammeEvaluation, type ProgrammeEvaluation, type ProgrammeParams } from '../api/evaluations';
import { useSession } from '../auth/session';
import { ChallengeEvaluations } from '../components/evaluation/ChallengeEvaluations';
import { ProgrammeFigures } from '../components/evaluation/ProgrammeFigures';
import { Empty, ErrorState, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import { INDUSTRIES, INDUSTRY_KEYS } from '../lib/taxonomy';
import { formatDateTime } from '../lib/time';
import { useDocumentTitle } from '../lib/useDocumentTitle';

const STAFF = new Set(['agency', 'admin', 'auditor']);

/** The programme's filters live in the URL, so an evaluation can be bookmarked and shared. */
function useProgrammeParams(): [ProgrammeParams, (next: ProgrammeParams) => void] {
  const [search, setSearch] = useSearchParams();
  const year = Number(search.get('year'));
  const params: ProgrammeParams = {
    industry: search.get('industry') ?? undefined,
    year: Number.isInteger(year) && year > 0 ? year : undefined,
  };
  const set = (next: ProgrammeParams) => {
    const out = new URLSearchParams();
    if (next.industry) out.set('industry', next.industry);
    if (next.year) out.set('year', String(next.year));
    setSearch(out, { replace: true });
  };
  return [params, set];
}

function Filters({ params, onChange }: { params: ProgrammeParams; onChange: (next: ProgrammeParams) => void }) {
  const { t, pick } = useI18n();
  return (
    <Group align="end" wrap="wrap">
      <Select
        label={t('ev.industry')}
        clearable
        placeholder={t('common.any')}
        data={INDUSTRY_KEYS.map((k) => ({ value: k, label: pick(INDUSTRIES[k]) }))}
        value={params.industry ?? null}
        onChange={(v) => onChange({ ...params, industry: v ?? undefined })}
        w={240}
      />
      <NumberInput
        label={t('ev.year')}
        placeholder={t('common.any')}
        min={2000}
        max={2100}
        allowDecimal={false}
        value={params.year ?? ''}
        onChange={(v) => onChange({ ...params, year: typeof v === 'number' && v >= 2000 && v <= 2100 ? v : undefined })}
        w={140}
      />
    </Group>
  );
}

function Evaluation({ data, params }: { data: ProgrammeEvaluation; params: ProgrammeParams }) {
  const { t, lang } = useI18n();
  const [failed, setFailed] = useState(false);
  const csv = () => {
    setFailed(false);
    downloadProgrammeCsv(params, lang).catch(() => setFailed(true));
  };
  return (
    <Stack gap="lg">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm" c="dimmed">
          {t('ev.asOf', { at: formatDateTime(data.asOf) })}
        </Text>
        <Button variant="default" size="sm" onClick={csv} disabled={data.challenges.length === 0}>
          {t('ev.csv')}
        </Button>
      </Group>
      {failed && (
        <Alert color="red" role="alert">
          {t('ev.csvFailed')}
        </Alert>
      )}
      {data.challenges.length === 0 ? (
        <Empty title={t('ev.empty')} />
      ) : (
        <>
          <ProgrammeFigures {...data.totals} />
          <ChallengeEvaluations challenges={data.challenges} />
        </>
      )}
    </Stack>
  );
}

/** 绩效评估: a programme's objectives, money, milestones and stopped projects, by industry and year; CSV. */
export default function EvaluationPage() {
  const { t } = useI18n();
  useDocumentTitle(t('nav.evaluation'));
  const { user } = useSession();
  const allowed = !!user && STAFF.has(user.role);
  const [params, setParams] = useProgrammeParams();
  const query = useProgrammeEvaluation(params, allowed);
  let body: ReactNode;
  if (!allowed)
    body = (
      <Alert color="orange" role="alert" title={user ? t('error.403') : t('error.401')} maw={560}>
        {t('ev.staffOnly')}{' '}
        {!user && (
          <Anchor component={Link} to="/sign-in?next=%2Fevaluation">
            {t('nav.signIn')}
          </Anchor>
        )}
      </Alert>
    );
  else if (query.isPending) body = <Loading />;
  else if (query.isError) body = <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  else body = <Evaluation data={query.data} params={params} />;
  return (
    <Stack gap="md" maw={1100}>
      <Title order={1}>{t('nav.evaluation')}</Title>
      <Text size="sm" maw={760}>
        {t('ev.intro')}
      </Text>
      {allowed && <Filters params={params} onChange={setParams} />}
      {body}
    </Stack>
  );
}
