/**
 * The bid form's rules, pure: what a team types (amounts in yuan, times in Shanghai wall-clock),
 * the live sums (tranches against the request, consortium shares against 100 — integer fen and
 * whole percent, BigInt where it can add up), the checks the server makes on the shape of a bid
 * (libs/bids/src/bid-rules.ts), and the body of POST/PUT /challenges/:id/bids.
 *
 * Funding limits (rate, cap, per-award maximum) are not judged here: the form asks the server's
 * own engine through POST /funding-rules/:id/quote as the person types.
 */
import { validateCreditCode } from '@app/identity/credit-code';
import type { Challenge, Schemas } from '../api/client';
import { translateServerMessage } from '../api/server-messages';
import type { Lang } from '../i18n/i18n';
import { translator } from '../i18n/i18n';
import { fenToYuanText, parseYuan, type ParsedYuan } from '../lib/money';
import { fromShanghaiInput, toShanghaiInput } from '../lib/time';

export type BidBody = Schemas['BidDto'];
export type Bid = Schemas['BidView'];

export interface MilestoneValues {
  title: string;
  /** Shanghai wall-clock, as a datetime-local input holds it. */
  dueAt: string;
  deliverable: string;
  /** Yuan, as typed. */
  tranche: string;
}

export interface MemberValues {
  creditCode: string;
  /** Whole percent, as typed. */
  share: string;
}

export interface BidValues {
  totalInvestment: string;
  requested: string;
  text: string;
  /** One plan per objective of the challenge, in the challenge's order. */
  approach: string[];
  /** The lead's share when bidding as a consortium (the lead is the signed-in organisation). */
  leadShare: string;
  /** Other organisations of the consortium; empty to bid alone. */
  members: MemberValues[];
  milestones: MilestoneValues[];
}

export type BidErrors = Record<string, string>;

export const emptyMilestone = (): MilestoneValues => ({ title: '', dueAt: '', deliverable: '', tranche: '' });

export function emptyBid(challenge: Pick<Challenge, 'objectives'>): BidValues {
  return {
    totalInvestment: '',
    requested: '',
    text: '',
    approach: challenge.objectives.map(() => ''),
    leadShare: '',
    members: [],
    milestones: [emptyMilestone()],
  };
}

/** The form filled with a bid already submitted (to replace it). */
export function valuesOfBid(bid: Bid, challenge: Pick<Challenge, 'objectives'>): BidValues {
  const lead = bid.consortium.find((c) => c.role === 'lead');
  return {
    totalInvestment: fenToYuanText(bid.totalInvestmentFen),
    requested: fenToYuanText(bid.requestedFundingFen),
    text: bid.proposal.text,
    approach: challenge.objectives.map((o) => bid.proposal.approach?.find((a) => a.metric === o.metric)?.plan ?? ''),
    leadShare: lead ? String(lead.sharePercent) : '',
    members: bid.consortium
      .filter((c) => c.role === 'member')
      .map((c) => ({ creditCode: c.creditCode, share: String(c.sharePercent) })),
    milestones: [...bid.milestones]
      .sort((a, b) => a.seq - b.seq)
      .map((m) => ({
        title: m.title,
        dueAt: toShanghaiInput(m.dueAt),
        deliverable: m.deliverable,
        tranche: fenToYuanText(m.trancheFen),
      })),
  };
}

/** The track's funding rule, as the server judges a bid (RULE_OF_TRACK in libs/bids). */
export const ruleOfTrack = (track: Challenge['track']): 'art4.core_tech' | 'art4.pm_major' =>
  track === 'pm_major' ? 'art4.pm_major' : 'art4.core_tech';

export interface TrancheSum {
  /** Sum of the tranches that parse, integer fen (as a string when it exceeds 2^53, never rounded). */
  sumFen: bigint;
  /** The request minus the sum: > 0 still to plan, < 0 planned too much; null while the request is not a valid amount. */
  leftFen: bigint | null;
  /** Every tranche parses and they add up exactly to the request. */
  balanced: boolean;
  /** Indices of tranches that are not an amount. */
  invalid: number[];
}

/** The tranches against the request, in integer fen: "0.1 + 0.2" is 30 fen, exactly. */
export function trancheSum(values: Pick<BidValues, 'requested' | 'milestones'>): TrancheSum {
  let sum = 0n;
  const invalid: number[] = [];
  values.milestones.forEach((m, i) => {
    const parsed = parseYuan(m.tranche);
    if (parsed.ok) sum += BigInt(parsed.fen);
    else invalid.push(i);
  });
  const requested = parseYuan(values.requested);
  const leftFen = requested.ok ? BigInt(requested.fen) - sum : null;
  return { sumFen: sum, leftFen, balanced: leftFen === 0n && invalid.length === 0, invalid };
}

/** "0", "12" or "-5" fen as a yuan amount for display (BigInt, so a huge sum is shown exactly). */
export function formatFenBig(fen: bigint): string {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = (abs / 100n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}¥${yuan}.${(abs % 100n).toString().padStart(2, '0')}`;
}

export interface ShareSum {
  total: number;
  /** Indices (0 = the lead, i + 1 = members[i]) whose share is not a whole percent from 1 to 100. */
  invalid: number[];
  balanced: boolean;
}

const SHARE = /^\s*(\d{1,3})\s*%?\s*$/;
export function parseShare(text: string): number | null {
  const m = SHARE.exec(text);
  if (!m) return null;
  const n = Number(m[1]);
  return n >= 1 && n <= 100 ? n : null;
}

/** The consortium's shares (lead first) against 100. */
export function shareSum(values: Pick<BidValues, 'leadShare' | 'members'>): ShareSum {
  const shares = [values.leadShare, ...values.members.map((m) => m.share)];
  let total = 0;
  const invalid: number[] = [];
  shares.forEach((s, i) => {
    const n = parseShare(s);
    if (n === null) invalid.push(i);
    else total += n;
  });
  return { total, invalid, balanced: invalid.length === 0 && total === 100 };
}

const moneyMessage = (parsed: ParsedYuan & { ok: false }, lang: Lang) =>
  translator(lang)(parsed.reason === 'empty' ? 'money.empty' : parsed.reason === 'too_large' ? 'money.tooLarge' : 'money.format');

interface Facts {
  objectives: { metric: string }[];
  eligibility: { consortiumAllowed: boolean; maxMembers: number };
  projectEndsAt: string;
}

/**
 * Every rule the form can judge before sending, keyed by the form path the error is shown at
 * (the same paths the server's problem+json maps to). Empty when the bid may be sent.
 */
export function validateBid(
  values: BidValues,
  challenge: Facts,
  options: { lang: Lang; now?: number; leadCreditCode?: string | null },
): BidErrors {
  const { lang } = options;
  const t = translator(lang);
  const now = options.now ?? Date.now();
  const errors: BidErrors = {};
  const blank = translateServerMessage('must not be blank', lang);

  const total = parseYuan(values.totalInvestment);
  if (!total.ok) errors.totalInvestmentFen = moneyMessage(total, lang);
  else if (total.fen < 1) errors.totalInvestmentFen = t('bid.positive');
  const requested = parseYuan(values.requested);
  if (!requested.ok) errors.requestedFundingFen = moneyMessage(requested, lang);
  else if (requested.fen < 1) errors.requestedFundingFen = t('bid.positive');
  else if (total.ok && requested.fen > total.fen) errors.requestedFundingFen = t('bid.requestOverTotal');

  if (!values.text.trim()) errors['proposal.text'] = blank;
  challenge.objectives.forEach((_, i) => {
    if (!(values.approach[i] ?? '').trim()) errors[`proposal.approach.${i}.plan`] = blank;
  });

  if (values.milestones.length === 0) errors.milestones = t('bid.noMilestones');
  const ends = new Date(challenge.projectEndsAt).getTime();
  values.milestones.forEach((m, i) => {
    if (!m.title.trim()) errors[`milestones.${i}.title`] = blank;
    if (!m.deliverable.trim()) errors[`milestones.${i}.deliverable`] = blank;
    const due = fromShanghaiInput(m.dueAt);
    if (!due) errors[`milestones.${i}.dueAt`] = t('new.invalidDate');
    else if (new Date(due).getTime() <= now) errors[`milestones.${i}.dueAt`] = t('bid.dueInPast');
    else if (new Date(due).getTime() > ends) errors[`milestones.${i}.dueAt`] = t('bid.dueAfterEnd');
    const tranche = parseYuan(m.tranche);
    if (!tranche.ok) errors[`milestones.${i}.trancheFen`] = moneyMessage(tranche, lang);
  });
  const sum = trancheSum(values);
  if (sum.invalid.length === 0 && sum.leftFen !== null && sum.leftFen !== 0n) {
    errors.milestones = t(sum.leftFen > 0n ? 'bid.tranchesShort' : 'bid.tranchesOver', {
      amount: formatFenBig(sum.leftFen > 0n ? sum.leftFen : -sum.leftFen),
    });
  }

  if (values.members.length > 0) {
    if (!challenge.eligibility.consortiumAllowed) errors.consortium = t('bid.consortiumNotAllowed');
    else if (values.members.length + 1 > challenge.eligibility.maxMembers)
      errors.consortium = t('bid.tooManyMembers', { n: challenge.eligibility.maxMembers });
    const seen = new Set<string>(options.leadCreditCode ? [options.leadCreditCode.toUpperCase()] : []);
    values.members.forEach((m, i) => {
      const result = validateCreditCode(m.creditCode.trim().toUpperCase());
      if (!result.ok) errors[`consortium.${i + 1}.creditCode`] = lang === 'zh' ? result.messageZh : result.message;
      else if (seen.has(result.code)) errors[`consortium.${i + 1}.creditCode`] = t('bid.memberRepeated');
      else seen.add(result.code);
      if (parseShare(m.share) === null) errors[`consortium.${i + 1}.sharePercent`] = t('bid.shareFormat');
    });
    if (parseShare(values.leadShare) === null) errors['consortium.0.sharePercent'] = t('bid.shareFormat');
    const shares = shareSum(values);
    if (shares.invalid.length === 0 && !shares.balanced) errors.consortium = t('bid.sharesNot100', { total: shares.total });
  }
  return errors;
}

/** The body of POST/PUT /challenges/:id/bids (call only when validateBid found nothing). */
export function toBidBody(values: BidValues, challenge: Pick<Facts, 'objectives'>, leadCreditCode: string | null): BidBody {
  const fen = (text: string) => {
    const parsed = parseYuan(text);
    if (!parsed.ok) throw new Error(`not an amount: ${text}`);
    return parsed.fen;
  };
  const body: BidBody = {
    totalInvestmentFen: fen(values.totalInvestment),
    requestedFundingFen: fen(values.requested),
    proposal: {
      text: values.text.trim(),
      approach: challenge.objectives.map((o, i) => ({ metric: o.metric, plan: (values.approach[i] ?? '').trim() })),
    },
    milestones: values.milestones.map((m) => ({
      title: m.title.trim(),
      dueAt: fromShanghaiInput(m.dueAt) ?? m.dueAt,
      deliverable: m.deliverable.trim(),
      trancheFen: fen(m.tranche),
    })),
  };
  if (values.members.length > 0) {
    body.consortium = [
      { creditCode: (leadCreditCode ?? '').toUpperCase(), role: 'lead', sharePercent: parseShare(values.leadShare) ?? 0 },
      ...values.members.map((m) => ({
        creditCode: m.creditCode.trim().toUpperCase(),
        role: 'member' as const,
        sharePercent: parseShare(m.share) ?? 0,
      })),
    ];
  }
  return body;
}

/** API paths of the bid body → this form's paths (`proposal.approach[0].plan` etc. map by index already). */
export const BID_RENAME: Record<string, string> = {};

/** Whether the form shows a field at this path (errors for others go to the alert, with their field name). */
export function bidHasField(path: string): boolean {
  return (
    ['totalInvestmentFen', 'requestedFundingFen', 'proposal', 'proposal.text', 'milestones', 'consortium'].includes(path) ||
    /^proposal\.approach\.\d+\.(plan|metric)$/.test(path) ||
    /^milestones\.\d+\.(title|dueAt|deliverable|trancheFen)$/.test(path) ||
    /^consortium\.\d+\.(creditCode|sharePercent|role)$/.test(path)
  );
}
