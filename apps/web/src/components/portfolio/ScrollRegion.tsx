import type { ReactNode } from 'react';
import { WideTable } from '../WideTable';

/** A wide table as a labelled region in the tab order, that shows when it scrolls sideways (see WideTable). */
export function ScrollRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <WideTable label={label} minWidth={minWidth}>
      {children}
    </WideTable>
  );
}
