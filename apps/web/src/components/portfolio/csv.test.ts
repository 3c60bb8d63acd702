import { describe, expect, it } from 'vitest';
import { csvCell, toCsv, yuanCell } from './csv';
import { ledgerCsv, type LedgerCsvLabels } from './ledger-csv';

describe('CSV', () => {
  it('quotes what needs quoting (RFC 4180) and defuses spreadsheet formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('=SUM(A1)')).toBe("'=SUM(A1)");
    expect(csvCell('-12.50')).toBe('-12.50');
    expect(csvCell(null)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('writes CRLF rows after a UTF-8 BOM', () => expect(toCsv([['a', 1], ['b']])).toBe('\uFEFFa,1\r\nb\r\n'));

  it('writes money as plain yuan with two decimals, from integer fen', () => {
    expect(yuanCell(123_456_789)).toBe('1234567.89');
    expect(yuanCell(0)).toBe('0.00');
    expect(yuanCell(-150)).toBe('-1.50');
  });

  it('puts the three ledger tables in one file with budget left per challenge', () => {
    const labels: LedgerCsvLabels = {
      byChallenge: 'By challenge',
      byIndustry: 'By industry',
      byYear: 'By year',
      challenge: 'Challenge',
      industry: 'Industry',
      year: 'Year',
      projects: 'Projects',
      budget: 'Budget',
      awarded: 'Awarded',
      paid: 'Paid',
      left: 'Left',
      total: 'Total',
      yuan: ' (CNY)',
      industryName: (k) => k.toUpperCase(),
    };
    const text = ledgerCsv(
      {
        currency: 'CNY',
        unit: 'fen',
        asOf: '2026-11-25T07:00:00.000Z',
        totals: { awardedFen: 150_000_000, paidFen: 30_000_000 },
        byChallenge: [
          {
            challengeId: 'c1',
            title: '量子, 芯片',
            industry: 'quantum',
            budgetFen: 200_000_000,
            projects: 2,
            awardedFen: 150_000_000,
            paidFen: 30_000_000,
          },
        ],
        byIndustry: [{ industry: 'quantum', projects: 2, awardedFen: 150_000_000, paidFen: 30_000_000 }],
        byYear: [{ year: 2026, awardedFen: 150_000_000, paidFen: 30_000_000 }],
      },
      labels,
    );
    const lines = text.replace('\uFEFF', '').split('\r\n');
    expect(lines).toEqual([
      'By challenge',
      'Challenge,Industry,Projects,Budget (CNY),Awarded (CNY),Paid (CNY),Left (CNY)',
      '"量子, 芯片",QUANTUM,2,2000000.00,1500000.00,300000.00,500000.00',
      'Total,,,,1500000.00,300000.00,',
      '',
      'By industry',
      'Industry,Projects,Awarded (CNY),Paid (CNY)',
      'QUANTUM,2,1500000.00,300000.00',
      '',
      'By year',
      'Year,Awarded (CNY),Paid (CNY)',
      '2026,1500000.00,300000.00',
      '',
    ]);
  });
});
