import { Button, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useJobOverview, useRetryJob, type FailedJob, type QueueSummary } from '../api/jobs';
import { problemOf, problemWording } from '../api/problem';
import { QueueDashboardLink } from '../components/admin/QueueDashboardLink';
import { useConfirm } from '../components/feedback/ConfirmDialog';
import { notify } from '../components/feedback/notify';
import { ScrollRegion } from '../components/portfolio/ScrollRegion';
import { RequireRole } from '../components/RequireRole';
import { Empty, ErrorState, Loading } from '../components/states';
import { useI18n, type Translate } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { formatDateTime } from '../lib/time';
import { useDocumentTitle } from '../lib/useDocumentTitle';
import { TableHead } from '../components/TableHead';

const STATES = ['waiting', 'active', 'delayed', 'failed', 'completed'] as const;
const nowrap = { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' } as const;

/** A queue's or a job's name in the reader's language; one we have no words for is shown as it is. */
function worded(t: Translate, prefix: 'jobs.queueName' | 'jobs.name', name: string): string {
  const key = `${prefix}.${name}` as MessageKey;
  const text = t(key);
  return text === key ? name : text;
}

interface FailedRow extends FailedJob {
  queue: string;
}

function CountsTable({ queues }: { queues: QueueSummary[] }) {
  const { t } = useI18n();
  return (
    <ScrollRegion label={t('jobs.countsTitle')} minWidth={640}>
      <Table striped withTableBorder data-testid="queue-counts">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('jobs.queue')}</Table.Th>
            {STATES.map((s) => (
              <Table.Th key={s} scope="col" ta="right">
                {t(`jobs.state.${s}`)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {queues.map((q) => (
            <Table.Tr key={q.name} data-queue={q.name}>
              <Table.Th scope="row" fw={500}>
                {worded(t, 'jobs.queueName', q.name)}
              </Table.Th>
              {STATES.map((s) => (
                <Table.Td key={s} ta="right" style={nowrap} c={s === 'failed' && q.counts[s] > 0 ? 'red.9' : undefined}>
                  {q.counts[s]}
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ScrollRegion>
  );
}

/** Retry after a confirmation that says what happens; the result is told, a refusal worded. */
function useRetry() {
  const { t, lang } = useI18n();
  const retry = useRetryJob();
  const { confirm, dialog } = useConfirm();
  const ask = async (job: FailedRow) => {
    const name = worded(t, 'jobs.name', job.name);
    const ok = await confirm({
      title: t('jobs.retryTitle', { name }),
      body: t('jobs.retryBody', { id: job.id, queue: worded(t, 'jobs.queueName', job.queue) }),
      confirmLabel: t('jobs.retry'),
    });
    if (!ok) return;
    retry.mutate(
      { queue: job.queue, jobId: job.id },
      {
        onSuccess: () => notify({ title: t('jobs.retried', { name }) }),
        onError: (e) =>
          notify({ color: 'red', title: t('common.error'), message: problemWording(problemOf(e), lang, () => undefined) }),
      },
    );
  };
  return { ask, busy: retry.isPending, dialog };
}

function FailedTable({ queues }: { queues: QueueSummary[] }) {
  const { t } = useI18n();
  const { ask, busy, dialog } = useRetry();
  const rows: FailedRow[] = queues
    .flatMap((q) => q.failed.map((job) => ({ ...job, queue: q.name })))
    .sort((a, b) => (b.failedAt ?? b.createdAt).localeCompare(a.failedAt ?? a.createdAt));
  if (!rows.length) return <Empty title={t('jobs.noFailed')} />;
  const heads = [
    'jobs.job',
    'jobs.queue',
    'jobs.id',
    'jobs.reason',
    'jobs.attempts',
    'jobs.createdAt',
    'jobs.failedAt',
    'jobs.actions',
  ] as const;
  return (
    <>
      <ScrollRegion label={t('jobs.failedTitle')} minWidth={1100}>
        <Table striped withTableBorder data-testid="failed-jobs">
          <TableHead keys={heads} />
          <Table.Tbody>
            {rows.map((job) => {
              const name = worded(t, 'jobs.name', job.name);
              return (
                <Table.Tr key={`${job.queue}/${job.id}`} data-job-id={job.id}>
                  <Table.Th scope="row" fw={500}>
                    {name}
                  </Table.Th>
                  <Table.Td>{worded(t, 'jobs.queueName', job.queue)}</Table.Td>
                  {/* Identifiers and the worker's own message, shown as recorded (not UI text). */}
                  <Table.Td translate="no" style={{ wordBreak: 'break-all' }} ff="monospace" fz="xs">
                    {job.id}
                  </Table.Td>
                  <Table.Td translate="no" style={{ wordBreak: 'break-word' }} fz="sm">
                    {job.failedReason || '—'}
                  </Table.Td>
                  <Table.Td style={nowrap}>
                    {job.attemptsMade} / {job.attempts}
                  </Table.Td>
                  <Table.Td style={nowrap}>{formatDateTime(job.createdAt)}</Table.Td>
                  <Table.Td style={nowrap}>{formatDateTime(job.failedAt)}</Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="default"
                      disabled={busy}
                      onClick={() => void ask(job)}
                      aria-label={t('jobs.retryOf', { name, id: job.id })}
                    >
                      {t('jobs.retry')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </ScrollRegion>
      {dialog}
    </>
  );
}

function Overview() {
  const { t } = useI18n();
  const overview = useJobOverview();
  if (overview.isPending) return <Loading />;
  if (overview.isError) return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  const { queues } = overview.data;
  return (
    <Stack gap="lg">
      <Stack gap="xs" component="section" aria-labelledby="queue-counts-title">
        <Group justify="space-between" align="flex-end">
          <Title order={2} id="queue-counts-title">
            {t('jobs.countsTitle')}
          </Title>
          <Button size="xs" variant="default" onClick={() => void overview.refetch()} loading={overview.isFetching}>
            {t('jobs.refresh')}
          </Button>
        </Group>
        <CountsTable queues={queues} />
      </Stack>
      <Stack gap="xs" component="section" aria-labelledby="failed-jobs-title">
        <Title order={2} id="failed-jobs-title">
          {t('jobs.failedTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('jobs.failedHint')}
        </Text>
        <FailedTable queues={queues} />
      </Stack>
    </Stack>
  );
}

/**
 * The admin's job queues (/admin/jobs): counts per queue, the latest failed jobs with why they
 * failed (never their data), a retry behind a confirmation; the third-party dashboard as "advanced".
 */
export default function JobsPage() {
  const { t } = useI18n();
  useDocumentTitle(t('jobs.title'));
  return (
    <RequireRole role="admin" message={t('jobs.adminOnly')}>
      <Stack maw={1200}>
        <Title order={1}>{t('jobs.title')}</Title>
        <Text c="dimmed">{t('jobs.intro')}</Text>
        <Overview />
        <Stack gap="xs" component="section" aria-labelledby="jobs-advanced-title">
          <Title order={2} id="jobs-advanced-title">
            {t('jobs.advancedTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('jobs.advancedIntro')}
          </Text>
          <div>
            <QueueDashboardLink />
          </div>
        </Stack>
      </Stack>
    </RequireRole>
  );
}
