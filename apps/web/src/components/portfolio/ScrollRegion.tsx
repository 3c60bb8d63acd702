import type { ReactNode } from 'react';
import classes from './MoneyChart.module.css';

/**
 * A wide table that scrolls sideways on a phone: a labelled region in the tab order, so a keyboard
 * can scroll it too (Mantine's scroll container is not focusable).
 */
export function ScrollRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} className={classes.scroll}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
