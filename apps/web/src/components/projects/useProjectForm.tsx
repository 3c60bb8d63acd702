import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { FormAlert, fixErrors } from './FormAlert';
import type { FormProblem } from './problems';

type Errors = Record<string, string>;

/**
 * The state every project form shares: values, the errors beside the fields and the problem in the
 * alert. `check` shows what the rules found before sending (and says whether the form may be sent);
 * `failed` shows the server's answer, beside the fields it names.
 */
export function useProjectForm<V extends object>(initial: V | (() => V)) {
  const { t } = useI18n();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  return {
    values,
    errors,
    problem,
    /** Changes some values and clears the errors of the fields they concern. */
    set(patch: Partial<V>, ...clear: string[]) {
      setValues((v) => ({ ...v, ...patch }));
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !clear.includes(k))));
    },
    /** The same for a change computed from the values (items of a list). */
    update(change: (v: V) => V, ...clear: string[]) {
      setValues(change);
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !clear.includes(k))));
    },
    check(found: Errors): boolean {
      setErrors(found);
      const ok = Object.keys(found).length === 0;
      setProblem(ok ? null : fixErrors(t('common.fixErrors')));
      return ok;
    },
    failed(mapped: FormProblem) {
      setErrors(mapped.fields);
      setProblem(mapped);
    },
    setErrors,
  };
}

/** A project form: titled (its accessible name), the alert for what concerns no field, then the fields. */
export function ProjectFormShell({
  title,
  titleId,
  problem,
  alertTestId,
  onSubmit,
  submitLabel,
  pending,
  uploading = false,
  onCancel,
  children,
}: {
  title: string;
  titleId: string;
  problem: FormProblem | null;
  alertTestId: string;
  onSubmit: () => void;
  /** The send button's words; it spins while `pending`. */
  submitLabel: string;
  pending: boolean;
  /** Files are still being sent: the form waits for them (one still on its way would be left out). */
  uploading?: boolean;
  /** Shows a cancel button beside it. */
  onCancel?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form
      noValidate
      aria-labelledby={titleId}
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit();
      }}
    >
      <Stack gap="sm">
        <Title order={4} id={titleId}>
          {title}
        </Title>
        <FormAlert problem={problem} testId={alertTestId} />
        {children}
        <Group>
          <Button type="submit" loading={pending} disabled={uploading}>
            {submitLabel}
          </Button>
          {uploading && (
            <Text size="sm" c="dimmed" role="status">
              {t('doc.upload.wait')}
            </Text>
          )}
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
