/** The money ledger as one CSV file: three tables (by challenge, industry, year) one after the other. */
import type { LedgerView } from '../../api/portfolio';
import { toCsv, yuanCell, type Cell } from './csv';

export interface LedgerCsvLabels {
  byChallenge: string;
  byIndustry: string;
  byYear: string;
  challenge: string;
  industry: string;
  year: string;
  projects: string;
  budget: string;
  awarded: string;
  paid: string;
  left: string;
  total: string;
  /** Yuan column header suffix, e.g. "（元）" / " (CNY)". */
  yuan: string;
  industryName(key: string): string;
}

export function ledgerCsv(ledger: LedgerView, l: LedgerCsvLabels): string {
  const y = (label: string) => `${label}${l.yuan}`;
  const rows: Cell[][] = [
    [l.byChallenge],
    [l.challenge, l.industry, l.projects, y(l.budget), y(l.awarded), y(l.paid), y(l.left)],
    ...ledger.byChallenge.map((c) => [
      c.title,
      l.industryName(c.industry),
      c.projects,
      yuanCell(c.budgetFen),
      yuanCell(c.awardedFen),
      yuanCell(c.paidFen),
      yuanCell(c.budgetFen - c.awardedFen),
    ]),
    [l.total, '', '', '', yuanCell(ledger.totals.awardedFen), yuanCell(ledger.totals.paidFen), ''],
    [],
    [l.byIndustry],
    [l.industry, l.projects, y(l.awarded), y(l.paid)],
    ...ledger.byIndustry.map((i) => [l.industryName(i.industry), i.projects, yuanCell(i.awardedFen), yuanCell(i.paidFen)]),
    [],
    [l.byYear],
    [l.year, y(l.awarded), y(l.paid)],
    ...ledger.byYear.map((r) => [r.year, yuanCell(r.awardedFen), yuanCell(r.paidFen)]),
  ];
  return toCsv(rows);
}
