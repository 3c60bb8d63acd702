/**
 * The bid form's rules, pure: what a team types (amounts in yuan, times in Shanghai wall-clock),
 * the live sums (tranches against the request, consortium shares against 100 — integer fen and
 * whole percent, BigInt where it can add up), and the body of POST/PUT /challenges/:id/bids. How
 * a bid must fit its challenge (request within the investment, milestone dates, tranches adding up
 * to the request, consortium size, shares and repeats) is judged by the server's own pure rules
 * (libs/bids/src/bid-rules.ts), so the browser and the API cannot disagree.
 *
 * Funding limits (rate, cap, per-award maximum) are not judged here: the form asks the server's
 * own engine through POST /funding-rules/:id/quote as the person types.
 */
import {
  bidShapeErrors,
  consortiumErrors,
  type BidInput,
  type ChallengeFacts,
  type ConsortiumEntryInput,
} from '@app/bids/bid-rules';
import type { FieldError } from '@app/common/domain-error';
import { validateCreditCode } from '@app/identity/credit-code';
import type { Challenge, Schemas } from '../api/client';
import {
  documentsOf,
  missingRoles,
  requiredRolesOf,
  type BidDocumentRole,
  type DocumentRef,
  type UploadedDocument,
} from '../api/documents';
import { roleList } from '../components/documents/document-words';
import { translateServerMessage } from '../api/server-messages';
import { translator, type Lang, type Translate } from '../i18n/i18n';
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
  /** Files uploaded for the bid, each with its role (absent in forms made before documents existed). */
  documents?: UploadedDocument[];
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
    documents: [],
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
    documents: documentsOf(bid).map((d) => ({ ...d, documentId: d.id })),
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
  /** The roles of documents every bid must include (absent from challenges made before documents). */
  requiredBidDocuments?: readonly string[];
}

/** The amounts of the form as read (each may be unreadable: the rules on it are then not judged). */
interface ReadAmounts {
  total: ParsedYuan;
  requested: ParsedYuan;
  tranches: ParsedYuan[];
}

const readAmounts = (values: BidValues): ReadAmounts => ({
  total: parseYuan(values.totalInvestment),
  requested: parseYuan(values.requested),
  tranches: values.milestones.map((m) => parseYuan(m.tranche)),
});

const fenOrZero = (parsed: ParsedYuan) => (parsed.ok ? parsed.fen : 0);

/** The consortium as the API takes it: the signed-in organisation leads, the others are members. */
function consortiumOf(values: Pick<BidValues, 'leadShare' | 'members'>, leadCreditCode: string | null): ConsortiumEntryInput[] {
  return [
    { creditCode: (leadCreditCode ?? '').toUpperCase(), role: 'lead', sharePercent: parseShare(values.leadShare) ?? 0 },
    ...values.members.map((m) => ({
      creditCode: m.creditCode.trim().toUpperCase(),
      role: 'member' as const,
      sharePercent: parseShare(m.share) ?? 0,
    })),
  ];
}

/** Each field on its own (what the DTO checks), keyed by form path. */
function fieldErrors(values: BidValues, challenge: Facts, amounts: ReadAmounts, lang: Lang): BidErrors {
  const t = translator(lang);
  const errors: BidErrors = {};
  const blank = translateServerMessage('must not be blank', lang);
  const { total, requested } = amounts;
  if (!total.ok) errors.totalInvestmentFen = moneyMessage(total, lang);
  else if (total.fen < 1) errors.totalInvestmentFen = t('bid.positive');
  if (!requested.ok) errors.requestedFundingFen = moneyMessage(requested, lang);
  else if (requested.fen < 1) errors.requestedFundingFen = t('bid.positive');

  if (!values.text.trim()) errors['proposal.text'] = blank;
  challenge.objectives.forEach((_, i) => {
    if (!(values.approach[i] ?? '').trim()) errors[`proposal.approach.${i}.plan`] = blank;
  });
  values.milestones.forEach((m, i) => {
    if (!m.title.trim()) errors[`milestones.${i}.title`] = blank;
    if (!m.deliverable.trim()) errors[`milestones.${i}.deliverable`] = blank;
    const tranche = amounts.tranches[i];
    if (!tranche.ok) errors[`milestones.${i}.trancheFen`] = moneyMessage(tranche, lang);
  });
  if (values.members.length > 0) {
    if (parseShare(values.leadShare) === null) errors['consortium.0.sharePercent'] = t('bid.shareFormat');
    values.members.forEach((m, i) => {
      const result = validateCreditCode(m.creditCode.trim().toUpperCase());
      if (!result.ok) errors[`consortium.${i + 1}.creditCode`] = lang === 'zh' ? result.messageZh : result.message;
      if (parseShare(m.share) === null) errors[`consortium.${i + 1}.sharePercent`] = t('bid.shareFormat');
    });
  }
  return errors;
}

/**
 * What the browser cannot know about consortium members (registered? of what kind?) is left to the
 * server: here every member counts as a registered organisation of a kind the challenge admits.
 */
const ADMITTED_KIND = 'admitted';

/** The server's own rules of how a bid fits its challenge (libs/bids/src/bid-rules.ts), on what could be read. */
function sharedRuleErrors(
  values: BidValues,
  challenge: Facts,
  amounts: ReadAmounts,
  options: { now: number; leadCreditCode: string | null },
): FieldError[] {
  const facts: ChallengeFacts = {
    objectives: challenge.objectives,
    eligibility: { ...challenge.eligibility, orgKinds: [ADMITTED_KIND] },
    projectEndsAt: new Date(challenge.projectEndsAt),
  };
  const input: BidInput = {
    totalInvestmentFen: fenOrZero(amounts.total),
    requestedFundingFen: fenOrZero(amounts.requested),
    proposal: { text: values.text, approach: approachOf(values, challenge) },
    consortium: values.members.length > 0 ? consortiumOf(values, options.leadCreditCode) : [],
    milestones: values.milestones.map((m, i) => ({
      title: m.title,
      // An unreadable time is an invalid date, which the rules report as such.
      dueAt: new Date(fromShanghaiInput(m.dueAt) ?? Number.NaN),
      deliverable: m.deliverable,
      trancheFen: fenOrZero(amounts.tranches[i]),
    })),
  };
  const lead = { id: '', kind: ADMITTED_KIND, creditCode: (options.leadCreditCode ?? '').toUpperCase() };
  const registered = new Map(
    input.consortium.map((c) => [c.creditCode, { id: '', kind: ADMITTED_KIND, creditCode: c.creditCode }]),
  );
  const sharesRead = values.members.every((m) => parseShare(m.share) !== null) && parseShare(values.leadShare) !== null;
  // An unreadable amount went in as 0; a rule about it would say nothing its own error does not.
  return [
    ...bidShapeErrors(input, facts, new Date(options.now)),
    ...consortiumErrors(input.consortium, facts, lead, registered),
  ].filter((e) => {
    if (e.field === 'requestedFundingFen') return amounts.total.ok && amounts.requested.ok;
    if (e.field === 'milestones') return amounts.requested.ok && amounts.tranches.every((t) => t.ok);
    if (e.field === 'consortium' && SHARES_NOT_100.test(e.message)) return sharesRead;
    // The form has no role to pick (the signed-in organisation leads): a role error only repeats
    // that a member has the lead's code, which "appears twice" already says.
    return !/^consortium\[\d+\]\.role$/.test(e.field);
  });
}

const SHARES_NOT_100 = /^shares must add up to 100 percent \(they add up to (\d+)\)$/;

/**
 * The server's wordings of bid-rules.ts that the form says in its own words (with amounts in yuan);
 * any other is shown as the server wrote it, translated where known.
 */
const FORM_WORDINGS: [RegExp, (m: RegExpExecArray, t: Translate) => string][] = [
  [/^must not exceed totalInvestmentFen$/, (_, t) => t('bid.requestOverTotal')],
  [/^is not a valid date$/, (_, t) => t('new.invalidDate')],
  [/^must be in the future$/, (_, t) => t('bid.dueInPast')],
  [/^must not be after the project ends/, (_, t) => t('bid.dueAfterEnd')],
  [
    /^tranches must add up exactly to requestedFundingFen \((\d+) fen\); they add up to (\d+) fen$/,
    (m, t) => {
      const left = BigInt(m[1]) - BigInt(m[2]);
      return t(left > 0n ? 'bid.tranchesShort' : 'bid.tranchesOver', { amount: formatFenBig(left > 0n ? left : -left) });
    },
  ],
  [/^is not allowed: this challenge does not accept consortia$/, (_, t) => t('bid.consortiumNotAllowed')],
  [
    /^has \d+ organisations, lead included; this challenge allows at most (\d+)$/,
    (m, t) => t('bid.tooManyMembers', { n: Number(m[1]) }),
  ],
  [SHARES_NOT_100, (m, t) => t('bid.sharesNot100', { total: Number(m[1]) })],
  [/^appears twice in the consortium$/, (_, t) => t('bid.memberRepeated')],
];

function formWording(message: string, lang: Lang): string {
  const t = translator(lang);
  for (const [pattern, say] of FORM_WORDINGS) {
    const m = pattern.exec(message);
    if (m) return say(m, t);
  }
  return translateServerMessage(message, lang);
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
  const amounts = readAmounts(values);
  const errors = fieldErrors(values, challenge, amounts, lang);
  const shared = sharedRuleErrors(values, challenge, amounts, {
    now: options.now ?? Date.now(),
    leadCreditCode: options.leadCreditCode ?? null,
  });
  for (const e of shared) {
    const path = e.field.replace(/\[(\d+)\]/g, '.$1');
    // A field shows the first thing wrong with it, except the consortium as a whole: its last
    // broken rule (the shares, after the size) is the one the person is adjusting.
    if (!errors[path] || path === 'consortium') errors[path] = formWording(e.message, lang);
  }
  if (values.milestones.length === 0) errors.milestones ??= translator(lang)('bid.noMilestones');
  const missing = missingRoles(requiredRolesOf(challenge), values.documents ?? []);
  if (missing.length)
    errors.documents = translator(lang)('bid.docs.missing', { roles: roleList(translator(lang), lang, missing) });
  return errors;
}

/** One plan per objective, in the challenge's order (the form answers every objective by construction). */
const approachOf = (values: Pick<BidValues, 'approach'>, challenge: Pick<Facts, 'objectives'>) =>
  challenge.objectives.map((o, i) => ({ metric: o.metric, plan: (values.approach[i] ?? '').trim() }));

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
    proposal: { text: values.text.trim(), approach: approachOf(values, challenge) },
    milestones: values.milestones.map((m) => ({
      title: m.title.trim(),
      dueAt: fromShanghaiInput(m.dueAt) ?? m.dueAt,
      deliverable: m.deliverable.trim(),
      trancheFen: fen(m.tranche),
    })),
  };
  if (values.members.length > 0) body.consortium = consortiumOf(values, leadCreditCode);
  const documents = values.documents ?? [];
  // Until the generated schema has `documents`, the body is widened here (the API's shape: {documentId, role}).
  if (documents.length > 0)
    (body as BidBody & { documents?: DocumentRef<BidDocumentRole>[] }).documents = documents.map((d) => ({
      documentId: d.documentId,
      role: d.role as BidDocumentRole,
    }));
  return body;
}

/** API paths of the bid body → this form's paths (`proposal.approach[0].plan` etc. map by index already). */
export const BID_RENAME: Record<string, string> = {};

/** Whether the form shows a field at this path (errors for others go to the alert, with their field name). */
export function bidHasField(path: string): boolean {
  return (
    ['totalInvestmentFen', 'requestedFundingFen', 'proposal', 'proposal.text', 'milestones', 'consortium', 'documents'].includes(
      path,
    ) ||
    /^proposal\.approach\.\d+\.(plan|metric)$/.test(path) ||
    /^milestones\.\d+\.(title|dueAt|deliverable|trancheFen)$/.test(path) ||
    /^consortium\.\d+\.(creditCode|sharePercent|role)$/.test(path)
  );
}
