import { ChallengeEvaluation } from './evaluation-rules';

/**
 * The programme's evaluation as CSV, one line per challenge, for a spreadsheet: UTF-8 with a byte
 * order mark (Excel otherwise reads Chinese as mojibake), CRLF lines (RFC 4180), money in yuan
 * with two decimals (exact: from integer fen), headers in the reader's language.
 */

export type CsvLanguage = 'zh' | 'en';

/** A number already formatted (yuan): written as it is, never taken for a formula. */
interface Numeric {
  numeric: string;
}
type Cell = string | number | null | Numeric;
const money = (fen: number): Numeric => ({ numeric: yuan(fen) });

const COLUMNS: { zh: string; en: string; value: (e: ChallengeEvaluation) => Cell }[] = [
  { zh: '榜单编号', en: 'challenge id', value: (e) => e.challengeId },
  { zh: '榜单', en: 'challenge', value: (e) => e.title },
  { zh: '产业', en: 'industry', value: (e) => e.industry },
  { zh: '机制', en: 'mechanism', value: (e) => e.mechanism },
  { zh: '发布年份', en: 'year published', value: (e) => e.year },
  { zh: '预算（元）', en: 'budget (CNY)', value: (e) => money(e.money.budgetFen) },
  { zh: '资助（元）', en: 'granted (CNY)', value: (e) => money(e.money.grantedFen) },
  { zh: '已拨付（元）', en: 'paid (CNY)', value: (e) => money(e.money.paidFen) },
  { zh: '收回（元）', en: 'released (CNY)', value: (e) => money(e.money.releasedFen) },
  { zh: '未使用预算（元）', en: 'unspent budget (CNY)', value: (e) => money(e.money.unspentFen) },
  { zh: '项目数', en: 'projects', value: (e) => e.projects.awarded },
  { zh: '完成', en: 'completed', value: (e) => e.projects.completed },
  { zh: '赛马淘汰', en: 'stopped at a gate', value: (e) => e.projects.eliminated },
  { zh: '终止', en: 'terminated', value: (e) => e.projects.terminated },
  { zh: '节点总数', en: 'milestones', value: (e) => e.milestones.total },
  { zh: '达成', en: 'met', value: (e) => e.milestones.met },
  { zh: '部分达成', en: 'partially met', value: (e) => e.milestones.partiallyMet },
  { zh: '未达成', en: 'not met', value: (e) => e.milestones.notMet },
  { zh: '按期', en: 'on time', value: (e) => e.milestones.onTime },
  { zh: '逾期', en: 'late', value: (e) => e.milestones.late },
];

export function evaluationCsv(rows: readonly ChallengeEvaluation[], language: CsvLanguage): string {
  const lines = [COLUMNS.map((c) => cell(c[language])), ...rows.map((r) => COLUMNS.map((c) => cell(c.value(r))))];
  return '\uFEFF' + lines.map((l) => l.join(',')).join('\r\n') + '\r\n';
}

/** Yuan with two decimals, from integer fen, without floating point. */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * One field: quoted when it holds a comma, quote or line break; and text that a spreadsheet would
 * run as a formula (=, +, -, @, tab, CR at the start: a title is user input) is prefixed with '.
 */
export function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'object') return value.numeric;
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
