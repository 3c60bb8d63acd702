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
  // bids (libs/bids/src/bid-rules.ts, bids.service.ts, review.service.ts)
  [/^must not exceed totalInvestmentFen$/, () => '申请资助不能超过项目总投资'],
  [/^must be in the future$/, () => '必须在将来'],
  [/^must not be after the project ends \((.+)\)$/, () => '不能晚于项目结束时间'],
  [/^shares must add up to 100 percent \(they add up to (\d+)\)$/, (m) => `份额合计须为 100%（现为 ${m[1]}%）`],
  [/^appears twice in the consortium$/, () => '在联合体中重复出现'],
  [/^is not a registered organisation \(members must register first\)$/, () => '不是已注册单位（成员须先注册）'],
  [/^is not allowed: this challenge does not accept consortia$/, () => '本榜单不允许联合体申报'],
  [
    /^has (\d+) organisations, lead included; this challenge allows at most (\d+)$/,
    (m) => `联合体有 ${m[1]} 家单位，本榜单最多 ${m[2]} 家（含牵头单位）`,
  ],
  [/^must address objective (\d+) of the challenge.*$/, (m) => `须针对榜单第 ${m[1]} 项指标给出技术路线`],
  [/^is not one of the challenge’s objectives$/, () => '不是本榜单的指标'],
  [/^answers an objective twice$/, () => '重复回应同一指标'],
  [/^must be an 18-character unified social credit code$/, () => '必须是 18 位统一社会信用代码'],
  [/^must have at least one milestone$/, () => '至少设置一个里程碑'],
  [/^must be a number with at most 2 decimals$/, () => '必须是最多两位小数的数字'],
  [/^Your organisation already has a live bid on this challenge.*$/, () => '本单位在该榜单已有有效申报，请修改或先撤回'],
  [
    /^(Your organisation or a consortium member|Consortium member (\w+)) already takes part in another live bid.*$/,
    (m) =>
      `${m[2] ? `联合体成员 ${m[2]}` : '本单位或联合体成员'}已参与该榜单的另一项有效申报（每家单位每个榜单只能参与一项申报）`,
  ],
  [/^The bid deadline (.+) has passed; bids can no longer be written\.$/, () => '揭榜已截止，不能再提交或修改申报'],
  [/^The challenge does not take bids now\.$/, () => '该榜单目前不接受申报'],
  [/^The review panel is (already )?closed.*$/, () => '评审组已关闭'],
  [/^Assign reviewers before closing the panel\.$/, () => '请先指派评审专家再关闭评审组'],
  [/^Bids are sealed until the deadline.*$/, () => '截止前申报密封，尚不能评审或排名'],
  [/^The panel can close only after the bid deadline\.$/, () => '截止后才能关闭评审组'],
  [/^Close the review panel before shortlisting\.$/, () => '请先关闭评审组再确定入围'],
  [/^Only submitted bids can be shortlisted\.$/, () => '只有已提交的申报可以入围'],
  [/^A bid below a criterion’s minimum score cannot be shortlisted\.$/, () => '有评审项低于合格线的申报不能入围'],
  [/^This bid was withdrawn\.$/, () => '该申报已撤回'],
];

export function translateServerMessage(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  for (const [pattern, render] of RULES_ZH) {
    const m = pattern.exec(message);
    if (m) return render(m);
  }
  return message;
}
