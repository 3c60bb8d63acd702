/**
 * Messages of the confirmations before irreversible or money-moving actions, the success notices and the error
 * summary of long forms (issue 19, items 3, 5, 6 and 7).
 */
export const feedbackZh = {
  'confirm.irreversible': '此操作确认后立即生效，无法撤销。',
  'confirm.close': '关闭',
  'confirm.amountLine': '{label}：{amount}',
  'confirm.publish.title': '确认发布榜单？',
  'confirm.publish.body':
    '“{title}”将立即公开，任何机构均可查看并申报，申报截止时间为 {deadline}（北京时间）。发布后不能再修改内容，只能延长截止时间或撤销榜单。',
  'confirm.withdraw.body': '回执 {hash}… 对应的申报将被撤回，不再参与评审。截止前本单位可以重新申报，表单会填入这份申报的内容。',
  'confirm.withdraw.amountLabel': '撤回的申请资助',
  'confirm.accept.title': '确认验收并拨付？',
  'confirm.partial.title': '确认部分验收并拨付？',
  'confirm.accept.body': '验收通过后将立即向项目团队拨付 {amount}，拨付记录写入资金台账，不能撤回。',
  'confirm.accept.amountLabel': '本次拨付',
  'confirm.accept.ok': '验收并拨付',
  'confirm.partial.ok': '部分验收并拨付',
  'confirm.conflict.title': '确认声明利益冲突？',
  'confirm.conflict.body': '声明后您将不能再查看或评分这份申报，您对它已有的评分将被删除。声明无法撤回。',
  'confirm.assign.title': '确认指派 {n} 位评审专家？',
  'confirm.assign.body': '将指派：{names}。他们会收到通知，并可在截止后查看本榜单的全部申报材料并评分；指派后不能移出评审组。',
  'confirm.award.title': '确认立项？',
  'confirm.award.body': '将向 {who} 立项，资助金额 {amount}。立项后进入公示期，并按里程碑计划拨付；金额在立项后不能修改。',
  'confirm.award.amountLabel': '立项资助',
  'confirm.award.ok': '确认立项',
  'confirm.gate.title': '确认执行第 {n} 阶段关卡？',
  'confirm.gate.body':
    '晋级：{advancing}。另有 {stopped} 个项目将止步于本阶段，其后续里程碑不再拨付。关卡结果会公开，不能重新执行。',
  'bid.signInFirst': '登录或注册揭榜方账号后即可申报，完成后自动回到申报页面。',
  'notice.close': '关闭通知',
  'notice.withdrawn': '申报已撤回',
  'notice.withdrawnHint': '截止前可以重新申报，下方表单已填入撤回的申报内容。',
  'errorSummary.item': '{label}：{message}',
  'review.closedTitle': '评审组已关闭',
  'review.closedHint': '评分已锁定，不能再修改或声明利益冲突。以下为评审组对每份申报的评分，仅供查看。',
  'review.lockedTitle': '评审组评分（只读）',
  'review.lockedWeighted': '加权总分',
} as const;
