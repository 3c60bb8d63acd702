/**
 * Messages of the projects screens. Each feature keeps its words in its own module so that screens can
 * grow side by side; zh.ts and en.ts spread them in. The English table is typed against the Chinese
 * one: a missing or extra key is a compile error.
 */
export const projectsZh = {
  'nav.projects': '我的项目',
  'projects.title': '项目',
} as const;

export const projectsEn: { readonly [K in keyof typeof projectsZh]: string } = {
  'nav.projects': 'My projects',
  'projects.title': 'Projects',
};
