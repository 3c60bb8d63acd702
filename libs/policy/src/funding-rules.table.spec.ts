import { FUNDING_RULES } from './funding-rules.table';
import { findRule, listRules } from './rules';
import { domainError } from './test-support';

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (n: number) => (n <= 10 ? NUMERALS[n] : `${n >= 20 ? NUMERALS[Math.floor(n / 10)] : ''}十${NUMERALS[n % 10]}`);

// The table in DOMAIN.md, restated independently: [id, clause, rate bp, cap CNY, payment].
const EXPECTED: [string, number, number | null, number, string][] = [
  ['art3.hk_macao_programme', 3, null, 3_000_000, 'grant'],
  ['art4.core_tech', 4, 5000, 30_000_000, 'milestone'],
  ['art4.pm_major', 4, null, 100_000_000, 'milestone'],
  ['art5.key_lab', 5, null, 30_000_000, 'grant'],
  ['art7.incubator', 7, 5000, 3_000_000, 'after_the_fact'],
  ['art7.maker_space', 7, 5000, 2_000_000, 'after_the_fact'],
  ['art11.testing_verification', 11, 3000, 3_000_000, 'after_the_fact'],
  ['art12.first_purchase', 12, 3000, 10_000_000, 'after_the_fact'],
  ['art16.standard.international', 16, null, 1_000_000, 'after_publication'],
  ['art16.standard.national', 16, null, 500_000, 'after_publication'],
  ['art16.standard.industry', 16, null, 300_000, 'after_publication'],
  ['art17.testing_certification_platform', 17, 4000, 5_000_000, 'grant'],
  ['art17.standardisation_platform', 17, 4000, 5_000_000, 'grant'],
  ['art20.park_operator', 20, 5000, 3_000_000, 'after_the_fact'],
];

describe('funding rule table', () => {
  it('has every rule of DOMAIN.md exactly once, in order', () => {
    expect(FUNDING_RULES.map((r) => r.id)).toEqual(EXPECTED.map(([id]) => id));
  });

  it.each(EXPECTED)('%s: clause %p, rate %p bp, cap %p CNY, paid %p', (id, clause, rate, capCny, payment) => {
    const rule = findRule(id);
    expect(rule).toMatchObject({ clauseNumber: clause, clause: numeral(clause), rateBp: rate, capFen: capCny * 100, payment });
    expect(id.startsWith(`art${clause}.`)).toBe(true);
  });

  it.each(FUNDING_RULES.map((r) => [r.id, r] as const))('%s: the Chinese wording states its numbers', (_id, rule) => {
    // The cap appears in the wording as 万元 or 亿元, and the rate as a percentage (half- or full-width).
    const cap = rule.capFen as number;
    const capText = cap % 10_000_000_000 === 0 ? `${cap / 10_000_000_000}亿元` : `${cap / 1_000_000}万元`;
    expect(rule.limitTextZh).toContain(capText);
    if (rule.rateBp !== null) expect(rule.limitTextZh).toMatch(new RegExp(`${rule.rateBp / 100}[%％]`));
    else expect(rule.limitTextZh).not.toMatch(/[%％]/);
  });

  it('every rule with a rate (or a rate from settings) says what the rate applies to', () => {
    for (const rule of FUNDING_RULES) {
      expect(rule.base !== null).toBe(rule.rateBp !== null || rule.rateSetting !== null);
    }
    expect(findRule('art4.pm_major').rateSetting).toBe('pmMajorRateBp');
  });

  it('is frozen', () => {
    expect(Object.isFrozen(FUNDING_RULES)).toBe(true);
    const rule = findRule('art4.core_tech');
    expect(Object.isFrozen(rule) && Object.isFrozen(rule.title) && Object.isFrozen(rule.base)).toBe(true);
  });
});

describe('findRule / listRules', () => {
  it('an unknown id is not_found', () => {
    expect(domainError(() => findRule('art99.nothing'), 'not_found').code).toBe('policy.unknown_rule');
  });

  it('filters by clause (numeral or number) and by what is funded', () => {
    expect(listRules({ clause: '四' }).map((r) => r.id)).toEqual(['art4.core_tech', 'art4.pm_major']);
    expect(listRules({ clause: 16 })).toHaveLength(3);
    expect(listRules({ clause: '17' })).toHaveLength(2);
    expect(listRules({ funds: 'maker_space' }).map((r) => r.id)).toEqual(['art7.maker_space']);
    expect(listRules({ clause: '七', funds: 'core_tech_project' })).toEqual([]);
    expect(listRules()).toHaveLength(FUNDING_RULES.length);
  });
});
