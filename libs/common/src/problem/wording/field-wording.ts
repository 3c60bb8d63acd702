/**
 * The wording of one field error (`errors[].message`) in the reader's language. The English is
 * the thrower's own (class-validator's default or a DTO's or a rule's message); the Chinese comes,
 * in this order, from the thrower's own two-language wording, a domain rule with its values
 * (`constraint`), the exact English message, a pattern of it, or class-validator's constraint
 * name with its arguments. A message none of them knows is shown as it is, never dropped.
 */
import { formatBeijingTime, formatDuration } from '../../wording/formats';
import type { FieldError } from '../../domain-error';
import type { Language } from './words';

type RuleWords = Readonly<Record<Language, (args: readonly unknown[]) => string>>;
const n = (v: unknown) => String(v);

/** Rules thrown by domain code with values that need saying in a language (instants, durations). */
const DOMAIN_RULES: Readonly<Record<string, RuleWords>> = {
  bidWindow: {
    zh: ([ms, earliest]) =>
      `须在发布后至少 ${formatDuration(Number(ms) / 1000, 'zh')}（不早于 ${formatBeijingTime(String(earliest), 'zh')}）`,
    en: ([ms, earliest]) =>
      `must be at least ${formatDuration(Number(ms) / 1000, 'en')} after publishing (not before ${formatBeijingTime(String(earliest), 'en')})`,
  },
  laterThanDeadline: {
    zh: ([current]) => `须晚于当前截止时间 ${formatBeijingTime(String(current), 'zh')}`,
    en: ([current]) => `must be later than the current deadline, ${formatBeijingTime(String(current), 'en')}`,
  },
};

/** class-validator's constraints, worded from their arguments (Chinese; English is its own). */
const VALIDATOR_ZH: Readonly<Record<string, (args: readonly unknown[]) => string>> = {
  whitelistValidation: () => '不是允许的字段',
  unknownValue: () => '不是可接受的对象',
  nestedValidation: () => '须为对象或对象数组',
  isDefined: () => '不能为空',
  isNotEmpty: () => '不能为空',
  isString: () => '须为文本',
  isInt: () => '须为整数',
  isNumber: () => '须为数字',
  isBoolean: () => '须为 true 或 false',
  isArray: () => '须为数组',
  isObject: () => '须为对象',
  isEnum: () => '取值不在允许范围内',
  isIn: ([allowed]) => `须为以下之一：${Array.isArray(allowed) ? allowed.join('、') : ''}`,
  isUUID: () => '须为 UUID',
  isEmail: () => '须为有效的电子邮箱地址',
  isISO8601: () => '须为 ISO-8601 日期或日期时间',
  isDateString: () => '须为 ISO-8601 日期时间',
  matches: () => '格式不正确',
  min: ([v]) => `不能小于 ${n(v)}`,
  max: ([v]) => `不能大于 ${n(v)}`,
  minLength: ([v]) => `至少 ${n(v)} 个字符`,
  maxLength: ([v]) => `不能超过 ${n(v)} 个字符`,
  length: ([lo, hi]) => `长度须在 ${n(lo)} 到 ${n(hi)} 个字符之间`,
  arrayMinSize: ([v]) => `至少须有 ${n(v)} 项`,
  arrayMaxSize: ([v]) => `最多 ${n(v)} 项`,
  arrayNotEmpty: () => '不能为空数组',
  arrayUnique: () => '不能有重复项',
  isPositive: () => '须为正数',
  isUrl: () => '须为网址',
};

/** Messages written out in DTOs and rules, said in Chinese. */
const MESSAGES_ZH: Readonly<Record<string, string>> = {
  required: '必填',
  'must not be blank': '不能为空',
  'must not be null': '不能为空',
  'must be a UUID': '须为 UUID',
  'each must be a UUID': '每一项都须为 UUID',
  'must be true or false': '须为 true 或 false',
  'must be a finite number': '须为有限数字',
  'must be an integer number of fen': '须为整数（分）',
  'must be an ISO-8601 date or date-time': '须为 ISO-8601 日期或日期时间',
  'must be an email address': '须为有效的电子邮箱地址',
  'must be an action such as bid.submitted': '须为操作名，如 bid.submitted',
  'must be a kind such as bid or challenge': '须为对象类型，如 bid 或 challenge',
  'must be a queue name': '须为任务队列名称',
  'must be a job id (letters, digits and . : _ -)': '须为任务编号（字母、数字及 . : _ -）',
  'must be a lower-case key like technical or team_capability': '须为小写键名，如 technical 或 team_capability',
  'must be a number with at most 2 decimals': '须为最多两位小数的数字',
  'must be a whole number from 1 to 999': '须为 1 到 999 的整数',
  'must be a whole number of bytes, 0 or more': '须为不小于 0 的整数字节数',
  'must be a whole number ≥ 0': '须为不小于 0 的整数',
  'must be the file’s exact size in bytes': '须为文件的确切字节数',
  'must be a file part': '须为文件',
  'must be 64 hexadecimal characters (a SHA-256)': '须为 64 位十六进制字符（SHA-256）',
  'must be an 18-character unified social credit code': '须为 18 位统一社会信用代码',
  'must be exactly 18 characters': '须为 18 个字符',
  'must be an object {text, approach} or a string': '须为对象 {text, approach} 或文本',
  'must be an ocid such as ocds-a1b2c3-<challenge id>': '须为 ocid，如 ocds-a1b2c3-<榜单编号>',
  'must be 1–255 visible ASCII characters': '须为 1–255 个可见 ASCII 字符',
  'must have at least one milestone': '至少须有一个里程碑',
  'must have at least one measurable objective': '至少须有一个可衡量的目标',
  'must name at least one kind of organisation': '至少须列出一种机构类型',
  'must list each document at most once': '每个文件最多列出一次',
  'must not repeat a bid': '不能重复列出同一方案',
  'must not repeat a user': '不能重复列出同一用户',
  'must not repeat a role': '不能重复列出同一类型',
  'must not repeat a kind': '不能重复列出同一类型',
  'must be unique': '不能重复',
  'must be unique within the challenge': '在本榜单内不能重复',
  'must differ from industry': '不能与主产业相同',
  'must be 1: an open call has exactly one winner': '揭榜挂帅只有一个揭榜方，名额须为 1',
  'must be empty: only a horse race has stages': '须为空：只有赛马制有阶段',
  'is required for a horse race (at least 2 parallel teams)': '赛马制必填（至少 2 个并行团队）',
  'must be at least 2 for a horse race': '赛马制至少为 2',
  'must have at least one stage for a horse race': '赛马制至少须有一个阶段',
  'must be after bidDeadline': '须晚于揭榜截止时间',
  'must be before projectEndsAt': '须早于项目结束时间',
  'must be fewer than parallelSlots': '须少于并行名额',
  'must not exceed budgetFen': '不能超过总预算',
  'must not exceed totalInvestmentFen': '不能超过总投入',
  'must be in the future': '须为将来的时间',
  'is not one of the challenge’s objectives': '不是本榜单的目标之一',
  'answers an objective twice': '重复回应了同一目标',
  'must list the lead and at least one member (omit it to bid alone)': '须列出牵头单位和至少一个成员（独立揭榜时请省略）',
  'must be lead: the bidding organisation leads its consortium': '须为牵头单位：揭榜机构牵头其联合体',
  'must be 1 when consortiumAllowed is false': '不允许联合体时须为 1',
  'must be at least 2 when consortiumAllowed is true': '允许联合体时至少为 2',
  'is not a valid date': '不是有效的日期',
  'is not a valid cursor': '不是有效的翻页游标',
  'is not an active program manager': '不是在职的项目经理',
  'is required for team users': '揭榜团队用户必填',
  'is required for agency users (an agency organisation)': '发榜机构用户必填（一个发榜机构）',
  'is required with decision "partial"': '部分验收时必填',
  'only with decision "partial"': '仅用于部分验收',
  'dueAt or trancheFen is required': '须填写截止时间或拨款金额',
  'repeats a document': '重复列出了同一文件',
  'is listed twice': '列出了两次',
  'is scored twice': '评了两次分',
  'is not a user': '不是用户',
  'is not a reviewer': '不是评审专家',
  'is deactivated': '已停用',
  'is not a bid of this challenge': '不是本榜单的方案',
  'is not an allowed field': '不是允许的字段',
  'must not contain a NUL character (\\u0000)': '不能包含 NUL 字符（\\u0000）',
  'must be well-formed Unicode text (it holds a lone surrogate)': '须为格式正确的 Unicode 文本（含有孤立代理项）',
  'appears twice in the consortium': '在联合体中出现了两次',
  'is not allowed: this challenge does not accept consortia': '不允许：本榜单不接受联合体',
  'is not a registered organisation (members must register first)': '不是已注册机构（成员须先注册）',
  'must be member: the lead is the bidding organisation': '须为成员：牵头单位即揭榜机构',
  'must list the bidding organisation (the lead) with its share': '须列出揭榜机构（牵头单位）及其份额',
};

/** Messages that carry values of their own (lists, counts, field paths), said in Chinese. */
const PATTERNS_ZH: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^must be one of (.+)$/, (m) => `须为以下之一：${m[1]}`],
  [/^each must be one of (.+)$/, (m) => `每一项都须为以下之一：${m[1]}`],
  [/^must be at least (\d+) characters$/, (m) => `至少 ${m[1]} 个字符`],
  [/^must not nest deeper than (\d+) levels$/, (m) => `嵌套不能超过 ${m[1]} 层`],
  [/^at most (\d+) documents in all$/, (m) => `最多共 ${m[1]} 个文件`],
  [/^missing required roles: (.+)$/, (m) => `缺少必需的文件类型：${m[1]}`],
  [/^must score criterion (.+)$/, (m) => `须为评审标准 ${m[1]} 评分`],
  [/^must be at most (\d+)$/, (m) => `不能大于 ${m[1]}`],
  [/^must not exceed (\d+) \(the cap of (.+)\)$/, (m) => `不能超过 ${m[1]} 分（${m[2]} 的上限）`],
  [/^weights must add up to 100 \(they add up to (\d+)\)$/, (m) => `权重合计须为 100（现为 ${m[1]}）`],
  [/^shares must add up to 100 percent \(they add up to (\d+)\)$/, (m) => `份额合计须为 100%（现为 ${m[1]}%）`],
  [/^must be after (stages\[\d+\]\.endsAt) \(stages are in order\)$/, (m) => `须晚于 ${m[1]}（阶段须按顺序）`],
  [
    /^must be fewer than (stages\[\d+\]\.advancingSlots) \(each gate stops someone\)$/,
    (m) => `须少于 ${m[1]}（每个关口都要淘汰）`,
  ],
  [/^is a (\w+) user, not an agency user$/, (m) => `是 ${m[1]} 用户，不是发榜机构用户`],
  [/^is required for a core_tech challenge/, () => '核心技术攻关类榜单必填（第四条所列领域之一）'],
  [/^is required for now/, () => '目前必填'],
  [
    /^has (\d+) organisations, lead included; this challenge allows at most (\d+)$/,
    (m) => `含牵头单位共 ${m[1]} 个机构，本榜单最多允许 ${m[2]} 个`,
  ],
  [
    /^is an organisation of kind (\w+), which this challenge does not admit \((.+)\)$/,
    (m) => `是 ${m[1]} 类机构，本榜单不接受（接受：${m[2]}）`,
  ],
];

function chinese(error: FieldError): string | undefined {
  const exact = MESSAGES_ZH[error.message];
  if (exact) return exact;
  for (const [pattern, say] of PATTERNS_ZH) {
    const m = pattern.exec(error.message);
    if (m) return say(m);
  }
  const name = error.constraint?.name;
  return name && VALIDATOR_ZH[name] ? VALIDATOR_ZH[name](error.constraint?.args ?? []) : undefined;
}

/** One field error's message in `lang`. */
export function wordFieldError(error: FieldError, lang: Language): string {
  if (error.wording) return error.wording[lang];
  const rule = error.constraint ? DOMAIN_RULES[error.constraint.name] : undefined;
  if (rule) return rule[lang](error.constraint?.args ?? []);
  if (lang === 'en') return error.message;
  return chinese(error) ?? error.message;
}

/** Whether the Chinese of a message is known (for the test that every written message has one). */
export const hasChineseFor = (message: string): boolean => chinese({ field: '', message }) !== undefined;
