/**
 * A user's text as a LIKE/ILIKE pattern that matches it anywhere, literally: `%`, `_` and `\` are
 * escaped (PostgreSQL's default LIKE escape character is the backslash). Pure.
 */
export const escapeLike = (s: string): string => s.replace(/[\\%_]/g, (m) => `\\${m}`);

export const containsPattern = (s: string): string => `%${escapeLike(s)}%`;
