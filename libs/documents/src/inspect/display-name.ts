/** The longest display name kept (code points; the column is varchar(255)). */
export const MAX_NAME_LENGTH = 255;
export const FALLBACK_NAME = 'document';

// C0 and C1 controls, DEL, and the invisible marks that can make a name read as something else
// (bidirectional overrides and isolates: "invoice‮fdp.exe" shows as "invoiceexe.pdf"; BOM; zero-width).
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const UNWANTED = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * The name an upload is shown with. Kept for display only — storage keys are random, never made
 * from it. NFC; control and direction-changing characters removed; a path is cut to its last
 * segment (`C:\fakepath\申报书.pdf` → `申报书.pdf`), so no `/` or `\` remains; at most 255
 * characters, the extension kept when cut; never empty.
 */
export function cleanDisplayName(raw: string | undefined | null): string {
  const text = (raw ?? '').replace(LONE_SURROGATE, '').replace(UNWANTED, '').normalize('NFC');
  const segments = text
    .split(/[/\\]/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== '.' && s !== '..');
  const name = segments.length ? segments[segments.length - 1] : '';
  return name ? truncate(name) : FALLBACK_NAME;
}

function truncate(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= MAX_NAME_LENGTH) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 ? Array.from(name.slice(dot)) : [];
  if (ext.length > 0 && ext.length <= 16)
    return (
      chars
        .slice(0, MAX_NAME_LENGTH - ext.length)
        .join('')
        .trimEnd() + ext.join('')
    );
  return chars.slice(0, MAX_NAME_LENGTH).join('').trimEnd();
}
