import { FUNDING_RULES } from './funding-rules.table';
import { findRule, listRules } from './rules';
import { domainError } from './test-support';

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const CLAUSE_7 = '以事后补助的方式分别予以最高不超过300万元、200万元的资助，且不超过近两年投入运营经费的50%';
const CLAUSE_16 = '对获公开发布的标准制订单位，按照项目分别予以最高100万元、50万元、30万元资助';
const numeral = (n: number) => (n <= 10 ? NUMERALS[n] : `${n >= 20 ? NUMERALS[Math.floor(n / 10)] : ''}十${NUMERALS[n % 10]}`);

// The table in DOMAIN.md, restated independently, and every clause that funds without an amount:
// [id, clause, rate bp, cap CNY (null: no amount set), payment, the policy text's words verbatim].
const EXPECTED: [string, number, number | null, number | null, string, string][] = [
  [
    'art3.national_programme_matching',
    3,
    null,
    null,
    'not_stated',
    '支持承担国家科技创新2030重大项目和国家重点研发计划、广东省前沿技术和颠覆性技术专项，按相关政策予以一定比例资金配套',
  ],
  ['art3.hk_macao_programme', 3, null, 3_000_000, 'grant', '实施深港澳科技计划项目，按相关政策予以最高300万元资助'],
  ['art4.core_tech', 4, 5000, 30_000_000, 'milestone', '按不超过总投资的50%予以支持，单个项目资助金额不超过3000万元'],
  ['art4.pm_major', 4, null, 100_000_000, 'milestone', '单个项目资助金额不超过1亿元'],
  ['art5.key_lab', 5, null, 30_000_000, 'grant', '按相关政策予以最高3000万元资助'],
  [
    'art5.national_platform',
    5,
    null,
    null,
    'not_stated',
    '对新获批的全国重点实验室、国家基础学科研究中心、国家工程研究中心、国家技术创新中心、国家制造业创新中心、' +
      '国家产业创新中心以及国家临床医学研究中心，按相关政策予以资助',
  ],
  ['art6.research_infrastructure', 6, null, null, 'not_stated', '对于新建项目按相关政策予以一定资金资助'],
  ['art7.incubator', 7, 5000, 3_000_000, 'after_the_fact', CLAUSE_7],
  ['art7.maker_space', 7, 5000, 2_000_000, 'after_the_fact', CLAUSE_7],
  [
    'art8.high_tech_enterprise',
    8,
    null,
    null,
    'not_stated',
    '鼓励各区根据产业发展实际，对新增的及重新认定的未来产业国家高新技术企业予以一定资助',
  ],
  [
    'art11.testing_verification',
    11,
    3000,
    3_000_000,
    'after_the_fact',
    '采用事后资助方式，按专项审计后确认费用的30%予以资助，单个项目资助金额不超过300万元',
  ],
  ['art12.first_purchase', 12, 3000, 10_000_000, 'after_the_fact', '按照销售合同金额的30％予以资助，最高1000万元'],
  ['art16.standard.international', 16, null, 1_000_000, 'after_publication', CLAUSE_16],
  ['art16.standard.national', 16, null, 500_000, 'after_publication', CLAUSE_16],
  ['art16.standard.industry', 16, null, 300_000, 'after_publication', CLAUSE_16],
  [
    'art17.testing_certification_platform',
    17,
    4000,
    5_000_000,
    'grant',
    '对于符合条件的公共服务平台予以项目总投资40％资助，最高500万元',
  ],
  ['art17.standardisation_platform', 17, 4000, 5_000_000, 'grant', '对符合条件的予以项目总投资40％资助，最高500万元'],
  ['art18.approved_event', 18, null, null, 'not_stated', '对经市政府批准举办的活动，所需经费按规定予以资助'],
  [
    'art18.themed_event',
    18,
    null,
    null,
    'not_stated',
    '支持举办具有影响力的以未来产业为主题的创新创业大赛、主题论坛、专题会议、展会展览、招商推广等活动，按各牵头单位既有政策予以资助',
  ],
  [
    'art18.journal_association_think_tank',
    18,
    null,
    null,
    'not_stated',
    '对经国家、省、市主管部门批准成立、在深圳市从事业务活动的未来产业期刊、协会、智库等予以资助',
  ],
  ['art20.park_operator', 20, 5000, 3_000_000, 'after_the_fact', '按专项审计后的确认费用的50%，予以运营单位不超过300万元资助'],
  ['art20.district_matching', 20, null, null, 'not_stated', '鼓励各区结合实际情况予以一定配套'],
];

describe('funding rule table', () => {
  it('has every funding clause of the text exactly once, in the order of the text', () => {
    expect(FUNDING_RULES.map((r) => r.id)).toEqual(EXPECTED.map(([id]) => id));
  });

  it.each(EXPECTED)('%s: clause %p, rate %p bp, cap %p CNY, paid %p', (id, clause, rate, capCny, payment) => {
    const rule = findRule(id);
    expect(rule).toMatchObject({
      clauseNumber: clause,
      clause: numeral(clause),
      rateBp: rate,
      capFen: capCny === null ? null : capCny * 100,
      payment,
      amountSet: capCny !== null,
    });
    expect(id.startsWith(`art${clause}.`)).toBe(true);
  });

  it.each(EXPECTED.map(([id, , , , , words]) => [id, words]))('%s quotes the policy text word for word', (id, words) => {
    expect(findRule(id).limitTextZh).toBe(words);
  });

  it.each(FUNDING_RULES.filter((r) => r.amountSet).map((r) => [r.id, r] as const))(
    '%s: the Chinese wording states its numbers',
    (_id, rule) => {
      // The cap appears in the wording as 万元 or 亿元, and the rate as a percentage (half- or full-width).
      const cap = rule.capFen as number;
      const capText = cap % 10_000_000_000 === 0 ? `${cap / 10_000_000_000}亿元` : `${cap / 1_000_000}万元`;
      expect(rule.limitTextZh).toContain(capText);
      if (rule.rateBp !== null) expect(rule.limitTextZh).toMatch(new RegExp(`${rule.rateBp / 100}[%％]`));
      else expect(rule.limitTextZh).not.toMatch(/[%％]/);
    },
  );

  it.each(FUNDING_RULES.filter((r) => !r.amountSet).map((r) => [r.id, r] as const))(
    '%s sets no amount: no base, rate or cap, and it says where the amount is decided',
    (_id, rule) => {
      expect(rule).toMatchObject({ base: null, rateBp: null, capFen: null, rateSetting: null });
      // Its words grant support (资助 or 配套) and state no sum or percentage.
      expect(rule.limitTextZh).toMatch(/予以.*(资助|配套)/);
      expect(rule.limitTextZh).not.toMatch(/\d+(万元|亿元)|[%％]/);
      expect(rule.decidedBy).toEqual({ zh: expect.stringMatching(/确定|未说明/), en: expect.stringMatching(/decide/) });
    },
  );

  it('a rule sets an amount exactly when it has a cap, and only then has no decidedBy', () => {
    for (const rule of FUNDING_RULES) {
      expect(rule.amountSet).toBe(rule.capFen !== null);
      expect(rule.decidedBy === null).toBe(rule.amountSet);
    }
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
    expect(Object.isFrozen(findRule('art8.high_tech_enterprise').decidedBy)).toBe(true);
  });
});

describe('findRule / listRules', () => {
  it('an unknown id is not_found', () => {
    expect(domainError(() => findRule('art99.nothing'), 'not_found').code).toBe('policy.unknown_rule');
  });

  it('filters by clause (numeral or number) and by what is funded', () => {
    expect(listRules({ clause: '四' }).map((r) => r.id)).toEqual(['art4.core_tech', 'art4.pm_major']);
    expect(listRules({ clause: 16 })).toHaveLength(3);
    expect(listRules({ clause: '十八' })).toHaveLength(3);
    expect(listRules({ clause: '17' })).toHaveLength(2);
    expect(listRules({ funds: 'maker_space' }).map((r) => r.id)).toEqual(['art7.maker_space']);
    expect(listRules({ clause: '七', funds: 'core_tech_project' })).toEqual([]);
    expect(listRules()).toHaveLength(FUNDING_RULES.length);
  });
});
