/**
 * The human name of an API field path, in the reader's language, for a message shown away from its
 * field (an alert above the form): `bidDeadline` → 揭榜截止时间, `stages[1].endsAt` → 第 2 阶段的关口时间 /
 * "Stage 2 · gate date". Each segment is named by the dictionary (`field.<name>`, or
 * `field.<parent>.<name>` where the parent gives it another meaning; `field.<name>.item` with `{n}`
 * for a list item, counted from 1); a segment the web does not know is left out, never shown raw.
 */
import { dictionary, interpolate, type Lang } from '../i18n/i18n';

const SEGMENT = /^([A-Za-z_][\w]*)((?:\[\d+\])*)$/;

export function fieldLabel(apiPath: string, lang: Lang): string | undefined {
  const words = dictionary(lang) as Readonly<Record<string, string | undefined>>;
  const labels: string[] = [];
  let parent: string | undefined;
  for (const segment of apiPath.split('.')) {
    const m = SEGMENT.exec(segment);
    if (!m) return labels.length ? join(labels, lang) : undefined;
    const [, name, indexes] = m;
    const index = /\[(\d+)\]$/.exec(indexes)?.[1];
    const own = (parent && words[`field.${parent}.${name}`]) || words[`field.${name}`];
    if (index !== undefined) {
      const item = words[`field.${name}.item`];
      const n = Number(index) + 1;
      if (item) labels.push(interpolate(item, { n }));
      else if (own) labels.push(`${own} ${n}`);
    } else if (own) labels.push(own);
    parent = name;
  }
  return labels.length ? join(labels, lang) : undefined;
}

function join(labels: string[], lang: Lang): string {
  const pattern = dictionary(lang)['field.join'];
  // Chinese sets a number apart from the characters after it: "指标 3 的目标值".
  const spaced = (parent: string) => (lang === 'zh' && /[A-Za-z0-9]$/.test(parent) ? `${parent} ` : parent);
  return labels.reduce((parent, child) => interpolate(pattern, { parent: spaced(parent), child }));
}

/**
 * A field's message for an alert: "揭榜截止时间：须在发布后至少 7 天（…）" — its name first where the web
 * knows it, else the message alone (a raw path like `bidDeadline` is never shown to a reader).
 */
export function labelledFieldMessage(apiPath: string, message: string, lang: Lang): string {
  const label = fieldLabel(apiPath, lang);
  return label ? interpolate(dictionary(lang)['errorSummary.item'], { label, message }) : message;
}
