/**
 * Messages of the awards screens. Each feature keeps its words in its own module so that screens can
 * grow side by side; zh.ts and en.ts spread them in. The English table is typed against the Chinese
 * one: a missing or extra key is a compile error.
 */
export const awardsZh = {
  'awards.title': '评审结果与立项',
} as const;

export const awardsEn: { readonly [K in keyof typeof awardsZh]: string } = {
  'awards.title': 'Awards',
};
