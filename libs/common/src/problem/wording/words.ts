/**
 * The pieces every problem wording is made of: a reader of the problem's parameters that says each
 * value in one language (money from fen, instants in Beijing time, durations, lists), and `fixed`
 * for a wording that needs no values. Pure: no Nest, no I/O.
 */
import { formatBeijingTime, formatDuration, formatMoney, type Language } from '../../wording/formats';

export type { Language };

/** The parameters of one problem (its details and params), read in one language. */
export class ProblemParams {
  constructor(
    private readonly raw: Readonly<Record<string, unknown>>,
    readonly lang: Language,
  ) {}

  get(key: string): unknown {
    return this.raw[key];
  }
  has(key: string): boolean {
    return this.raw[key] !== undefined && this.raw[key] !== null;
  }
  text(key: string, fallback = '—'): string {
    const v = this.raw[key];
    return typeof v === 'string' || typeof v === 'number' ? String(v) : fallback;
  }
  money(key: string): string {
    const v = this.raw[key];
    return typeof v === 'number' ? formatMoney(v, this.lang) : '—';
  }
  time(key: string): string {
    const v = this.raw[key];
    return typeof v === 'string' ? formatBeijingTime(v, this.lang) : '—';
  }
  seconds(key: string): string {
    const v = this.raw[key];
    return typeof v === 'number' ? formatDuration(v, this.lang) : '—';
  }
  list(key: string): string {
    const v = this.raw[key];
    return Array.isArray(v) ? v.map(String).join(this.lang === 'zh' ? '、' : ', ') : '—';
  }
  /** A value the thrower already worded in both languages (`{zh, en}`, e.g. a policy explanation). */
  localized(value: unknown): string | undefined {
    const text = (value as Partial<Record<Language, unknown>> | undefined)?.[this.lang];
    return typeof text === 'string' ? text : undefined;
  }
  /** A word of a closed set (a status, a role) in this language; the key itself when unknown. */
  word(key: string, names: Readonly<Record<string, Readonly<Record<Language, string>>>>): string {
    const v = this.text(key, '');
    return names[v]?.[this.lang] ?? v;
  }
}

/** How one problem code is said: a function of its parameters per language. */
export interface ProblemWording {
  zh: (p: ProblemParams) => string;
  en: (p: ProblemParams) => string;
}

export type WordingTable = Readonly<Record<string, ProblemWording>>;

/** A wording that needs no values. */
export const fixed = (zh: string, en: string): ProblemWording => ({ zh: () => zh, en: () => en });

/** Lifecycle states of challenges, bids, projects and milestones, as people say them. */
export const STATUS_NAMES: Readonly<Record<string, Readonly<Record<Language, string>>>> = {
  draft: { zh: '草稿', en: 'a draft' },
  published: { zh: '已发布', en: 'published' },
  closed: { zh: '已截止', en: 'closed' },
  awarded: { zh: '已授予', en: 'awarded' },
  cancelled: { zh: '已取消', en: 'cancelled' },
  submitted: { zh: '已提交', en: 'submitted' },
  shortlisted: { zh: '已入围', en: 'shortlisted' },
  withdrawn: { zh: '已撤回', en: 'withdrawn' },
  rejected: { zh: '未中选', en: 'rejected' },
  active: { zh: '进行中', en: 'active' },
  completed: { zh: '已完成', en: 'completed' },
  terminated: { zh: '已终止', en: 'terminated' },
  scheduled: { zh: '待提交', en: 'scheduled' },
  under_review: { zh: '审核中', en: 'under review' },
  accepted: { zh: '已验收', en: 'accepted' },
  partially_accepted: { zh: '部分验收', en: 'partially accepted' },
  overdue: { zh: '已逾期', en: 'overdue' },
  not_met: { zh: '未达成', en: 'not met' },
  pending: { zh: '待决定', en: 'pending' },
  approved: { zh: '已批准', en: 'approved' },
  eliminated: { zh: '已淘汰', en: 'eliminated' },
  publicity: { zh: '公示中', en: 'in publicity' },
};

/** Roles, as people say them. */
export const ROLE_NAMES: Readonly<Record<string, Readonly<Record<Language, string>>>> = {
  admin: { zh: '管理员', en: 'admin' },
  agency: { zh: '发榜机构', en: 'agency' },
  team: { zh: '揭榜团队', en: 'team' },
  reviewer: { zh: '评审专家', en: 'reviewer' },
  program_manager: { zh: '项目经理', en: 'program manager' },
  auditor: { zh: '审计', en: 'auditor' },
};

/** A list of closed-set words (`roles: ['agency','admin']`) in one language. */
export function words(p: ProblemParams, key: string, names: typeof ROLE_NAMES): string {
  const v = p.get(key);
  if (!Array.isArray(v)) return '—';
  return v.map((k) => names[String(k)]?.[p.lang] ?? String(k)).join(p.lang === 'zh' ? '或' : ' or ');
}
