import { Text } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n';
import classes from './WideTable.module.css';

/** Whether the element's content is wider than the element, kept up to date as either resizes. */
function useOverflows() {
  const ref = useRef<HTMLDivElement>(null);
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // 1px of slack: sub-pixel widths round differently in scrollWidth and clientWidth.
    const check = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    check();
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, []);
  return { ref, overflows };
}

/**
 * A table wider than a phone: it scrolls sideways, and says so — a hint above it ("← 左右滑动查看 →")
 * and a shade at the edge with more beyond, both only while it does not fit. With a label it is a
 * named region in the tab order (so a keyboard can scroll it); without one it takes focus only while
 * it scrolls (a scrollable region must be reachable by keyboard).
 */
export function WideTable({ minWidth, label, children }: { minWidth: number; label?: string; children: ReactNode }) {
  const { t } = useI18n();
  const { ref, overflows } = useOverflows();
  return (
    <div>
      {overflows && (
        <Text size="xs" c="dimmed" className={classes.hint} data-testid="scroll-hint">
          {t('common.scrollHint')}
        </Text>
      )}
      <div
        ref={ref}
        className={classes.scroll}
        role={label ? 'region' : undefined}
        aria-label={label}
        tabIndex={label || overflows ? 0 : undefined}
        data-overflows={overflows || undefined}
      >
        <div style={{ minWidth }}>{children}</div>
      </div>
    </div>
  );
}
