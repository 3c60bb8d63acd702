import { FieldError } from '@app/common/domain-error';

/**
 * What a bid draft may hold (pure). A draft is the team's unfinished form, kept for the team alone:
 * the server seals it without reading it, so it is judged only by its size. The bid rules judge the
 * bid when it is submitted, never the draft.
 */

/** The largest draft content, in bytes of its JSON: a long proposal with many milestones fits ~8 times over. */
export const MAX_DRAFT_BYTES = 64 * 1024;

/** The content as the bytes that are sealed, or the field error when it is too large. */
export function draftBytes(content: object): { bytes: Buffer } | { error: FieldError } {
  const bytes = Buffer.from(JSON.stringify(content), 'utf8');
  if (bytes.length > MAX_DRAFT_BYTES) {
    const [max, got] = [MAX_DRAFT_BYTES / 1024, Math.ceil(bytes.length / 1024)];
    const en = `must be at most ${max} KiB of JSON (got ${got} KiB)`;
    return { error: { field: 'content', message: en, wording: { zh: `草稿内容不能超过 ${max} KiB（现为 ${got} KiB）`, en } } };
  }
  return { bytes };
}

/** The content of opened bytes (sealed by `draftBytes`). */
export const draftContent = (bytes: Buffer): Record<string, unknown> =>
  JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
