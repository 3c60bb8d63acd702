/**
 * The words of a notification, made where it is shown or mailed: the database stores what
 * happened (`kind` and `params`: amounts in fen, ids, titles, ISO instants), and this module says
 * it in the reader's language. Pure (no Nest, no I/O), so the web app, the notice mails
 * (src/mail/notice-mail.ts) and the tests share one wording. Money and instants are said by the
 * shared formatters of @app/common/wording/formats (also pure), as every problem of the API is.
 */
import { formatBeijingTime, formatMoney, type Language } from '@app/common/wording';

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
  // Derived from the audit ledger (src/notices/ledger-notice-rules.ts) and the bid-deadline sweep:
  'question.asked',
  'question.answered',
  'review.assigned',
  'milestone.awaiting_review',
  'bid.received',
  'award.granted',
  'objection.lodged',
  'objection.decided',
  'award.objected',
  'award.objection_dismissed',
  'award.revoked',
  'award.final',
  'gate.result',
  'consent.requested',
  'consent.accepted',
  'consent.declined',
  'bid.deadline_approaching',
  // From the same sweep: a consortium's consent still missing before the deadline.
  'consent.reminder',
  'consent.incomplete',
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
  'question.asked': AboutChallenge & { questionId: string };
  'question.answered': AboutChallenge & { questionId: string };
  'review.assigned': AboutChallenge;
  'milestone.awaiting_review': {
    milestoneId: string;
    milestoneTitle: string;
    projectId: string;
    projectTitle: string;
    submissionId: string;
  };
  'bid.received': AboutChallenge & { bidId: string; receiptHash: string; revision: number | null; submittedAt: string };
  'award.granted': AboutChallenge & { projectId: string; projectTitle: string; amountFen: number | null };
  /** `stage` is set for an objection to a horse-race gate's result, null for one lodged during a project's publicity. */
  'objection.lodged': ObjectionAbout;
  'objection.decided': ObjectionAbout & { decision: string; comment: string };
  /** To the awarded team: an objection holds its award in publicity (never who lodged it, nor why). */
  'award.objected': AwardAbout;
  /** To the awarded team: the objection was dismissed; `comment` is the agency's public reason. */
  'award.objection_dismissed': AwardAbout & { comment: string };
  /** To the awarded team and its program manager: an objection was upheld and the award revoked. */
  'award.revoked': AwardAbout & { comment: string };
  /** To the awarded team and its program manager: publicity ended, the award is final and the project active. */
  'award.final': AwardAbout & { activatedAt: string };
  /** One team's outcome at a gate: published (`final` false, objections may still change it) or final. */
  'gate.result': AboutChallenge & {
    projectId: string;
    projectTitle: string;
    stage: number | null;
    stageName: string;
    advanced: boolean;
    final: boolean;
  };
  'bid.deadline_approaching': AboutChallenge & { bidDeadline: string };
  /** To a member organisation: a bid names it and asks its consent (its own share; nothing else of the bid). */
  'consent.requested': ConsentAbout & { leadOrganizationName: string; sharePercent: number | null };
  /** To the lead's organisation: a member accepted. */
  'consent.accepted': ConsentAbout & { memberOrganizationName: string };
  /** To the lead's organisation: a member declined; whether it gave a reason (the reason is on the bid page). */
  'consent.declined': ConsentAbout & { memberOrganizationName: string; reasonGiven: boolean };
  /** To a member organisation whose answer is still awaited as the deadline nears. */
  'consent.reminder': ConsentAbout & { leadOrganizationName: string; sharePercent: number | null };
  /** To the lead's organisation as the deadline nears: members that have not accepted, so the bid would not be opened. */
  'consent.incomplete': ConsentAbout & { members: { organizationName: string; state: string }[] };
}

interface ConsentAbout extends AboutChallenge {
  bidId: string;
  bidDeadline: string;
}

interface AboutChallenge {
  challengeId: string;
  challengeTitle: string;
}

interface AwardAbout extends AboutChallenge {
  projectId: string;
  projectTitle: string;
  /** The award (granted), fen. */
  amountFen: number | null;
}

interface ObjectionAbout extends AboutChallenge {
  projectId: string;
  projectTitle: string;
  objectionId: string;
  stage: number | null;
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
  flag(key: string): boolean {
    return this.get(key) === true;
  }
  /** A whole number, or null when there is none (e.g. no gate stage: a project's objection). */
  whole(key: string): number | null {
    const v = this.get(key);
    return typeof v === 'number' && Number.isSafeInteger(v) ? v : null;
  }
  /** A list of objects, each read as Params (an absent or malformed list is empty). */
  list(key: string): Params[] {
    const v = this.get(key);
    return Array.isArray(v) ? v.filter((x) => typeof x === 'object' && x !== null).map((x) => new Params(x)) : [];
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
  'question.asked': (p, l) => ({
    title: zhOrEn(l, `新问题待答复：${p.text('challengeTitle')}`, `New question awaiting an answer: ${p.text('challengeTitle')}`),
    body: zhOrEn(
      l,
      `榜单「${p.text('challengeTitle')}」收到一个新问题，请在截止时间前答复（提问者匿名）。`,
      `A team asked a question about “${p.text('challengeTitle')}”; please answer it before the bid deadline (the asker stays anonymous).`,
    ),
  }),
  'question.answered': (p, l) => ({
    title: zhOrEn(l, `问题已答复：${p.text('challengeTitle')}`, `Question answered: ${p.text('challengeTitle')}`),
    body: zhOrEn(
      l,
      `榜单「${p.text('challengeTitle')}」的一个问题已公开答复，请查看，它可能影响您的申报。`,
      `A question about “${p.text('challengeTitle')}” has a published answer; read it, it may matter for your bid.`,
    ),
  }),
  'review.assigned': (p, l) => ({
    title: zhOrEn(l, `您被指派评审：${p.text('challengeTitle')}`, `You are assigned to review: ${p.text('challengeTitle')}`),
    body: zhOrEn(
      l,
      `您已被指派为榜单「${p.text('challengeTitle')}」的评审专家。截止后请先申报利益冲突，再评分。`,
      `You sit on the review panel of “${p.text('challengeTitle')}”. After the deadline, declare any conflict of interest, then score.`,
    ),
  }),
  'milestone.awaiting_review': (p, l) => ({
    title: zhOrEn(l, `里程碑待审核：${p.text('milestoneTitle')}`, `Milestone awaiting review: ${p.text('milestoneTitle')}`),
    body: zhOrEn(
      l,
      `项目「${p.text('projectTitle')}」提交了里程碑「${p.text('milestoneTitle')}」的材料，请审核。`,
      `Project “${p.text('projectTitle')}” submitted milestone “${p.text('milestoneTitle')}”; it awaits your review.`,
    ),
  }),
  'bid.received': (p, l) => ({
    title: zhOrEn(l, `申报已收到：${p.text('challengeTitle')}`, `Bid received: ${p.text('challengeTitle')}`),
    body: zhOrEn(
      l,
      `您对榜单「${p.text('challengeTitle')}」的申报（第 ${p.count('revision')} 版）已于 ${p.time('submittedAt', l)} 收到并密封。回执哈希：${p.text('receiptHash')}`,
      `Your bid for “${p.text('challengeTitle')}” (revision ${p.count('revision')}) was received and sealed on ${p.time('submittedAt', l)}. Receipt hash: ${p.text('receiptHash')}`,
    ),
  }),
  'award.granted': (p, l) => ({
    title: zhOrEn(l, `揭榜成功：${p.text('challengeTitle')}`, `Awarded: ${p.text('challengeTitle')}`),
    body: zhOrEn(
      l,
      `您的团队获得榜单「${p.text('challengeTitle')}」的立项，资助 ${p.money('amountFen', l)}，公示期结束后生效。`,
      `Your team is awarded “${p.text('challengeTitle')}” with ${p.money('amountFen', l)} in funding, effective when the publicity period ends.`,
    ),
  }),
  'objection.lodged': (p, l) => ({
    title: zhOrEn(l, `收到异议：${p.text('projectTitle')}`, `Objection lodged: ${p.text('projectTitle')}`),
    body: objectionWhere(p, l, '收到一项异议，请处理。', 'received an objection; please decide it.'),
  }),
  'objection.decided': (p, l) => {
    const upheld = p.text('decision') === 'upheld';
    return {
      title: zhOrEn(
        l,
        `您的异议${upheld ? '成立' : '被驳回'}：${p.text('projectTitle')}`,
        `Your objection was ${upheld ? 'upheld' : 'dismissed'}: ${p.text('projectTitle')}`,
      ),
      body: p.text('comment'),
    };
  },
  'award.objected': (p, l) => ({
    title: zhOrEn(l, `您的立项收到异议：${p.text('projectTitle')}`, `An objection to your award: ${p.text('projectTitle')}`),
    body: zhOrEn(
      l,
      `公示期内有人对您的团队在榜单「${p.text('challengeTitle')}」的立项「${p.text('projectTitle')}」（资助 ${p.money('amountFen', l)}）提出异议。榜单方处理前，立项暂不生效。`,
      `An objection was lodged during publicity against your team’s award “${p.text('projectTitle')}” for “${p.text('challengeTitle')}” (${p.money('amountFen', l)}). The award does not take effect until the agency decides it.`,
    ),
  }),
  'award.objection_dismissed': (p, l) => ({
    title: zhOrEn(
      l,
      `针对您立项的异议已驳回：${p.text('projectTitle')}`,
      `Objection to your award dismissed: ${p.text('projectTitle')}`,
    ),
    body: withComment(
      p,
      l,
      zhOrEn(
        l,
        `榜单「${p.text('challengeTitle')}」的立项「${p.text('projectTitle')}」（资助 ${p.money('amountFen', l)}）维持不变。`,
        `Your award “${p.text('projectTitle')}” for “${p.text('challengeTitle')}” (${p.money('amountFen', l)}) stands.`,
      ),
    ),
  }),
  'award.revoked': (p, l) => ({
    title: zhOrEn(l, `立项已撤销：${p.text('projectTitle')}`, `Award revoked: ${p.text('projectTitle')}`),
    body: withComment(
      p,
      l,
      zhOrEn(
        l,
        `公示期异议成立，榜单「${p.text('challengeTitle')}」的立项「${p.text('projectTitle')}」已撤销，资助 ${p.money('amountFen', l)} 不再拨付。`,
        `An objection during publicity was upheld: the award “${p.text('projectTitle')}” for “${p.text('challengeTitle')}” is revoked and its ${p.money('amountFen', l)} will not be paid.`,
      ),
    ),
  }),
  'award.final': (p, l) => ({
    title: zhOrEn(l, `立项已生效：${p.text('projectTitle')}`, `Award final: ${p.text('projectTitle')}`),
    body: zhOrEn(
      l,
      `公示期已于 ${p.time('activatedAt', l)} 结束，榜单「${p.text('challengeTitle')}」的立项「${p.text('projectTitle')}」（资助 ${p.money('amountFen', l)}）正式生效，项目开始执行。`,
      `Publicity ended on ${p.time('activatedAt', l)}: the award “${p.text('projectTitle')}” for “${p.text('challengeTitle')}” (${p.money('amountFen', l)}) is final and the project starts.`,
    ),
  }),
  'gate.result': (p, l) => {
    const advanced = p.flag('advanced');
    const final = p.flag('final');
    return {
      title: zhOrEn(
        l,
        `阶段评估${final ? '结果已生效' : '结果公示'}：${p.text('challengeTitle')} 第 ${p.count('stage')} 阶段`,
        `Stage gate ${final ? 'result final' : 'result published'}: ${p.text('challengeTitle')}, stage ${p.count('stage')}`,
      ),
      body: zhOrEn(
        l,
        `项目「${p.text('projectTitle')}」${advanced ? '晋级下一阶段' : '止步于本阶段'}。${final ? '' : '公示期内可提出异议。'}`,
        `Project “${p.text('projectTitle')}” ${advanced ? 'advances to the next stage' : 'stops at this stage'}.${final ? '' : ' Objections may be lodged during the publicity period.'}`,
      ),
    };
  },
  'bid.deadline_approaching': (p, l) => ({
    title: zhOrEn(l, `申报即将截止：${p.text('challengeTitle')}`, `Bid deadline approaching: ${p.text('challengeTitle')}`),
    body: zhOrEn(
      l,
      `榜单「${p.text('challengeTitle')}」将于 ${p.time('bidDeadline', l)} 截止申报，您的团队撤回后尚未重新提交。`,
      `Bids for “${p.text('challengeTitle')}” close on ${p.time('bidDeadline', l)}; your team withdrew its bid and has not submitted again.`,
    ),
  }),
  'consent.requested': (p, l) => ({
    title: zhOrEn(l, `联合体成员邀请：${p.text('challengeTitle')}`, `Consortium consent requested: ${p.text('challengeTitle')}`),
    body: zhOrEn(
      l,
      `「${p.text('leadOrganizationName')}」在榜单「${p.text('challengeTitle')}」的申报中将贵单位列为联合体成员（份额 ${p.count('sharePercent')}%），请于 ${p.time('bidDeadline', l)} 申报截止前同意或拒绝。截止时未获全部成员同意的申报不予开启。`,
      `“${p.text('leadOrganizationName')}” names your organisation as a consortium member (${p.count('sharePercent')}% share) in its bid for “${p.text('challengeTitle')}”. Please accept or decline before bids close on ${p.time('bidDeadline', l)}; a bid not accepted by every member is not opened at the deadline.`,
    ),
  }),
  'consent.accepted': (p, l) => ({
    title: zhOrEn(
      l,
      `联合体成员已同意：${p.text('memberOrganizationName')}`,
      `Consortium member accepted: ${p.text('memberOrganizationName')}`,
    ),
    body: zhOrEn(
      l,
      `「${p.text('memberOrganizationName')}」同意作为联合体成员参与您在榜单「${p.text('challengeTitle')}」的申报。`,
      `“${p.text('memberOrganizationName')}” accepted its place in your consortium’s bid for “${p.text('challengeTitle')}”.`,
    ),
  }),
  'consent.declined': (p, l) => {
    const reason = p.flag('reasonGiven');
    return {
      title: zhOrEn(
        l,
        `联合体成员已拒绝：${p.text('memberOrganizationName')}`,
        `Consortium member declined: ${p.text('memberOrganizationName')}`,
      ),
      body: zhOrEn(
        l,
        `「${p.text('memberOrganizationName')}」拒绝作为联合体成员参与您在榜单「${p.text('challengeTitle')}」的申报${reason ? '，并说明了理由（请在申报页面查看）' : ''}。如不调整联合体，该申报在 ${p.time('bidDeadline', l)} 截止时不予开启。`,
        `“${p.text('memberOrganizationName')}” declined its place in your consortium’s bid for “${p.text('challengeTitle')}”${reason ? ' and gave a reason, which your bid page shows' : ''}. Unless you change the consortium, the bid will not be opened when bids close on ${p.time('bidDeadline', l)}.`,
      ),
    };
  },
  'consent.reminder': (p, l) => ({
    title: zhOrEn(l, `联合体邀请待答复：${p.text('challengeTitle')}`, `Consortium consent awaited: ${p.text('challengeTitle')}`),
    body: zhOrEn(
      l,
      `「${p.text('leadOrganizationName')}」在榜单「${p.text('challengeTitle')}」的申报仍在等待贵单位答复（份额 ${p.count('sharePercent')}%）。申报将于 ${p.time('bidDeadline', l)} 截止，届时未获全部成员同意的申报不予开启。`,
      `“${p.text('leadOrganizationName')}”’s bid for “${p.text('challengeTitle')}” still awaits your organisation’s answer (${p.count('sharePercent')}% share). Bids close on ${p.time('bidDeadline', l)}; a bid without every member’s consent is not opened.`,
    ),
  }),
  'consent.incomplete': (p, l) => {
    const members = p
      .list('members')
      .map((m) =>
        zhOrEn(
          l,
          `「${m.text('organizationName')}」（${m.text('state') === 'declined' ? '已拒绝' : '尚未答复'}）`,
          `“${m.text('organizationName')}” (${m.text('state') === 'declined' ? 'declined' : 'no answer yet'})`,
        ),
      )
      .join(zhOrEn(l, '、', ', '));
    return {
      title: zhOrEn(
        l,
        `申报可能不予开启：${p.text('challengeTitle')}`,
        `Your bid may not be opened: ${p.text('challengeTitle')}`,
      ),
      body: zhOrEn(
        l,
        `榜单「${p.text('challengeTitle')}」将于 ${p.time('bidDeadline', l)} 截止申报，以下联合体成员尚未同意：${members}。截止时仍未获全部成员同意的申报不予开启。`,
        `Bids for “${p.text('challengeTitle')}” close on ${p.time('bidDeadline', l)} and these consortium members have not accepted: ${members}. A bid without every member’s consent at the deadline is not opened.`,
      ),
    };
  },
};

/** The words, then the agency's comment when it gave one. */
function withComment(p: Params, l: WordingLang, words: string): string {
  const comment = p.text('comment').trim();
  return comment ? zhOrEn(l, `${words}理由：${comment}`, `${words} Reason: ${comment}`) : words;
}

/** "Project X (stage n gate of challenge Y) …": where an objection was lodged. */
function objectionWhere(p: Params, l: WordingLang, zh: string, en: string): string {
  const stage = p.whole('stage');
  const where =
    stage === null
      ? zhOrEn(l, `公示中的项目「${p.text('projectTitle')}」`, `Project “${p.text('projectTitle')}” in publicity`)
      : zhOrEn(
          l,
          `「${p.text('challengeTitle')}」第 ${stage} 阶段评估（项目「${p.text('projectTitle')}」）`,
          `The stage ${stage} gate of “${p.text('challengeTitle')}” (project “${p.text('projectTitle')}”)`,
        );
  return zhOrEn(l, `${where}${zh}`, `${where} ${en}`);
}

/**
 * Where a notice's object is in the web app (null: nowhere more useful than the notice itself).
 * A team's receipt opens its bids, an agency's question its challenge, a review its panel.
 */
export function noticeLink(kind: string, params: unknown): string | null {
  const p = new Params(params);
  const challenge = p.text('challengeId');
  const project = p.text('projectId');
  switch (kind) {
    case 'question.asked':
    case 'question.answered':
    case 'bid.deadline_approaching':
      return challenge ? `/challenges/${challenge}` : null;
    case 'review.assigned':
      return challenge ? `/review/${challenge}` : null;
    case 'bid.received':
      return '/bids/mine';
    case 'consent.requested':
    case 'consent.reminder':
      return '/consents';
    case 'consent.accepted':
    case 'consent.declined':
    case 'consent.incomplete':
      return challenge ? `/challenges/${challenge}/bid` : '/bids/mine';
    default:
      return project ? `/projects/${project}` : null;
  }
}

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
