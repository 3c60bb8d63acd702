/** Messages of the mail settings on the notifications page (issue 19, item 11). */
export const mailZh = {
  'mail.title': '邮件通知',
  'mail.intro': '通知始终显示在本页；下面选择哪些通知同时发送到您的邮箱，以及邮件使用的语言。',
  'mail.language': '邮件语言',
  'mail.language.zh': '中文',
  'mail.language.en': 'English',
  'mail.kinds': '发送邮件的通知',
  'mail.none': '您的角色目前没有可发送邮件的通知。',
  'mail.saved': '邮件设置已保存。',
  'mail.kind.disbursement.paid': '拨款已支付',
  'mail.kind.milestone.rejected': '里程碑未通过验收',
  'mail.kind.milestone.reminder': '里程碑即将到期',
  'mail.kind.milestone.overdue': '里程碑逾期',
  'mail.kind.milestone.not_met': '里程碑记为未完成',
  'mail.kind.review.sla': '待审材料超过审核时限',
  'mail.kind.stage.gate_due': '赛马阶段评估到期',
} as const;

export const mailEn: { readonly [K in keyof typeof mailZh]: string } = {
  'mail.title': 'Email notices',
  'mail.intro':
    'Notices always appear on this page. Choose which of them are also sent to your email, and the language of the mails.',
  'mail.language': 'Mail language',
  'mail.language.zh': '中文',
  'mail.language.en': 'English',
  'mail.kinds': 'Notices sent by email',
  'mail.none': 'Your role receives no notices that can be mailed yet.',
  'mail.saved': 'Email settings saved.',
  'mail.kind.disbursement.paid': 'Tranche paid',
  'mail.kind.milestone.rejected': 'Milestone rejected',
  'mail.kind.milestone.reminder': 'Milestone due soon',
  'mail.kind.milestone.overdue': 'Milestone overdue',
  'mail.kind.milestone.not_met': 'Milestone recorded as not met',
  'mail.kind.review.sla': 'Submission waiting past the review deadline',
  'mail.kind.stage.gate_due': 'Horse-race stage gate due',
};
