/**
 * The words of a notification, made where it is shown or mailed: the database stores what
 * happened (`kind` and `params`: amounts in fen, ids, titles, ISO instants), and this module says
 * it in the reader's language. Pure (no Nest, no I/O), so the web app, the notice mails
 * (src/mail/notice-mail.ts) and the tests share one wording. Money and instants are said by the
 * shared formatters of @app/common/wording/formats (also pure), as every problem of the API is.
 */
import { formatBeijingTime, formatMoney, type Language } from '@app/common/wording/formats';

export { formatBeijingTime, formatMoney };

export type WordingLang = Language;

export const NOTIFICATION_KINDS = [
  'disbursement.paid',
  'milestone.rejected',
  'milestone.reminder',
  'milestone.overdue',
  'milestone.not_met',
  'review.sla',
  'stage.gate_due',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

interface MilestoneDue {
  milestoneId: string;
  milestoneTitle: string;
  projectTitle: string;
  dueAt: string;
}

/** What each kind carries in `params`. */
export interface NotificationParamsByKind {
  'disbursement.paid': { disbursementId: string; milestoneId: string; milestoneTitle: string; amountFen: number };
  'milestone.rejected': { milestoneId: string; milestoneTitle: string; dueAt: string; comment: string };
  'milestone.reminder': MilestoneDue;
  'milestone.overdue': MilestoneDue;
  'milestone.not_met': MilestoneDue;
  'review.sla': { submissionId: string; milestoneId: string; milestoneTitle: string; submittedAt: string };
  'stage.gate_due': { challengeId: string; challengeTitle: string; stage: number; stageName: string; endsAt: string };
}

export type NotificationEvent = {
  [K in NotificationKind]: { kind: K; params: NotificationParamsByKind[K] };
}[NotificationKind];

export interface NotificationWords {
  title: string;
  body: string;
}

/** Reads params defensively: they come from the API or the database, and an old row may lack a field. */
class Params {
  constructor(private readonly raw: unknown) {}
  private get(key: string): unknown {
    return typeof this.raw === 'object' && this.raw !== null ? (this.raw as Record<string, unknown>)[key] : undefined;
  }
  text(key: string): string {
    const v = this.get(key);
    return typeof v === 'string' ? v : '';
  }
  money(key: string, lang: WordingLang): string {
    const v = this.get(key);
    return typeof v === 'number' ? formatMoney(v, lang) : '—';
  }
  time(key: string, lang: WordingLang): string {
    return formatBeijingTime(this.text(key), lang);
  }
  count(key: string): string {
    const v = this.get(key);
    return typeof v === 'number' || typeof v === 'string' ? String(v) : '?';
  }
}

type Wording = (p: Params, lang: WordingLang) => NotificationWords;

const zhOrEn = (lang: WordingLang, zh: string, en: string) => (lang === 'zh' ? zh : en);

const WORDING: Record<NotificationKind, Wording> = {
  'disbursement.paid': (p, l) => ({
    title: zhOrEn(l, `拨款已支付：${p.text('milestoneTitle')}`, `Tranche paid: ${p.text('milestoneTitle')}`),
    body: zhOrEn(
      l,
      `里程碑「${p.text('milestoneTitle')}」的拨款 ${p.money('amountFen', l)} 已支付。`,
      `${p.money('amountFen', l)} has been paid for milestone “${p.text('milestoneTitle')}”.`,
    ),
  }),
  'milestone.rejected': (p, l) => ({
    title: zhOrEn(l, `里程碑未通过：${p.text('milestoneTitle')}`, `Milestone rejected: ${p.text('milestoneTitle')}`),
    body: p.text('comment'),
  }),
  'milestone.reminder': (p, l) => ({
    title: zhOrEn(l, `里程碑即将到期：${p.text('milestoneTitle')}`, `Milestone due soon: ${p.text('milestoneTitle')}`),
    body: zhOrEn(
      l,
      `项目「${p.text('projectTitle')}」的里程碑「${p.text('milestoneTitle')}」将于 ${p.time('dueAt', l)} 到期。`,
      `Project “${p.text('projectTitle')}”: milestone “${p.text('milestoneTitle')}” is due on ${p.time('dueAt', l)}.`,
    ),
  }),
  'milestone.overdue': (p, l) => ({
    title: zhOrEn(l, `里程碑逾期：${p.text('milestoneTitle')}`, `Milestone overdue: ${p.text('milestoneTitle')}`),
    body: zhOrEn(
      l,
      `项目「${p.text('projectTitle')}」的里程碑「${p.text('milestoneTitle')}」已于 ${p.time('dueAt', l)} 到期，尚未提交。`,
      `Project “${p.text('projectTitle')}”: milestone “${p.text('milestoneTitle')}” was due on ${p.time('dueAt', l)} with no submission.`,
    ),
  }),
  'milestone.not_met': (p, l) => ({
    title: zhOrEn(l, `里程碑未完成：${p.text('milestoneTitle')}`, `Milestone not met: ${p.text('milestoneTitle')}`),
    body: zhOrEn(
      l,
      `里程碑「${p.text('milestoneTitle')}」的宽限期已结束，记为未完成。`,
      `The grace period for milestone “${p.text('milestoneTitle')}” is over; it is recorded as not met.`,
    ),
  }),
  'review.sla': (p, l) => ({
    title: zhOrEn(l, `待审里程碑超时：${p.text('milestoneTitle')}`, `Review overdue: ${p.text('milestoneTitle')}`),
    body: zhOrEn(
      l,
      `里程碑「${p.text('milestoneTitle')}」于 ${p.time('submittedAt', l)} 提交的材料已超过审核时限。`,
      `A submission for milestone “${p.text('milestoneTitle')}” made on ${p.time('submittedAt', l)} has waited longer than the review SLA.`,
    ),
  }),
  'stage.gate_due': (p, l) => ({
    title: zhOrEn(
      l,
      `赛马阶段评估到期：${p.text('challengeTitle')} 第 ${p.count('stage')} 阶段`,
      `Stage gate due: ${p.text('challengeTitle')}, stage ${p.count('stage')}`,
    ),
    body: zhOrEn(
      l,
      `「${p.text('challengeTitle')}」第 ${p.count('stage')} 阶段（${p.text('stageName')}）已于 ${p.time('endsAt', l)} 结束，请进行阶段评估。`,
      `Stage ${p.count('stage')} (${p.text('stageName')}) of “${p.text('challengeTitle')}” ended on ${p.time('endsAt', l)}; its gate is due.`,
    ),
  }),
};

export function isNotificationKind(kind: string): kind is NotificationKind {
  return (NOTIFICATION_KINDS as readonly string[]).includes(kind);
}

/**
 * A notification in the reader's language. A row written before notices were structured kept its
 * words as `{title, body}` (no kind's params has a `title`): those words are shown as they are, as
 * is the kind itself for a kind this module does not know.
 */
export function wordNotification(kind: string, params: unknown, lang: WordingLang): NotificationWords {
  const p = new Params(params);
  if (isNotificationKind(kind) && !p.text('title')) return WORDING[kind](p, lang);
  return { title: p.text('title') || kind, body: p.text('body') };
}
