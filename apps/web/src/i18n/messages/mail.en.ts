/** English of ./mail (loaded only when a reader picks English). */
import type { mailZh } from './mail';

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
  'mail.kind.question.asked': 'New question on a challenge',
  'mail.kind.question.answered': 'Question answered',
  'mail.kind.review.assigned': 'Assigned to review',
  'mail.kind.milestone.awaiting_review': 'Milestone awaiting review',
  'mail.kind.bid.received': 'Bid receipt',
  'mail.kind.award.granted': 'Awarded',
  'mail.kind.objection.lodged': 'Objection lodged',
  'mail.kind.objection.decided': 'Objection decided',
  'mail.kind.gate.result': 'Stage gate result',
  'mail.kind.bid.deadline_approaching': 'Bid deadline approaching (unfinished bid)',
};
