import { Alert, Stack, Text } from '@mantine/core';
import { useErrorTitle } from '../states';
import { useI18n } from '../../i18n/i18n';
import type { FormProblem } from './problems';

/** The messages of a problem that concern no field of the form, with the request id. */
export function FormAlert({ problem, testId }: { problem: FormProblem | null; testId?: string }) {
  const { t } = useI18n();
  const title = useErrorTitle();
  if (!problem || problem.general.length === 0) return null;
  return (
    <Alert color="red" role="alert" variant="light" title={title(problem.status)} data-testid={testId}>
      <Stack gap={4}>
        {problem.general.map((line) => (
          <Text key={line} size="sm">
            {line}
          </Text>
        ))}
        {problem.requestId && (
          <Text size="xs" c="dimmed">
            {t('common.requestId', { id: problem.requestId })}
          </Text>
        )}
      </Stack>
    </Alert>
  );
}

/** A problem found before sending (titled as a 400: "error", not "network"): the fields are marked; the alert says so. */
export const fixErrors = (message: string): FormProblem => ({ fields: {}, general: [message], status: 400 });
