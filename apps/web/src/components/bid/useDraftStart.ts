import { useQuery } from '@tanstack/react-query';
import { useBidDraft, vanishedDocuments, type BidDraftView } from '../../api/bid-drafts';
import type { Challenge } from '../../api/client';
import { valuesOfDraft } from '../../forms/bid-draft';
import type { BidValues } from '../../forms/bid-form';

export interface DraftStart {
  pending: boolean;
  /** The saved draft this app can read, or null. */
  draft: BidDraftView | null;
  /** The form's values of the draft, without the files that are gone. */
  values: BidValues | null;
  /** How many of the draft's files expired before it was resumed. */
  filesGone: number;
  /** The draft could not be read (its problem), or null. */
  error: unknown;
}

/** Where a new bid starts when the organisation saved a draft: its values, its files checked. */
export function useDraftStart(challenge: Challenge, enabled: boolean): DraftStart {
  const draft = useBidDraft(challenge.id, enabled);
  const values = draft.data ? valuesOfDraft(draft.data.content, challenge) : null;
  const ids = (values?.documents ?? []).map((d) => d.documentId);
  const gone = useQuery({
    queryKey: ['bid-drafts', challenge.id, 'files', ids],
    enabled: ids.length > 0,
    staleTime: Infinity,
    queryFn: () => vanishedDocuments(ids),
  });
  const pending = enabled && (draft.isPending || (ids.length > 0 && gone.isPending));
  const vanished = gone.data ?? new Set<string>();
  return {
    pending,
    draft: values ? (draft.data ?? null) : null,
    values: values && { ...values, documents: (values.documents ?? []).filter((d) => !vanished.has(d.documentId)) },
    filesGone: vanished.size,
    error: draft.error,
  };
}
