import { Alert, Anchor, List } from '@mantine/core';
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useI18n } from '../../i18n/i18n';

/** One error shown beside a field: the field's element id, its label and the message. */
export interface FieldProblem {
  id: string;
  label: string;
  message: string;
}

const ERROR_SUFFIX = '-error';

/**
 * The field errors a form shows right now, read from the page: every Mantine input with an error renders
 * `<… id="{inputId}-error">` and labels itself `{inputId}-label`, so one scan covers every form without each one
 * listing its fields twice.
 */
export function fieldProblemsIn(root: HTMLElement): FieldProblem[] {
  return [...root.querySelectorAll<HTMLElement>(`[id$="${ERROR_SUFFIX}"]`)]
    .filter((el) => el.textContent?.trim())
    .map((el) => {
      const id = el.id.slice(0, -ERROR_SUFFIX.length);
      const label = root.ownerDocument.getElementById(`${id}-label`)?.textContent ?? '';
      // The required asterisk is part of the label's text.
      return { id, label: label.replace(/\s*\*\s*$/, '').trim(), message: el.textContent?.trim() ?? '' };
    });
}

/** Takes a person to a field: focused (its first focusable part, for a group) and scrolled into view. */
export function goToField(id: string): void {
  const target = document.getElementById(id) ?? document.getElementById(`${id}${ERROR_SUFFIX}`);
  const focusable = target?.matches('input, select, textarea, button, [tabindex]')
    ? target
    : target?.querySelector<HTMLElement>('input, select, textarea, button, [tabindex]');
  (focusable ?? target)?.scrollIntoView({ block: 'center' });
  (focusable ?? target)?.focus({ preventScroll: true });
}

const same = (a: FieldProblem[], b: FieldProblem[]) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The error summary at the top of a long form: after a submit with errors it lists each one as a link to its field,
 * takes focus and scrolls into view, so a person (and a screen reader) learns at once what to fix. `attempt` counts
 * the failed submits: each one moves focus here again; in between the list follows the fields as they are fixed.
 * `hasErrors` says the form still has errors even where none sits on a field (a sum that does not add up): the
 * summary then says so without a list.
 */
export function ErrorSummary(props: { formRef: RefObject<HTMLElement | null>; attempt: number; hasErrors?: boolean }) {
  const { formRef, attempt, hasErrors = false } = props;
  const { t } = useI18n();
  const [problems, setProblems] = useState<FieldProblem[]>([]);
  const ref = useRef<HTMLDivElement>(null);
  const focused = useRef(0);
  // No dependency list on purpose: the errors live in the DOM the parent renders, so each render is read again
  // (setProblems only when the list really changed, which ends the loop).
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useLayoutEffect(() => {
    const root = formRef.current;
    const found = root && attempt > 0 ? fieldProblemsIn(root) : [];
    if (!same(found, problems)) setProblems(found);
    if (attempt > focused.current && (found.length > 0 || hasErrors) && ref.current) {
      focused.current = attempt;
      ref.current.scrollIntoView({ block: 'start' });
      ref.current.focus({ preventScroll: true });
    }
  });
  if (problems.length === 0 && !(attempt > 0 && hasErrors)) return null;
  return (
    <Alert
      ref={ref}
      tabIndex={-1}
      color="red"
      variant="light"
      role="alert"
      title={t('common.fixErrors')}
      data-testid="error-summary"
    >
      <List size="sm" spacing={2} hidden={problems.length === 0}>
        {problems.map((p) => (
          <List.Item key={p.id}>
            <Anchor
              href={`#${p.id}`}
              size="sm"
              c="red.9"
              underline="always"
              onClick={(e) => {
                e.preventDefault();
                goToField(p.id);
              }}
            >
              {p.label ? t('errorSummary.item', { label: p.label, message: p.message }) : p.message}
            </Anchor>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
