/**
 * A bid draft as the web app keeps it (pure). The server seals the content without reading it
 * (libs/bids/src/drafts), so this file is the one that knows its shape: the form's values, tagged
 * with a format number. Reading it back trusts nothing: any value of the wrong type is left
 * empty, the objectives follow the challenge as it is now, and a draft this app cannot read is
 * treated as no draft.
 */
import type { Challenge } from '../api/client';
import type { UploadedDocument } from '../api/documents';
import { emptyBid, emptyMilestone, type BidValues, type MemberValues, type MilestoneValues } from './bid-form';

export const DRAFT_FORMAT = 1;

export interface DraftContent {
  format: typeof DRAFT_FORMAT;
  values: BidValues;
}

export const draftContentOf = (values: BidValues): DraftContent => ({ format: DRAFT_FORMAT, values });

type Loose = Record<string, unknown>;
const isObject = (v: unknown): v is Loose => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

const milestoneOf = (v: unknown): MilestoneValues => {
  const m = isObject(v) ? v : {};
  return {
    ...emptyMilestone(),
    title: text(m.title),
    dueAt: text(m.dueAt),
    deliverable: text(m.deliverable),
    tranche: text(m.tranche),
  };
};
const memberOf = (v: unknown): MemberValues => {
  const m = isObject(v) ? v : {};
  return { creditCode: text(m.creditCode), share: text(m.share) };
};
const documentOf = (v: unknown): UploadedDocument | null => {
  if (!isObject(v) || typeof v.documentId !== 'string' || typeof v.role !== 'string') return null;
  return {
    documentId: v.documentId,
    id: v.documentId,
    role: v.role,
    name: text(v.name),
    mediaType: text(v.mediaType),
    size: typeof v.size === 'number' ? v.size : 0,
    sha256: text(v.sha256),
  };
};

/** The form's values of a saved draft, or null when it is not one this app wrote. */
export function valuesOfDraft(content: unknown, challenge: Pick<Challenge, 'objectives'>): BidValues | null {
  if (!isObject(content) || content.format !== DRAFT_FORMAT || !isObject(content.values)) return null;
  const v = content.values;
  const approach = list(v.approach);
  const milestones = list(v.milestones).map(milestoneOf);
  return {
    ...emptyBid(challenge),
    totalInvestment: text(v.totalInvestment),
    requested: text(v.requested),
    text: text(v.text),
    approach: challenge.objectives.map((_, i) => text(approach[i])),
    leadShare: text(v.leadShare),
    members: list(v.members).map(memberOf),
    milestones: milestones.length ? milestones : [emptyMilestone()],
    documents: list(v.documents)
      .map(documentOf)
      .filter((d): d is UploadedDocument => d !== null),
  };
}
