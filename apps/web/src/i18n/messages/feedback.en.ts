/** English of ./feedback (loaded only when a reader picks English). */
import type { feedbackZh } from './feedback';

export const feedbackEn: { readonly [K in keyof typeof feedbackZh]: string } = {
  'confirm.irreversible': 'This takes effect as soon as you confirm and cannot be undone.',
  'confirm.close': 'Close',
  'confirm.amountLine': '{label}: {amount}',
  'confirm.publish.title': 'Publish this challenge?',
  'confirm.publish.body':
    '“{title}” becomes public at once: any organisation can read it and bid until {deadline} (Beijing time). After publishing its content can no longer change; you can only extend the deadline or cancel the challenge.',
  'confirm.withdraw.body':
    'The bid with receipt {hash}… is withdrawn and leaves the review. Before the deadline your organisation can bid again; the form will be filled with this bid.',
  'confirm.withdraw.amountLabel': 'Funding requested',
  'confirm.accept.title': 'Accept the milestone and pay?',
  'confirm.partial.title': 'Accept in part and pay?',
  'confirm.accept.body':
    'Accepting pays {amount} to the project team at once; the payment is written to the ledger and cannot be taken back.',
  'confirm.accept.amountLabel': 'Paid now',
  'confirm.accept.ok': 'Accept and pay',
  'confirm.partial.ok': 'Accept in part and pay',
  'confirm.conflict.title': 'Declare a conflict of interest?',
  'confirm.conflict.body':
    'You will no longer see or score this bid, and the scores you gave it are deleted. A declaration cannot be withdrawn.',
  'confirm.assign.title': 'Assign {n} reviewer(s)?',
  'confirm.assign.body':
    'Assigning: {names}. They are notified and, after the deadline, can read and score every bid on this challenge; a reviewer cannot be removed from the panel.',
  'confirm.award.title': 'Award this bid?',
  'confirm.award.body':
    '{who} is awarded {amount}. The award goes into publicity and is paid by the milestone plan; the amount cannot change after awarding.',
  'confirm.award.amountLabel': 'Award',
  'confirm.award.ok': 'Award',
  'confirm.gate.title': 'Run the gate of stage {n}?',
  'confirm.gate.body':
    'Advancing: {advancing}. {stopped} other project(s) stop at this stage and their later milestones are not paid. The result is public and the gate cannot be run again.',
  'bid.signInFirst': 'Sign in or register as a team to bid; you come back to the bid form afterwards.',
  'confirm.uphold.title': 'Uphold the objection and revoke the award?',
  'confirm.uphold.body':
    'The award of “{title}” to {org} is revoked: the project ends, nothing more is paid and the unpaid grant returns to this challenge’s budget. The objector is told the outcome, and it cannot be undone.',
  'confirm.uphold.amountLabel': 'Award revoked',
  'confirm.uphold.ok': 'Uphold and revoke the award',
  'confirm.change.title': 'Approve the plan change?',
  'confirm.change.body': 'Milestone {n} “{title}” follows the new plan:',
  'confirm.change.due': 'Due: {from} → {to}',
  'confirm.change.tranche': 'Tranche: {from} → {to}',
  'confirm.change.dueSame': 'Due: {value} (unchanged)',
  'confirm.change.trancheSame': 'Tranche: {value} (unchanged)',
  'confirm.change.amountLabel': 'New tranche',
  'confirm.change.ok': 'Approve the change',
  'confirm.closePanel.title': 'Close the review panel?',
  'confirm.closePanel.body':
    'Every score is locked: reviewers can no longer change a score or declare a conflict, and the ranking is final. The panel cannot be reopened; once it is closed you can shortlist eligible bids.',
  'confirm.shortlist.title': 'Shortlist {n} bid(s)?',
  'confirm.shortlist.body': 'Shortlisting: {bids}. Shortlisted bids go on to awarding, on the awards page.',
  'confirm.shortlist.item': '{label} ({org}, requesting {amount})',
  'confirm.shortlist.amountLabel': 'Funding requested by the shortlisted bids',
  'confirm.gate.money':
    'The projects that stop were granted {stopped} in all, of which {paid} is paid; the unpaid {unpaid} will not be paid. The advancing projects’ grants, {advancing} in all, go on being paid by milestone.',
  'confirm.gate.amountLabel': 'No longer paid',
  'notice.close': 'Close notice',
  'notice.withdrawn': 'Bid withdrawn',
  'notice.withdrawnHint': 'You can bid again before the deadline; the form below holds the withdrawn bid.',
  'errorSummary.item': '{label}: {message}',
  'review.closedTitle': 'The review panel is closed',
  'review.closedHint':
    'Scores are locked: they can no longer change and no conflict can be declared. Below are your own scores of each bid, to read; the panel’s aggregate is in the ranking.',
  'review.lockedTitle': 'My scores (read-only)',
  'review.lockedWeighted': 'Weighted total',
};
