import { Stack } from '@mantine/core';
import { useAuditEntries, type AuditFilter } from '../../api/audit';
import { useI18n } from '../../i18n/i18n';
import { Empty, ErrorState, LoadMore, Loading } from '../states';
import { EntryTable } from './EntryTable';

/** The entries matching `filter`, 50 a page, with "load more". */
export function AuditEntries({ filter, showChain = true, label }: { filter: AuditFilter; showChain?: boolean; label: string }) {
  const { t } = useI18n();
  const query = useAuditEntries(filter);
  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const entries = query.data.pages.flatMap((p) => p.items);
  if (!entries.length) return <Empty title={t('audit.empty')} />;
  return (
    <Stack gap="sm">
      <EntryTable entries={entries} showChain={showChain} label={label} />
      <LoadMore query={query} />
    </Stack>
  );
}
