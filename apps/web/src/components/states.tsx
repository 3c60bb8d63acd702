import { Alert, Button, Center, Group, Loader, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { problemMessages, problemOf } from '../api/problem';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" aria-hidden />
        <Text c="dimmed">{label ?? t('common.loading')}</Text>
      </Group>
    </Center>
  );
}

export function Empty({ title, hint, children }: { title: string; hint?: string; children?: ReactNode }) {
  return (
    <Stack align="center" py="xl" gap="xs" role="status">
      <Text fw={600}>{title}</Text>
      {hint && <Text c="dimmed">{hint}</Text>}
      {children}
    </Stack>
  );
}

/** The heading line of an API error, in the reader's language. */
export function useErrorTitle() {
  const { t } = useI18n();
  return (status: number): string => {
    const key = `error.${status}` as MessageKey;
    if (status === 0) return t('error.network');
    if (['error.401', 'error.403', 'error.404', 'error.409', 'error.422', 'error.429'].includes(key)) return t(key);
    return status >= 500 ? t('error.500') : t('common.error');
  };
}

/** A failed request: what went wrong (the server's detail and field errors, translated where known), its request id, and a retry. */
export function ErrorState({ error, onRetry, messages }: { error: unknown; onRetry?: () => void; messages?: string[] }) {
  const { t, lang } = useI18n();
  const title = useErrorTitle();
  const problem = problemOf(error);
  // Field errors on lines of their own, named in the reader's language (never the raw API path).
  const lines = messages ?? problemMessages(error, lang);
  return (
    <Alert color="red" title={title(problem.status)} role="alert" variant="light">
      <Stack gap={4}>
        {lines.map((line) => (
          <Text key={line} size="sm">
            {line}
          </Text>
        ))}
        {problem.requestId && (
          <Text size="xs" c="dimmed">
            {t('common.requestId', { id: problem.requestId })}
          </Text>
        )}
        {onRetry && (
          <Group>
            <Button size="xs" variant="light" color="red" onClick={onRetry}>
              {t('common.retry')}
            </Button>
          </Group>
        )}
      </Stack>
    </Alert>
  );
}

/** A success note whose title keeps AA contrast on the green tint (Mantine's green title text is 3:1). */
export function Success({ title, testId }: { title: string; testId?: string }) {
  return (
    <Alert
      color="green"
      variant="light"
      role="status"
      title={title}
      data-testid={testId}
      styles={{ title: { color: 'var(--mantine-color-dark-7)' } }}
    />
  );
}

/** "Load more" under a paged list while the server has another page (a TanStack infinite query). */
export function LoadMore({
  query,
}: {
  query: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };
}) {
  const { t } = useI18n();
  if (!query.hasNextPage) return null;
  return (
    <Button variant="default" loading={query.isFetchingNextPage} onClick={() => void query.fetchNextPage()}>
      {t('common.loadMore')}
    </Button>
  );
}
