/**
 * The fixed vocabularies of a challenge, as data (no Nest, no TypeORM): the eight future
 * industries of section 一, the four frontier fields of clause (四), the two mechanisms and tracks,
 * and the "6+5" core zones of clause (二) with their Chinese names.
 */

export const INDUSTRIES = {
  synthetic_biology: { zh: '合成生物', en: 'synthetic biology' },
  blockchain: { zh: '区块链', en: 'blockchain' },
  cell_gene: { zh: '细胞与基因', en: 'cell and gene' },
  aerospace: { zh: '空天技术', en: 'aerospace' },
  brain_science: { zh: '脑科学与类脑智能', en: 'brain science and brain-inspired intelligence' },
  deep_earth_sea: { zh: '深地深海', en: 'deep earth and deep sea' },
  optical_comm_computing: { zh: '可见光通信与光计算', en: 'visible-light communication and optical computing' },
  quantum_information: { zh: '量子信息', en: 'quantum information' },
} as const;
export type Industry = keyof typeof INDUSTRIES;
export const INDUSTRY_KEYS = Object.keys(INDUSTRIES) as Industry[];

export const FIELDS = {
  foundational_software: { zh: '底层软件', en: 'foundational software' },
  key_components: { zh: '关键零部件', en: 'key components' },
  major_equipment: { zh: '重大装备', en: 'major equipment' },
  test_instruments: { zh: '测试与仪器仪表', en: 'test and measurement instruments' },
} as const;
export type Field = keyof typeof FIELDS;
export const FIELD_KEYS = Object.keys(FIELDS) as Field[];

export const MECHANISMS = {
  open_call: { zh: '揭榜挂帅', en: 'open call' },
  horse_race: { zh: '赛马制', en: 'horse race' },
} as const;
export type Mechanism = keyof typeof MECHANISMS;
export const MECHANISM_KEYS = Object.keys(MECHANISMS) as Mechanism[];

/** Each track is funded under one rule of `@app/policy`. */
export const TRACKS = {
  core_tech: { zh: '核心技术攻关', en: 'core-technology breakthrough', fundingRuleId: 'art4.core_tech' },
  pm_major: { zh: '项目经理人制重大项目', en: 'project-manager-system major project', fundingRuleId: 'art4.pm_major' },
} as const;
export type Track = keyof typeof TRACKS;
export const TRACK_KEYS = Object.keys(TRACKS) as Track[];

/** Clause (二): the "6+5" core zones — six zones and the five parks of the national high-tech zone. */
export const ZONES = {
  guangming_science_city: { zh: '光明科学城', en: 'Guangming Science City' },
  hetao_sz_hk: { zh: '河套深港科技创新合作区', en: 'Hetao Shenzhen-Hong Kong S&T Innovation Cooperation Zone' },
  qianhai_sz_hk: { zh: '前海深港现代服务业合作区', en: 'Qianhai Shenzhen-Hong Kong Modern Service Industry Cooperation Zone' },
  xili_lake: { zh: '西丽湖国际科教城', en: 'Xili Lake International Science and Education City' },
  east_coast_biovalley: { zh: '东部滨海国际生物谷', en: 'East Coast International Bio-Valley' },
  hongling_fintech_belt: { zh: '红岭新兴金融产业带', en: 'Hongling Emerging Finance Industry Belt' },
  hitech_nanshan: { zh: '深圳高新区南山园区', en: 'Nanshan Park, Shenzhen National High-tech Zone' },
  hitech_pingshan: { zh: '深圳高新区坪山园区', en: 'Pingshan Park, Shenzhen National High-tech Zone' },
  hitech_baoan: { zh: '深圳高新区宝安园区', en: "Bao'an Park, Shenzhen National High-tech Zone" },
  hitech_longgang: { zh: '深圳高新区龙岗园区', en: 'Longgang Park, Shenzhen National High-tech Zone' },
  hitech_longhua: { zh: '深圳高新区龙华园区', en: 'Longhua Park, Shenzhen National High-tech Zone' },
} as const;
export type Zone = keyof typeof ZONES;
export const ZONE_KEYS = Object.keys(ZONES) as Zone[];

export const ORG_KINDS = ['enterprise', 'university', 'institute', 'medical', 'other'] as const;
export type EligibleOrgKind = (typeof ORG_KINDS)[number];
