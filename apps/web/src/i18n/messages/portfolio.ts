/**
 * Messages of the portfolio screens. Each feature keeps its words in its own module so that screens can
 * grow side by side; zh.ts and en.ts spread them in. The English table is typed against the Chinese
 * one: a missing or extra key is a compile error.
 */
export const portfolioZh = {
  'nav.portfolio': '项目看板',
  'nav.ledger': '资金台账',
  'nav.notifications': '通知',
} as const;

export const portfolioEn: { readonly [K in keyof typeof portfolioZh]: string } = {
  'nav.portfolio': 'Portfolio',
  'nav.ledger': 'Money ledger',
  'nav.notifications': 'Notifications',
};
