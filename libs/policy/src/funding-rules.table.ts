/**
 * Every funding rule of 《深圳市关于加快培育发展未来产业的若干措施（征求意见稿）》, one entry each, in
 * the order of the text — including each clause that funds without setting an amount (`amountSet:
 * false`), so that nothing the measures promise money for is missing from the table.
 *
 * This is the one file to amend when the final text of the measures differs from the draft: change
 * the numbers and `limitTextZh` together, and the table spec checks that they still agree. Ids are
 * stable — stored decisions refer to them — so never rename one; add a new rule instead.
 *
 * Amounts are fen: 1 CNY = 100 fen, 1万元 = 1,000,000 fen, 1亿元 = 10,000,000,000 fen.
 */
import type { FundingBase, FundingRule } from './funding-rule';

const WAN_YUAN = 1_000_000; // fen in 1万元

const TOTAL_INVESTMENT_PROJECT: FundingBase = { key: 'total_investment', zh: '项目总投资', en: 'total project investment' };
const TOTAL_INVESTMENT: FundingBase = { key: 'total_investment', zh: '总投资', en: 'total investment' };
const OPERATING_SPEND_2Y: FundingBase = {
  key: 'operating_spend_2y',
  zh: '近两年投入运营经费',
  en: 'operating spend of the last two years',
};
const AUDITED_COST: FundingBase = { key: 'audited_cost', zh: '专项审计后确认费用', en: 'cost confirmed by a special audit' };
const SALES_CONTRACT: FundingBase = { key: 'sales_contract', zh: '销售合同金额', en: 'sales contract amount' };

/** Where the text leaves the amount to "相关政策" (clauses 五 and 六). */
const UNDER_RELEVANT_POLICIES = {
  zh: '金额按相关政策确定',
  en: 'it is decided under the relevant policies (按相关政策)',
};

const CLAUSE_16_TEXT = '对获公开发布的标准制订单位，按照项目分别予以最高100万元、50万元、30万元资助';
const CLAUSE_7_TEXT = '以事后补助的方式分别予以最高不超过300万元、200万元的资助，且不超过近两年投入运营经费的50%';

const RULES = [
  {
    id: 'art3.national_programme_matching',
    clause: '三',
    clauseNumber: 3,
    title: {
      zh: '承担国家科技创新2030重大项目、国家重点研发计划、广东省前沿技术和颠覆性技术专项的配套资金',
      en: 'matching funds for national Science and Technology Innovation 2030 major projects, national key R&D programme projects and Guangdong frontier and disruptive technology projects',
    },
    funds: 'national_programme_matching',
    base: null,
    rateBp: null,
    capFen: null,
    rateSetting: null,
    limitTextZh:
      '支持承担国家科技创新2030重大项目和国家重点研发计划、广东省前沿技术和颠覆性技术专项，按相关政策予以一定比例资金配套',
    payment: 'not_stated',
    amountSet: false,
    decidedBy: {
      zh: '配套比例和金额按相关政策确定',
      en: 'the matching proportion and amount are decided under the relevant policies (按相关政策)',
    },
  },
  {
    id: 'art3.hk_macao_programme',
    clause: '三',
    clauseNumber: 3,
    title: { zh: '深港澳科技计划项目', en: 'Shenzhen–Hong Kong–Macao science and technology programme projects' },
    funds: 'hk_macao_programme_project',
    base: null,
    rateBp: null,
    capFen: 300 * WAN_YUAN,
    rateSetting: null,
    limitTextZh: '实施深港澳科技计划项目，按相关政策予以最高300万元资助',
    payment: 'grant',
    amountSet: true,
    decidedBy: null,
  },
  {
    id: 'art4.core_tech',
    clause: '四',
    clauseNumber: 4,
    // Funded through 赛马制 (horse race) or 揭榜挂帅 (open call); the limit is the same for both.
    title: { zh: '核心技术攻关项目', en: 'core-technology projects' },
    funds: 'core_tech_project',
    base: TOTAL_INVESTMENT,
    rateBp: 5000,
    capFen: 3000 * WAN_YUAN,
    rateSetting: null,
    limitTextZh: '按不超过总投资的50%予以支持，单个项目资助金额不超过3000万元',
    payment: 'milestone',
    amountSet: true,
    decidedBy: null,
  },
  {
    // The text states no ratio here; `pmMajorRateBp` in the settings may supply one (default none),
    // and the base is then the total investment, as for core-technology projects.
    id: 'art4.pm_major',
    clause: '四',
    clauseNumber: 4,
    title: { zh: '项目经理人制重大科技项目', en: 'major science and technology projects run by project managers' },
    funds: 'pm_major_project',
    base: TOTAL_INVESTMENT,
    rateBp: null,
    capFen: 10_000 * WAN_YUAN,
    rateSetting: 'pmMajorRateBp',
    limitTextZh: '单个项目资助金额不超过1亿元',
    payment: 'milestone',
    amountSet: true,
    decidedBy: null,
  },
  {
    id: 'art5.key_lab',
    clause: '五',
    clauseNumber: 5,
    title: {
      zh: '省市重点实验室、工程研究中心、技术中心、临床医学研究中心等创新平台',
      en: 'provincial and municipal key laboratories, engineering research centres, technology centres and clinical research centres',
    },
    funds: 'key_lab_or_centre',
    base: null,
    rateBp: null,
    capFen: 3000 * WAN_YUAN,
    rateSetting: null,
    limitTextZh: '按相关政策予以最高3000万元资助',
    payment: 'grant',
    amountSet: true,
    decidedBy: null,
  },
  {
    id: 'art5.national_platform',
    clause: '五',
    clauseNumber: 5,
    title: {
      zh: '新获批的全国重点实验室、国家工程研究中心、国家技术创新中心等国家级创新平台',
      en: 'newly approved national key laboratories and national basic-science, engineering, technology-innovation, manufacturing-innovation, industry-innovation and clinical research centres',
    },
    funds: 'national_platform',
    base: null,
    rateBp: null,
    capFen: null,
    rateSetting: null,
    limitTextZh:
      '对新获批的全国重点实验室、国家基础学科研究中心、国家工程研究中心、国家技术创新中心、国家制造业创新中心、国家产业创新中心以及国家临床医学研究中心，按相关政策予以资助',
    payment: 'not_stated',
    amountSet: false,
    decidedBy: UNDER_RELEVANT_POLICIES,
  },
  {
    id: 'art6.research_infrastructure',
    clause: '六',
    clauseNumber: 6,
    title: {
      zh: '重大科技基础设施、质量基础设施等科研条件平台的新建项目',
      en: 'new research-infrastructure projects: major science and technology infrastructure, quality infrastructure, laboratory animal facilities, natural resource banks and field stations',
    },
    funds: 'research_infrastructure',
    base: null,
    rateBp: null,
    capFen: null,
    rateSetting: null,
    limitTextZh: '对于新建项目按相关政策予以一定资金资助',
    payment: 'not_stated',
    amountSet: false,
    decidedBy: UNDER_RELEVANT_POLICIES,
  },
  {
    id: 'art7.incubator',
    clause: '七',
    clauseNumber: 7,
    title: { zh: '未来产业孵化器', en: 'future-industry incubators' },
    funds: 'incubator',
    base: OPERATING_SPEND_2Y,
    rateBp: 5000,
    capFen: 300 * WAN_YUAN,
    rateSetting: null,
    limitTextZh: CLAUSE_7_TEXT,
    payment: 'after_the_fact',
    amountSet: true,
    decidedBy: null,
  },
  {
    id: 'art7.maker_space',
    clause: '七',
    clauseNumber: 7,
    title: { zh: '未来产业众创空间', en: 'future-industry maker spaces' },
    funds: 'maker_space',
    base: OPERATING_SPEND_2Y,
    rateBp: 5000,
    capFen: 200 * WAN_YUAN,
    rateSetting: null,
    limitTextZh: CLAUSE_7_TEXT,
    payment: 'after_the_fact',
    amountSet: true,
    decidedBy: null,
  },
  {
    // The measures encourage the districts to fund; the city itself promises no money here.
    id: 'art8.high_tech_enterprise',
    clause: '八',
    clauseNumber: 8,
    title: {
      zh: '新增及重新认定的未来产业国家高新技术企业',
      en: 'future-industry enterprises newly recognised or re-recognised as national high-tech enterprises',
    },
    funds: 'high_tech_enterprise',
    base: null,
    rateBp: null,
    capFen: null,
    rateSetting: null,
    limitTextZh: '鼓励各区根据产业发展实际，对新增的及重新认定的未来产业国家高新技术企业予以一定资助',
    payment: 'not_stated',
    amountSet: false,
    decidedBy: {
      zh: '由各区根据产业发展实际确定（本措施只是鼓励各区资助）',
      en: 'each district decides it according to its industries (各区根据产业发展实际); the measures only encourage the districts to fund',
    },
  },
  {
    id: 'art11.testing_verification',
    clause: '十一',
    clauseNumber: 11,
    title: {
      zh: '新产品、新技术应用示范验证的测试、验证费用',
      en: 'testing and verification costs of new products and technologies in demonstration',
    },
    funds: 'testing_verification',
    base: AUDITED_COST,
    rateBp: 3000,
    capFen: 300 * WAN_YUAN,
    rateSetting: null,
    limitTextZh: '采用事后资助方式，按专项审计后确认费用的30%予以资助，单个项目资助金额不超过300万元',
    payment: 'after_the_fact',
    amountSet: true,
    decidedBy: null,
  },
  {
    // The text says neither 事后 nor how it is paid; DOMAIN.md reads it as after the fact
    // (the purchase must have happened for a sales contract amount to exist).
    id: 'art12.first_purchase',
    clause: '十二',
    clauseNumber: 12,
    title: { zh: '购买首购目录创新产品', en: 'first purchases of listed innovative products' },
    funds: 'first_purchase',
    base: SALES_CONTRACT,
    rateBp: 3000,
    capFen: 1000 * WAN_YUAN,
    rateSetting: null,
    limitTextZh: '按照销售合同金额的30％予以资助，最高1000万元',
    payment: 'after_the_fact',
    amountSet: true,
    decidedBy: null,
  },
  {
    id: 'art16.standard.international',
    clause: '十六',
    clauseNumber: 16,
    title: { zh: '国际标准研制（获公开发布）', en: 'published international standards' },
    funds: 'international_standard',
    base: null,
    rateBp: null,
    capFen: 100 * WAN_YUAN,
    rateSetting: null,
    limitTextZh: CLAUSE_16_TEXT,
    payment: 'after_publication',
    amountSet: true,
    decidedBy: null,
  },
  {
    id: 'art16.standard.national',
    clause: '十六',
    clauseNumber: 16,
    title: { zh: '国家标准研制（获公开发布）', en: 'published national standards' },
    funds: 'national_standard',
    base: null,
    rateBp: null,
    capFen: 50 * WAN_YUAN,
    rateSetting: null,
    limitTextZh: CLAUSE_16_TEXT,
    payment: 'after_publication',
    amountSet: true,
    decidedBy: null,
  },
  {
    id: 'art16.standard.industry',
    clause: '十六',
    clauseNumber: 16,
    title: { zh: '行业标准研制（获公开发布）', en: 'published industry standards' },
    funds: 'industry_standard',
    base: null,
    rateBp: null,
    capFen: 30 * WAN_YUAN,
    rateSetting: null,
    limitTextZh: CLAUSE_16_TEXT,
    payment: 'after_publication',
    amountSet: true,
    decidedBy: null,
  },
  {
    // The text reads "予以项目总投资40％资助，最高500万元" — 40% as a ceiling, like the other clauses.
    id: 'art17.testing_certification_platform',
    clause: '十七',
    clauseNumber: 17,
    title: { zh: '认证认可测试公共服务平台', en: 'testing and certification public service platforms' },
    funds: 'testing_certification_platform',
    base: TOTAL_INVESTMENT_PROJECT,
    rateBp: 4000,
    capFen: 500 * WAN_YUAN,
    rateSetting: null,
    limitTextZh: '对于符合条件的公共服务平台予以项目总投资40％资助，最高500万元',
    payment: 'grant',
    amountSet: true,
    decidedBy: null,
  },
  {
    id: 'art17.standardisation_platform',
    clause: '十七',
    clauseNumber: 17,
    title: { zh: '未来产业技术标准化公共服务平台', en: 'technical-standardisation public service platforms' },
    funds: 'standardisation_platform',
    base: TOTAL_INVESTMENT_PROJECT,
    rateBp: 4000,
    capFen: 500 * WAN_YUAN,
    rateSetting: null,
    limitTextZh: '对符合条件的予以项目总投资40％资助，最高500万元',
    payment: 'grant',
    amountSet: true,
    decidedBy: null,
  },
  {
    id: 'art18.approved_event',
    clause: '十八',
    clauseNumber: 18,
    title: {
      zh: '经市政府批准举办的全国性或国际性创新应用大赛、论坛、展会等大型活动',
      en: 'national or international competitions, forums, exhibitions and other major events held with the approval of the municipal government',
    },
    funds: 'approved_event',
    base: null,
    rateBp: null,
    capFen: null,
    rateSetting: null,
    limitTextZh: '对经市政府批准举办的活动，所需经费按规定予以资助',
    payment: 'not_stated',
    amountSet: false,
    decidedBy: { zh: '所需经费按规定确定', en: 'the costs are funded as decided under the applicable regulations (按规定)' },
  },
  {
    id: 'art18.themed_event',
    clause: '十八',
    clauseNumber: 18,
    title: {
      zh: '以未来产业为主题的创新创业大赛、主题论坛、专题会议、展会展览、招商推广等活动',
      en: 'future-industry innovation and entrepreneurship competitions, forums, conferences, exhibitions and investment promotion events',
    },
    funds: 'themed_event',
    base: null,
    rateBp: null,
    capFen: null,
    rateSetting: null,
    limitTextZh:
      '支持举办具有影响力的以未来产业为主题的创新创业大赛、主题论坛、专题会议、展会展览、招商推广等活动，按各牵头单位既有政策予以资助',
    payment: 'not_stated',
    amountSet: false,
    decidedBy: {
      zh: '金额按各牵头单位既有政策确定',
      en: "it is decided under each lead organisation's existing policies (按各牵头单位既有政策)",
    },
  },
  {
    // The text says only "予以资助": neither an amount nor whose policy decides it.
    id: 'art18.journal_association_think_tank',
    clause: '十八',
    clauseNumber: 18,
    title: {
      zh: '经批准成立、在深圳市从事业务活动的未来产业期刊、协会、智库等',
      en: 'future-industry journals, associations and think tanks approved by national, provincial or municipal authorities and active in Shenzhen',
    },
    funds: 'journal_association_think_tank',
    base: null,
    rateBp: null,
    capFen: null,
    rateSetting: null,
    limitTextZh: '对经国家、省、市主管部门批准成立、在深圳市从事业务活动的未来产业期刊、协会、智库等予以资助',
    payment: 'not_stated',
    amountSet: false,
    decidedBy: {
      zh: '原文未说明金额如何确定；第（二十三）条由市政府各相关部门制定配套实施办法',
      en: 'the text does not say how it is decided; under clause 23 (二十三) the municipal government departments make the implementing rules',
    },
  },
  {
    // Paid on audited cost, so after the fact, although the text does not say 事后 here.
    id: 'art20.park_operator',
    clause: '二十',
    clauseNumber: 20,
    title: { zh: '通过认定的未来产业特色园区运营单位', en: 'operators of recognised future-industry parks' },
    funds: 'park_operator',
    base: AUDITED_COST,
    rateBp: 5000,
    capFen: 300 * WAN_YUAN,
    rateSetting: null,
    limitTextZh: '按专项审计后的确认费用的50%，予以运营单位不超过300万元资助',
    payment: 'after_the_fact',
    amountSet: true,
    decidedBy: null,
  },
  {
    // The districts' top-up beside the city's grant to the park operator (art20.park_operator).
    id: 'art20.district_matching',
    clause: '二十',
    clauseNumber: 20,
    title: {
      zh: '各区对通过认定的未来产业特色园区的配套资助',
      en: 'district matching funds for recognised future-industry parks',
    },
    funds: 'park_district_matching',
    base: null,
    rateBp: null,
    capFen: null,
    rateSetting: null,
    limitTextZh: '鼓励各区结合实际情况予以一定配套',
    payment: 'not_stated',
    amountSet: false,
    decidedBy: {
      zh: '由各区结合实际情况确定（本措施只是鼓励各区配套）',
      en: 'each district decides it according to its circumstances (各区结合实际情况); the measures only encourage the districts to match',
    },
  },
] as const satisfies readonly FundingRule[];

/** The id of a rule in the table. */
export type FundingRuleId = (typeof RULES)[number]['id'];

/** The table, frozen so no caller can change the law at runtime. */
export const FUNDING_RULES: readonly FundingRule[] = Object.freeze(
  RULES.map((rule) =>
    deepFreeze({
      ...rule,
      title: { ...rule.title },
      base: rule.base && { ...rule.base },
      decidedBy: rule.decidedBy && { ...rule.decidedBy },
    }),
  ),
);

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) if (child && typeof child === 'object') deepFreeze(child);
  return Object.freeze(value);
}
