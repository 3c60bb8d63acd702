import { Button, Grid, Group, NativeSelect, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { ListChallengesParams } from '../api/client';
import { useChallenges } from '../api/queries';
import { ChallengeCard } from '../components/ChallengeCard';
import { Empty, ErrorState, LoadMore, Loading } from '../components/states';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { FIELDS, FIELD_KEYS, INDUSTRIES, INDUSTRY_KEYS, MECHANISMS, MECHANISM_KEYS, TRACKS, TRACK_KEYS } from '../lib/taxonomy';
import { useDocumentTitle } from '../lib/useDocumentTitle';

const PUBLIC_STATUSES = ['published', 'closed', 'awarded', 'completed', 'cancelled'] as const;
const FILTERS = ['industry', 'field', 'mechanism', 'track', 'status'] as const;
type Filter = (typeof FILTERS)[number];

/** The list's filters live in the URL, so a filtered list can be shared and the back button works. */
function paramsOf(search: URLSearchParams, mine: boolean): ListChallengesParams {
  const params: Record<string, string | boolean> = {};
  for (const key of [...FILTERS, 'q'] as const) {
    const value = search.get(key);
    if (value) params[key] = value;
  }
  if (mine) params.mine = true;
  return params as ListChallengesParams;
}

/** The search text (debounced into the URL) and the filters read from and written to the URL. */
function useChallengeFilters(mine: boolean) {
  const [search, setSearch] = useSearchParams();
  const params = useMemo(() => paramsOf(search, mine), [search, mine]);
  const [q, setQ] = useState(search.get('q') ?? '');
  const [debouncedQ] = useDebouncedValue(q, 300);

  useEffect(() => {
    setSearch(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (debouncedQ.trim()) next.set('q', debouncedQ.trim());
        else next.delete('q');
        return next;
      },
      { replace: true },
    );
  }, [debouncedQ, setSearch]);

  const setFilter = (key: Filter, value: string) =>
    setSearch((prev) => {
      const next = new URLSearchParams(prev);
      if (value) next.set(key, value);
      else next.delete(key);
      return next;
    });
  const clear = () => {
    setQ('');
    setSearch(new URLSearchParams());
  };
  const filtered = FILTERS.some((key) => search.get(key)) || Boolean(search.get('q'));
  return { search, params, q, setQ, setFilter, clear, filtered };
}

type FilterSelect = { key: Filter; label: MessageKey; data: { value: string; label: string }[] };

/** The filter selects, each with "any" first; the agency's own list can also show its drafts. */
function useFilterSelects(mine: boolean): FilterSelect[] {
  const { t, pick } = useI18n();
  const options = <K extends string>(keys: readonly K[], label: (key: K) => string) => [
    { value: '', label: t('common.any') },
    ...keys.map((key) => ({ value: key, label: label(key) })),
  ];
  const statuses = mine ? (['draft', ...PUBLIC_STATUSES] as const) : PUBLIC_STATUSES;
  return [
    { key: 'industry', label: 'list.industry', data: options(INDUSTRY_KEYS, (k) => pick(INDUSTRIES[k])) },
    { key: 'field', label: 'list.field', data: options(FIELD_KEYS, (k) => pick(FIELDS[k])) },
    { key: 'mechanism', label: 'list.mechanism', data: options(MECHANISM_KEYS, (k) => pick(MECHANISMS[k])) },
    { key: 'track', label: 'list.track', data: options(TRACK_KEYS, (k) => pick(TRACKS[k])) },
    { key: 'status', label: 'list.status', data: options(statuses, (k) => t(`status.${k}` as MessageKey)) },
  ];
}

function ChallengeFilters({ mine, filters }: { mine: boolean; filters: ReturnType<typeof useChallengeFilters> }) {
  const { t } = useI18n();
  const selects = useFilterSelects(mine);
  const { search, q, setQ, setFilter, clear, filtered } = filters;
  return (
    <form role="search" onSubmit={(e) => e.preventDefault()} aria-label={t('list.filters')}>
      <Grid gap="sm" align="flex-end">
        <Grid.Col span={{ base: 12, md: 4 }}>
          <TextInput
            type="search"
            label={t('list.search')}
            placeholder={t('list.searchPlaceholder')}
            value={q}
            maxLength={100}
            onChange={(e) => setQ(e.currentTarget.value)}
          />
        </Grid.Col>
        {selects.map((select) => (
          <Grid.Col key={select.key} span={{ base: 6, sm: 4, md: 'auto' }}>
            <NativeSelect
              label={t(select.label)}
              data={select.data}
              value={search.get(select.key) ?? ''}
              onChange={(e) => setFilter(select.key, e.currentTarget.value)}
            />
          </Grid.Col>
        ))}
        {filtered && (
          <Grid.Col span="content">
            <Button variant="subtle" onClick={clear}>
              {t('list.clear')}
            </Button>
          </Grid.Col>
        )}
      </Grid>
    </form>
  );
}

function ChallengeListResults({
  mine,
  filtered,
  query,
}: {
  mine: boolean;
  filtered: boolean;
  query: ReturnType<typeof useChallenges>;
}) {
  const { t } = useI18n();
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  if (query.isPending) return <Loading />;
  if (query.isError && items.length === 0) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (items.length === 0)
    return <Empty title={mine ? t('mine.empty') : t('list.empty')} hint={filtered ? t('list.emptyHint') : undefined} />;
  return (
    <>
      <Text size="sm" c="dimmed" aria-live="polite">
        {t('list.count', { n: items.length })}
      </Text>
      <Stack gap="sm" aria-busy={query.isFetching}>
        {items.map((challenge) => (
          <ChallengeCard key={challenge.id} challenge={challenge} />
        ))}
      </Stack>
      <Group justify="center">
        {query.hasNextPage ? (
          <LoadMore query={query} />
        ) : (
          <Text size="sm" c="dimmed">
            {t('list.end')}
          </Text>
        )}
      </Group>
    </>
  );
}

export function ChallengeList({ mine = false }: { mine?: boolean }) {
  const { t } = useI18n();
  const filters = useChallengeFilters(mine);
  const query = useChallenges(filters.params);

  return (
    <Stack>
      <div>
        <Title order={1}>{mine ? t('mine.title') : t('list.title')}</Title>
        {!mine && <Text c="dimmed">{t('list.intro')}</Text>}
      </div>
      <ChallengeFilters mine={mine} filters={filters} />

      <ChallengeListResults mine={mine} filtered={filters.filtered} query={query} />
    </Stack>
  );
}

export default function ChallengeListPage() {
  const { t } = useI18n();
  useDocumentTitle(t('list.title'));
  return <ChallengeList />;
}
