/**
 * The part of OCDS 1.1 this feed emits, as TypeScript types, and the small conversions every
 * builder shares (pure: no Nest, no database). The JSON Schema of the same part is
 * `schema/ocds-release.schema.json`; tests validate every release kind against it, and every
 * package against the official OCDS 1.1.5 schemas (test/support/ocds-1.1.5).
 */

export const OCDS_VERSION = '1.1';

/**
 * Organisations are identified by their unified social credit code (统一社会信用代码, GB 32100-2015).
 * org-id.guide lists that register as **`CN-USCI`** (Unified Social Credit Identifier); party ids
 * are `<scheme>-<code>`, as the OCDS guidance on party ids suggests, so the same organisation has
 * the same id in every process.
 */
export const ORG_ID_SCHEME = 'CN-USCI';

/**
 * The OCDS extensions the feed uses, declared in every package that may carry their fields:
 * - Enquiries v1.1.5: published questions and answers are `tender.enquiries` (not amendments);
 * - Pagination: the release package's `links.next`; its schema also drops the package's required
 *   fields, which is what lets a caught-up page omit `releases` (never `"releases": []`, which
 *   `minItems: 1` refuses);
 * - the platform's own extension (`tender.jiebang`), served by the api itself: see
 *   `jiebang-extension.ts` (its URL depends on `OPEN_DATA_BASE_URL`).
 */
export const ENQUIRIES_EXTENSION =
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_enquiry_extension/v1.1.5/extension.json';
export const PAGINATION_EXTENSION =
  'https://raw.githubusercontent.com/open-contracting-extensions/ocds_pagination_extension/master/extension.json';

export type ReleaseTag =
  | 'tender'
  | 'tenderAmendment'
  | 'tenderUpdate'
  | 'tenderCancellation'
  | 'award'
  | 'awardUpdate'
  | 'awardCancellation'
  | 'contract'
  | 'contractUpdate'
  | 'contractTermination'
  | 'implementation'
  | 'implementationUpdate'
  | 'compiled';

export interface Value {
  amount: number;
  currency: 'CNY';
}

export interface Period {
  startDate?: string;
  endDate?: string;
}

export interface Identifier {
  scheme: string;
  id: string;
  legalName?: string;
}

export interface OrganizationReference {
  id: string;
  name: string;
}

export interface Party {
  id: string;
  name: string;
  identifier?: Identifier;
  roles: string[];
}

export interface Amendment {
  id: string;
  date: string;
  rationale?: string;
  description?: string;
}

/** OCDS 1.1 Milestone: no `value` (that field is OCDS 1.2's): amounts go in `description`. */
export interface Milestone {
  id: string;
  title?: string;
  type?: string;
  description?: string;
  dueDate?: string;
  dateMet?: string;
  dateModified?: string;
  status?: 'scheduled' | 'met' | 'notMet' | 'partiallyMet';
}

/** Enquiries extension: one published question and its answer (the asker stays anonymous). */
export interface Enquiry {
  id: string;
  date?: string;
  description?: string;
  answer?: string;
  dateAnswered?: string;
}

export interface Transaction {
  id: string;
  source?: string;
  date: string;
  value: Value;
  payer?: OrganizationReference;
  payee?: OrganizationReference;
}

/**
 * OCDS 1.1 Document: a file published with the call. 1.1 has no field for a file's hash or size;
 * the platform's extension adds them as `jiebang` (jiebang-extension.ts), so anyone can check that
 * the file at `url` is the one published.
 */
export interface OcdsDocument {
  id: string;
  documentType: 'tenderNotice' | 'technicalSpecifications';
  title: string;
  url: string;
  datePublished: string;
  format: string;
  language: 'zh';
  jiebang: { sha256: string; size: number };
}

/** Classification of the challenge in this platform's own vocabularies (documented extra fields). */
/** A performance target of the call (what milestone reports are measured against). */
export interface JiebangObjective {
  metric: string;
  target: number;
  unit: string;
}

export interface JiebangClassification {
  industry: string;
  secondaryIndustry?: string;
  /** Absent for a project-manager-track challenge that names none of clause 4 (四)'s fields. */
  field?: string;
  mechanism: string;
  track: string;
  zone?: string;
  parallelSlots?: number;
  /** Present when the call sets targets: OCDS 1.1 has no field for them (items are things bought). */
  objectives?: JiebangObjective[];
}

export interface Tender {
  id: string;
  title?: string;
  description?: string;
  status?: 'planning' | 'planned' | 'active' | 'cancelled' | 'unsuccessful' | 'complete' | 'withdrawn';
  value?: Value;
  procurementMethod?: 'open' | 'selective' | 'limited' | 'direct';
  procurementMethodDetails?: string;
  mainProcurementCategory?: 'goods' | 'works' | 'services';
  awardCriteria?: string;
  awardCriteriaDetails?: string;
  submissionMethod?: string[];
  submissionMethodDetails?: string;
  tenderPeriod?: Period;
  contractPeriod?: Period;
  eligibilityCriteria?: string;
  /** English variants (OCDS language variants; the release's `language` is zh). */
  eligibilityCriteria_en?: string;
  awardCriteriaDetails_en?: string;
  submissionMethodDetails_en?: string;
  procuringEntity?: OrganizationReference;
  hasEnquiries?: boolean;
  enquiries?: Enquiry[];
  numberOfTenderers?: number;
  milestones?: Milestone[];
  amendments?: Amendment[];
  documents?: OcdsDocument[];
  jiebang?: JiebangClassification;
}

export interface Award {
  id: string;
  title?: string;
  description?: string;
  /** The description in English (an OCDS language variant). */
  description_en?: string;
  status?: 'pending' | 'active' | 'cancelled' | 'unsuccessful';
  date?: string;
  value?: Value;
  suppliers?: OrganizationReference[];
  contractPeriod?: Period;
}

export interface Contract {
  id: string;
  awardID: string;
  title?: string;
  description?: string;
  status?: 'pending' | 'active' | 'cancelled' | 'terminated';
  period?: Period;
  value?: Value;
  dateSigned?: string;
  milestones?: Milestone[];
  implementation?: { transactions?: Transaction[]; milestones?: Milestone[] };
}

export interface Release {
  ocid: string;
  id: string;
  date: string;
  tag: ReleaseTag[];
  initiationType: 'tender';
  language?: string;
  parties?: Party[];
  buyer?: OrganizationReference;
  tender?: Tender;
  awards?: Award[];
  contracts?: Contract[];
}

export interface ReleasePackage {
  uri: string;
  version: typeof OCDS_VERSION;
  extensions: string[];
  publishedDate: string;
  publisher: { name: string; scheme?: string; uid?: string; uri?: string };
  license?: string;
  publicationPolicy?: string;
  /** Absent on a caught-up page (nothing after `since` yet): never an empty array. */
  releases?: Release[];
  links?: { next?: string };
}

export interface RecordPackage {
  uri: string;
  version: typeof OCDS_VERSION;
  extensions: string[];
  publishedDate: string;
  publisher: ReleasePackage['publisher'];
  license?: string;
  publicationPolicy?: string;
  records: { ocid: string; releases: Release[]; compiledRelease: Release }[];
}

/**
 * Money: the database holds integer fen; OCDS wants a number of CNY. `fen / 100` is the double
 * nearest to the exact decimal, and JavaScript prints the shortest text that reads back as that
 * double, so 123456789 fen prints as 1234567.89 exactly for every amount below about 10^13 CNY
 * (15 significant digits). Consumers that sum amounts should sum in fen (× 100) or in decimals.
 */
export function cny(fen: number | string): Value {
  const n = typeof fen === 'string' ? Number(fen) : fen;
  if (!Number.isSafeInteger(n)) throw new TypeError(`amount in fen ${String(fen)} is not a safe integer`);
  return { amount: n / 100, currency: 'CNY' };
}

/** Integer fen as exact decimal CNY text (`123456789` → `"1234567.89"`), for descriptions. */
export function cnyText(fen: number | string): string {
  const n = typeof fen === 'string' ? Number(fen) : fen;
  if (!Number.isSafeInteger(n)) throw new TypeError(`amount in fen ${String(fen)} is not a safe integer`);
  const abs = Math.abs(n);
  return `${n < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

export const ocidOf = (prefix: string, challengeId: string): string => `${prefix}-${challengeId}`;

/** ISO-8601 UTC with milliseconds, from a Date or an ISO string (as the ledger stores them). */
const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

export function iso(value: Date | string): string {
  // The ledger stores toISOString() output: already canonical, no need to parse it again.
  if (typeof value === 'string' && CANONICAL.test(value)) return value;
  const d = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(d.getTime())) throw new TypeError(`not a date: ${String(value)}`);
  return d.toISOString();
}

export function partyOf(org: { name: string; creditCode: string }, roles: string[]): Party {
  const code = org.creditCode.trim();
  return {
    id: `${ORG_ID_SCHEME}-${code}`,
    name: org.name,
    identifier: { scheme: ORG_ID_SCHEME, id: code, legalName: org.name },
    roles,
  };
}

export const referenceOf = (party: Party): OrganizationReference => ({ id: party.id, name: party.name });
