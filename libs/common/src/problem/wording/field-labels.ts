/**
 * The one table of field names: what the API's problem `detail` and the web app's alerts call a
 * field of a request body, in Chinese and English, by its API path (`errors[].field`, which stays the
 * machine path). `bidDeadline` → 揭榜截止时间 / "Bid deadline"; `stages[1].endsAt` → 第 2 阶段的关口时间 /
 * "Stage 2 · gate date". Pure: no Nest, no I/O (the web app imports it as `@app/common/problem/field-labels`).
 */
export type FieldLabelLanguage = 'zh' | 'en';

export interface FieldLabelWords {
  readonly zh: string;
  readonly en: string;
}

/**
 * Each path segment is named by its own entry: `name` anywhere; `parent.name` where the parent gives
 * the name another meaning (a stage's `name`); `name[]` for an item of the list `name`, with `{n}`
 * counted from 1 (`stages[0]` is 第 1 阶段 / "Stage 1"). A list without a `[]` entry numbers its
 * item after the list's own name ("Scores 2").
 */
export const FIELD_LABELS: Readonly<Record<string, FieldLabelWords>> = {
  title: { zh: '名称', en: 'Title' },
  summary: { zh: '简介', en: 'Summary' },
  industry: { zh: '产业', en: 'Industry' },
  secondaryIndustry: { zh: '第二产业', en: 'Second industry' },
  field: { zh: '领域', en: 'Field' },
  mechanism: { zh: '遴选机制', en: 'Mechanism' },
  track: { zh: '资助类别', en: 'Funding track' },
  budgetFen: { zh: '总预算', en: 'Budget' },
  maxAwardFen: { zh: '单项最高资助', en: 'Maximum award' },
  parallelSlots: { zh: '并行名额', en: 'Parallel slots' },
  stages: { zh: '赛马阶段', en: 'Stages' },
  'stages[]': { zh: '第 {n} 阶段', en: 'Stage {n}' },
  'stages.name': { zh: '名称', en: 'name' },
  'stages.endsAt': { zh: '关口时间', en: 'gate date' },
  'stages.advancingSlots': { zh: '晋级团队数', en: 'teams advancing' },
  objectives: { zh: '技术指标', en: 'Objectives' },
  'objectives[]': { zh: '指标 {n}', en: 'Objective {n}' },
  'objectives.metric': { zh: '名称', en: 'metric' },
  'objectives.target': { zh: '目标值', en: 'target' },
  'objectives.unit': { zh: '单位', en: 'unit' },
  eligibility: { zh: '申报条件', en: 'Eligibility' },
  orgKinds: { zh: '可申报单位类型', en: 'Organisation kinds' },
  consortiumAllowed: { zh: '是否允许创新联合体', en: 'Consortium allowed' },
  maxMembers: { zh: '联合体最多单位数', en: 'Most consortium members' },
  bidDeadline: { zh: '揭榜截止时间', en: 'Bid deadline' },
  projectEndsAt: { zh: '项目结束时间', en: 'Project end' },
  zone: { zh: '承载区域', en: 'Zone' },
  requiredBidDocuments: { zh: '必需的申报附件', en: 'Required bid documents' },
  documents: { zh: '附件', en: 'Documents' },
  'documents[]': { zh: '附件 {n}', en: 'Document {n}' },
  totalInvestmentFen: { zh: '项目总投资', en: 'Total investment' },
  requestedFundingFen: { zh: '申请资助', en: 'Requested funding' },
  proposal: { zh: '申报书', en: 'Proposal' },
  consortium: { zh: '创新联合体', en: 'Consortium' },
  'consortium[]': { zh: '联合体成员 {n}', en: 'Consortium member {n}' },
  milestones: { zh: '里程碑', en: 'Milestones' },
  'milestones[]': { zh: '里程碑 {n}', en: 'Milestone {n}' },
  'milestones.title': { zh: '名称', en: 'title' },
  dueAt: { zh: '完成时间', en: 'due date' },
  trancheFen: { zh: '拨付金额', en: 'tranche' },
  deliverable: { zh: '交付成果', en: 'deliverable' },
  amountFen: { zh: '资助金额', en: 'Award amount' },
  creditCode: { zh: '统一社会信用代码', en: 'Credit code' },
  email: { zh: '电子邮箱', en: 'Email' },
  password: { zh: '密码', en: 'Password' },
  displayName: { zh: '姓名', en: 'Name' },
  name: { zh: '名称', en: 'Name' },
  kind: { zh: '单位类型', en: 'Kind of organisation' },
  comment: { zh: '意见', en: 'Comment' },
  reason: { zh: '理由', en: 'Reason' },
  decision: { zh: '处理决定', en: 'Decision' },
  programManagerId: { zh: '项目经理', en: 'Program manager' },
  userId: { zh: '用户', en: 'User' },
  criteria: { zh: '评审项', en: 'Criteria' },
  'criteria[]': { zh: '评审项 {n}', en: 'Criterion {n}' },
  weight: { zh: '权重', en: 'weight' },
  minScore: { zh: '最低分', en: 'minimum score' },
  scores: { zh: '评分', en: 'Scores' },
};

/** How a segment's name joins its parent's: 第 2 阶段的关口时间 / "Stage 2 · gate date". */
export const FIELD_LABEL_JOIN: FieldLabelWords = { zh: '{parent}的{child}', en: '{parent} · {child}' };

const SEGMENT = /^([A-Za-z_]\w*)((?:\[\d+\])*)$/;

const fill = (text: string, vars: Readonly<Record<string, string | number>>): string =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));

const own = (key: string): FieldLabelWords | undefined =>
  Object.prototype.hasOwnProperty.call(FIELD_LABELS, key) ? FIELD_LABELS[key] : undefined;

/** The names of a path's segments the table knows, and whether it names the last one (the field itself). */
function labelsOf(apiPath: string, lang: FieldLabelLanguage): { labels: string[]; leafNamed: boolean } {
  const labels: string[] = [];
  let parent: string | undefined;
  let leafNamed = false;
  for (const segment of apiPath.split('.')) {
    const m = SEGMENT.exec(segment);
    if (!m) return { labels, leafNamed: false };
    const [, name, indexes] = m;
    const index = /\[(\d+)\]$/.exec(indexes)?.[1];
    const words = (parent !== undefined ? own(`${parent}.${name}`) : undefined) ?? own(name);
    let label: string | undefined;
    if (index !== undefined) {
      const item = own(`${name}[]`);
      const n = Number(index) + 1;
      if (item) label = fill(item[lang], { n });
      else if (words) label = `${words[lang]} ${n}`;
    } else label = words?.[lang];
    if (label) labels.push(label);
    leafNamed = label !== undefined;
    parent = name;
  }
  return { labels, leafNamed };
}

function join(labels: readonly string[], lang: FieldLabelLanguage): string {
  // Chinese sets a number apart from the characters after it: "指标 3 的目标值".
  const spaced = (parent: string) => (lang === 'zh' && /[A-Za-z0-9]$/.test(parent) ? `${parent} ` : parent);
  return labels.reduce((parent, child) => fill(FIELD_LABEL_JOIN[lang], { parent: spaced(parent), child }));
}

/**
 * The name of the field at `apiPath` for a reader, from the segments the table knows (an unknown
 * segment is left out: `stages[1].bogus` → 第 2 阶段), or undefined when it knows none of them.
 */
export function fieldLabel(apiPath: string, lang: FieldLabelLanguage): string | undefined {
  const { labels } = labelsOf(apiPath, lang);
  return labels.length ? join(labels, lang) : undefined;
}

/**
 * How a problem's `detail` names the field at `apiPath`: its label when the table names the field
 * itself (the path's last segment), else the path as it is (`stages[1].bogus`, `extra`).
 */
export function fieldName(apiPath: string, lang: FieldLabelLanguage): string {
  const { labels, leafNamed } = labelsOf(apiPath, lang);
  return leafNamed ? join(labels, lang) : apiPath;
}
