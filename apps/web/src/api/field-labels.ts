/**
 * The human name of an API field path, in the reader's language, for a message shown away from its
 * field (an alert above the form): `bidDeadline` → 揭榜截止时间, `stages[1].endsAt` → 第 2 阶段的关口时间 /
 * "Stage 2 · gate date". The names are the API's own table (libs/common/src/problem/wording/field-labels.ts,
 * which also names the fields in a problem's `detail`); a segment it does not know is left out, never
 * shown raw.
 */
import { fieldLabel } from '@app/common/problem/field-labels';
import { dictionary, interpolate, type Lang } from '../i18n/i18n';

export { fieldLabel, fieldName } from '@app/common/problem/field-labels';

/**
 * A field's message for an alert: "揭榜截止时间：须在发布后至少 7 天（…）" — its name first where the
 * table knows it, else the message alone (a raw path like `bidDeadline` is never shown to a reader).
 */
export function labelledFieldMessage(apiPath: string, message: string, lang: Lang): string {
  const label = fieldLabel(apiPath, lang);
  return label ? interpolate(dictionary(lang)['errorSummary.item'], { label, message }) : message;
}
