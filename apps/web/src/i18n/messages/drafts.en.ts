/** English of ./drafts (loaded only when a reader picks English). */
import type { draftsZh } from './drafts';

export const draftsEn: Record<keyof typeof draftsZh, string> = {
  'draft.save': 'Save draft',
  'draft.saved': 'Draft saved',
  'draft.savedHint':
    'Only your organisation’s team users see it; it is deleted when you submit the bid or at the deadline. A draft is not a bid: submit before the deadline.',
  'draft.loaded': 'Draft saved by {name} at {time} loaded. It is not submitted yet.',
  'draft.filesGone': '{n} file(s) of the draft expired and were deleted; upload them again.',
  'draft.discard': 'Discard draft',
  'draft.discardTitle': 'Discard the draft?',
  'draft.discardBody':
    'The draft saved on the server is deleted and the form starts empty (or from your last withdrawn bid). This cannot be undone.',
  'draft.discarded': 'Draft discarded',
  'draft.unreadable': 'The saved draft cannot be opened; please fill in the form again.',
  'draft.listTitle': 'Unsubmitted drafts',
  'draft.savedAt': 'Saved at {time} ({name})',
  'draft.continue': 'Continue',
};
