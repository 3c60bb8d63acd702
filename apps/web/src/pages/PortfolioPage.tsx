import { Alert, Anchor, Badge, Button, Card, Chip, Group, NativeSelect, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { Link, useSearchParams } from 'react-router';
import { usePortfolio, type PortfolioItem, type PortfolioSort, type PortfolioView, type ProjectStatus } from '../api/portfolio';
import { useSession } from '../auth/session';
import { DateTime, Money } from '../components/format';
import { countOf, HEALTHS, isHealthFilter, type HealthFilter } from '../components/portfolio/health';
import { HealthIcon, HealthLight } from '../components/portfolio/HealthLight';
import { Figure } from '../components/portfolio/Figure';
import { MoneyChart } from '../components/portfolio/MoneyChart';
import { Empty, ErrorState, LoadMore, Loading } from '../components/states';
import { ProjectStatusBadge, projectStatusKey } from '../components/StatusBadges';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { useDocumentTitle } from '../lib/useDocumentTitle';

const STATUSES: readonly ProjectStatus[] = ['publicity', 'active', 'eliminated', 'completed', 'terminated'];
const SORTS: readonly PortfolioSort[] = ['next_due', 'health', 'paid', 'granted', 'title'];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function ProjectCard({ item }: { item: PortfolioItem }) {
  const { t } = useI18n();
  const to = `/projects/${item.id}`;
  const count = (n: number, label: MessageKey, color: string) => (
    <Badge
      component={Link}
      to={to}
      variant={n > 0 ? 'light' : 'outline'}
      color={n > 0 ? color : 'gray.7'}
      styles={n > 0 ? { label: { color: 'var(--mantine-color-dark-7)' } } : undefined}
      style={{ cursor: 'pointer' }}
      aria-label={`${t(label)} ${n} · ${item.title} · ${item.organizationName}`}
    >
      {t(label)} {n}
    </Badge>
  );
  return (
    <Card withBorder padding="sm" component="li" data-testid="portfolio-project" data-project-id={item.id}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Anchor component={Link} to={to} fw={600}>
            {item.title}
          </Anchor>
          <Group gap="sm" wrap="nowrap">
            <HealthLight health={item.health} />
            <ProjectStatusBadge status={item.status} />
          </Group>
        </Group>
        {/* A horse race's projects share their challenge's title: the organisation tells them apart. */}
        <Text size="sm" data-testid="project-org">
          <Text span c="dimmed" size="sm">
            {t('res.org')}:{' '}
          </Text>
          {item.organizationName}
        </Text>
        <Text size="sm">
          {t('pf.granted')} <Money fen={item.grantedFen} /> · {t('pf.paid')} <Money fen={item.paidFen} />
          {item.scheduledFen > 0 && (
            <>
              {' '}
              · {t('pf.scheduled')} <Money fen={item.scheduledFen} />
            </>
          )}
        </Text>
        <Text size="sm">
          <Text span c="dimmed" size="sm">
            {t('pf.nextMilestone')}:{' '}
          </Text>
          {item.nextMilestone ? (
            <>
              {item.nextMilestone.title} · <DateTime iso={item.nextMilestone.dueAt} />
            </>
          ) : (
            t('pf.noNext')
          )}
        </Text>
        <Group gap="xs">
          {count(item.overdue.length, 'pf.overdue', 'red')}
          {count(item.awaitingReview.length, 'pf.awaitingReview', 'blue')}
          {count(item.dueNext30Days.length, 'pf.due30', 'orange')}
        </Group>
      </Stack>
    </Card>
  );
}

type Totals = PortfolioView['totals'];

/** The list's filters and sort live in the URL (a link from the ledger sets the challenge); unknown values are ignored. */
function usePortfolioFilters() {
  const [search, setSearch] = useSearchParams();
  const healthParam = search.get('health');
  const health: HealthFilter = isHealthFilter(healthParam) ? healthParam : 'all';
  const status = (STATUSES as readonly string[]).includes(search.get('status') ?? '')
    ? (search.get('status') as Exclude<ProjectStatus, 'merged'>)
    : undefined;
  const sort = (SORTS as readonly string[]).includes(search.get('sort') ?? '')
    ? (search.get('sort') as PortfolioSort)
    : undefined;
  const challengeParam = search.get('challengeId');
  const challengeId = challengeParam && UUID.test(challengeParam) ? challengeParam : undefined;

  const set = (key: string, value: string) => {
    const next = new URLSearchParams(search);
    if (value && value !== 'all') next.set(key, value);
    else next.delete(key);
    setSearch(next, { replace: true });
  };
  return { health, status, sort, challengeId, set };
}

function PortfolioTotals({ totals }: { totals: Totals }) {
  const { t } = useI18n();
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} component="dl" spacing="sm" m={0} data-testid="portfolio-totals">
      <Figure label={t('pf.projects')} testId="total-projects">
        {totals.projects}
      </Figure>
      <Figure label={t('pf.granted')} testId="total-granted">
        <Money fen={totals.grantedFen} />
      </Figure>
      <Figure label={t('pf.paid')} testId="total-paid">
        <Money fen={totals.paidFen} />
      </Figure>
      <Figure label={t('pf.awaitingReview')} testId="total-awaiting">
        {totals.awaitingReview}
      </Figure>
      {HEALTHS.map((h) => (
        <Figure key={h} label={t(`pf.health.${h}`)} testId={`total-${h}`}>
          <Group gap={6} component="span" wrap="nowrap">
            <HealthIcon health={h} />
            {/* Mantine's Group drops falsy children: a zero must be text to show. */}
            {String(h === 'on_track' ? totals.onTrack : h === 'at_risk' ? totals.atRisk : totals.late)}
          </Group>
        </Figure>
      ))}
    </SimpleGrid>
  );
}

function HealthChips({ health, totals, onChange }: { health: HealthFilter; totals: Totals; onChange: (value: string) => void }) {
  const { t } = useI18n();
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
      <Text component="legend" size="sm" fw={500} mb={4}>
        {t('pf.healthFilter')}
      </Text>
      <Chip.Group multiple={false} value={health} onChange={onChange}>
        <Group gap="xs">
          <Chip value="all" variant="outline">
            {`${t('pf.health.all')} (${totals.projects})`}
          </Chip>
          {HEALTHS.map((h) => (
            <Chip key={h} value={h} variant="outline">
              <Group gap={6} component="span" wrap="nowrap">
                <HealthIcon health={h} size={10} />
                {`${t(`pf.health.${h}`)} (${countOf(totals, h)})`}
              </Group>
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </fieldset>
  );
}

function PortfolioSelects({
  status,
  sort,
  set,
}: {
  status: ProjectStatus | undefined;
  sort: PortfolioSort | undefined;
  set: (key: string, value: string) => void;
}) {
  const { t } = useI18n();
  return (
    <Group gap="sm" grow preventGrowOverflow={false} wrap="wrap">
      <NativeSelect
        label={t('pf.status')}
        value={status ?? ''}
        onChange={(e) => set('status', e.currentTarget.value)}
        data={[{ value: '', label: t('common.any') }, ...STATUSES.map((s) => ({ value: s, label: t(projectStatusKey(s)) }))]}
        miw={160}
      />
      <NativeSelect
        label={t('pf.sort')}
        value={sort ?? 'next_due'}
        onChange={(e) => set('sort', e.currentTarget.value === 'next_due' ? '' : e.currentTarget.value)}
        data={SORTS.map((s) => ({ value: s, label: t(`pf.sort.${s}`) }))}
        miw={160}
      />
    </Group>
  );
}

function Portfolio() {
  const { t } = useI18n();
  const { health, status, sort, challengeId, set } = usePortfolioFilters();
  const query = usePortfolio({ status, sort, challengeId, health: health === 'all' ? undefined : health });

  if (query.isPending) return <Loading />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  const { totals, timeline, budgetFen } = query.data.pages[0];
  const shown = query.data.pages.flatMap((page) => page.items);

  return (
    <Stack gap="lg">
      <PortfolioTotals totals={totals} />

      <section aria-labelledby="pf-chart">
        <Title order={2} size="h3" id="pf-chart" mb="xs">
          {t('pf.chart')}
        </Title>
        <MoneyChart points={timeline ?? []} budgetFen={budgetFen} />
      </section>

      <section aria-labelledby="pf-list" aria-busy={query.isPlaceholderData}>
        <Title order={2} size="h3" id="pf-list" mb="xs">
          {t('pf.list')}
        </Title>
        <Stack gap="sm">
          <HealthChips health={health} totals={totals} onChange={(value) => set('health', value)} />
          <PortfolioSelects status={status} sort={sort} set={set} />
          {challengeId && (
            <Group gap="xs">
              <Text size="sm">{t('pf.oneChallenge')}</Text>
              <Button size="compact-sm" variant="default" onClick={() => set('challengeId', '')}>
                {t('pf.allChallenges')}
              </Button>
            </Group>
          )}
          <Text size="sm" c="dimmed" role="status" aria-live="polite">
            {t('pf.shown', { n: shown.length, total: countOf(totals, health) })}
          </Text>
          {totals.projects === 0 ? (
            <Empty title={t('pf.empty')} hint={t('pf.emptyHint')} />
          ) : shown.length === 0 ? (
            <Empty title={t('pf.noMatch')} />
          ) : (
            <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
              {shown.map((item) => (
                <ProjectCard key={item.id} item={item} />
              ))}
            </Stack>
          )}
          <LoadMore query={query} />
        </Stack>
      </section>
    </Stack>
  );
}

/** The program manager's (and agency's) cockpit: money, health lights, what is due, overdue and awaiting review. */
export default function PortfolioPage() {
  const { t } = useI18n();
  useDocumentTitle(t('nav.portfolio'));
  const { user } = useSession();
  const allowed = user?.role === 'program_manager' || user?.role === 'agency' || user?.role === 'admin';
  return (
    <Stack gap="md" maw={1100}>
      <Title order={1}>{t('nav.portfolio')}</Title>
      {allowed ? (
        <Portfolio />
      ) : (
        <Alert color="orange" role="alert" title={user ? t('error.403') : t('error.401')} maw={560}>
          {t('pf.staffOnly')}{' '}
          {!user && (
            <Anchor component={Link} to="/sign-in?next=%2Fportfolio">
              {t('nav.signIn')}
            </Anchor>
          )}
        </Alert>
      )}
    </Stack>
  );
}
