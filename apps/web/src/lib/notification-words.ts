/**
 * The words of a notification, from the same pure module the server's mail uses: the API sends
 * what happened (`kind`, `params` with amounts in fen), and the reader's language says it.
 * Imported by relative path until the web app's aliases (tsconfig.json, vite.config.ts) list it.
 */
export { formatMoney, noticeLink, wordNotification, type NotificationWords } from '@app/milestones/notification-wording';
