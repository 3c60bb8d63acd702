/**
 * The API words its validation messages in English. Known wordings are shown in Chinese to a
 * Chinese reader; an unknown one is shown as the server wrote it (never dropped).
 */
import type { Lang } from '../i18n/i18n';
import { formatFen } from '../lib/money';

type Rule = [RegExp, (m: RegExpExecArray) => string];

const FIELD_NAMES_ZH: Record<string, string> = {
  bidDeadline: '揭榜截止时间',
  projectEndsAt: '项目结束时间',
  parallelSlots: '并行名额',
  budgetFen: '总预算',
  industry: '主产业',
};
const nameZh = (field: string) =>
  FIELD_NAMES_ZH[field] ?? field.replace(/stages\[(\d+)\]\.?(\w*)/, (_, i: string) => `第 ${Number(i) + 1} 阶段`);

const RULES_ZH: Rule[] = [
  [/^must not be blank$/, () => '不能为空'],
  [/^must not be null$/, () => '不能为空'],
  [/^must be at least (\d+) characters$/, (m) => `至少 ${m[1]} 个字符`],
  [/^must be exactly (\d+) characters$/, (m) => `必须为 ${m[1]} 个字符`],
  [/^must be shorter than or equal to (\d+) characters$/, (m) => `不能超过 ${m[1]} 个字符`],
  [/^must be an email address$/, () => '请输入有效的电子邮箱地址'],
  [/^must be a UUID$/, () => '格式不正确'],
  [/^is not an allowed field$/, () => '不是允许的字段'],
  [/^must be one of (.+)$/, (m) => `必须是以下之一：${m[1]}`],
  [/^each must be one of (.+)$/, (m) => `每一项必须是以下之一：${m[1]}`],
  [/^must be an integer number of fen$/, () => '必须是整数（分）'],
  [/^must be a whole number of fen.*$/, () => '必须精确到分'],
  [/^must not be negative$/, () => '不能为负数'],
  [/^must not be less than (\d+)$/, (m) => `不能小于 ${m[1]}`],
  [/^must not be greater than (\d+)$/, (m) => `不能大于 ${m[1]}`],
  [/^must be a finite number$/, () => '必须是数字'],
  [/^must be an ISO-8601 date-time.*$/, () => '日期时间格式不正确'],
  [/^is not a valid date$/, () => '不是有效的日期'],
  [/^must differ from industry$/, () => '不能与主产业相同'],
  [/^must be 1: an open call has exactly one winner$/, () => '揭榜挂帅只有一个揭榜方，名额必须为 1'],
  [/^must be empty: only a horse race has stages$/, () => '只有赛马制设置阶段'],
  [/^is required for a horse race.*$/, () => '赛马制须填写并行名额（至少 2 个）'],
  [/^must be at least 2 for a horse race$/, () => '赛马制至少 2 个并行名额'],
  [/^must have at least one stage for a horse race$/, () => '赛马制至少设置一个阶段'],
  [/^must be after (\w+)$/, (m) => `必须晚于${nameZh(m[1])}`],
  [/^must be before (\w+)$/, (m) => `必须早于${nameZh(m[1])}`],
  [/^must be after (stages\[\d+\])\.endsAt.*$/, (m) => `必须晚于${nameZh(m[1])}的关口时间（阶段按时间先后排列）`],
  [/^must be fewer than parallelSlots$/, () => '必须少于并行名额'],
  [/^must be fewer than (stages\[\d+\])\.advancingSlots.*$/, (m) => `必须少于${nameZh(m[1])}的晋级数（每个关口都要淘汰团队）`],
  [/^must be unique within the challenge$/, () => '在本榜单中不能重复'],
  [/^must not exceed budgetFen$/, () => '不能超过总预算'],
  [/^must not exceed (\d+) \(the cap of ([\w.]+)\)$/, (m) => `不能超过 ${formatFen(Number(m[1]))}（${m[2]} 的上限）`],
  [/^must not repeat a kind$/, () => '单位类型不能重复'],
  [/^must be 1 when consortiumAllowed is false$/, () => '不允许联合体时必须为 1'],
  [/^must be at least 2 when consortiumAllowed is true$/, () => '允许联合体时至少为 2'],
  [/^must name at least one kind of organisation$/, () => '至少选择一种单位类型'],
  [/^must have at least one measurable objective$/, () => '至少填写一项可考核的指标'],
  [/^must be at least (.+) after publishing \(not before (.+)\)$/, (m) => `须在发布后至少 ${m[1]}（不早于 ${m[2]}）`],
];

export function translateServerMessage(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [pattern, render] of RULES_ZH) {
    const m = pattern.exec(message);
    if (m) return render(m);
  }
  return message;
}
