/** English of ./consents (loaded only when a reader picks English). */
import type { consentsZh } from './consents';

export const consentsEn: { readonly [K in keyof typeof consentsZh]: string } = {
  'nav.consents': 'Consortium requests',
  'consents.title': 'Consortium consent',
  'consents.intro':
    'These bids name your organisation as a consortium member. Accept or decline before the bid deadline; a bid whose members have not all accepted is not opened at the deadline.',
  'consents.none': 'No consortium requests.',
  'consents.teamOnly': 'Consortium requests are answered by the member organisation’s team users.',
  'consents.challenge': 'Challenge',
  'consents.lead': 'Lead organisation',
  'consents.share': 'Your share',
  'consents.deadline': 'Bid deadline',
  'consents.askedAt': 'Asked',
  'consents.decidedAt': 'Answered',
  'consents.state.pending': 'Pending',
  'consents.state.accepted': 'Accepted',
  'consents.state.declined': 'Declined',
  'consents.accept': 'Accept',
  'consents.decline': 'Decline',
  'consents.reason': 'Reason for declining (optional, shown to the lead)',
  'consents.yourReason': 'Reason: {reason}',
  'consents.closed': 'The deadline has passed or the bid is no longer live; it can no longer be answered.',
  'consents.confirm.acceptTitle': 'Join the bid on “{title}” as a member?',
  'consents.confirm.acceptBody':
    '{lead} names your organisation as a consortium member with a {share}% share. Once you accept, your organisation cannot take part in another bid on this challenge. If a new version changes your share before the deadline, you will be asked again.',
  'consents.confirm.declineTitle': 'Decline the bid on “{title}”?',
  'consents.confirm.declineBody':
    '{lead} will see that you declined (and your reason). Unless the lead submits a new version that asks again, the bid will not be opened at the deadline.',
  'consents.accepted': 'Accepted',
  'consents.declined': 'Declined',
  'consents.members.title': 'Consortium members’ consent',
  'consents.members.warning':
    'This bid is opened only if every member accepts before the bid deadline; otherwise it is not opened at the deadline (it counts as withdrawn).',
  'consents.members.declined':
    'A member declined. Talk to them, change the consortium and submit again: the members will be asked again.',
  'consents.members.complete': 'Every member has accepted.',
  'consents.members.reason': 'Reason: {reason}',
  'consents.members.organization': 'Member organisation',
  'consents.members.share': 'Share',
  'consents.members.state': 'Consent',
  'consents.notOpened': 'A consortium member had not accepted by the deadline: this bid was not opened.',
  'consents.formHint':
    'Once you submit, each member organisation’s team users are asked to accept; the bid is opened only if every member accepts before the deadline. Changing a member’s share asks it again.',
};
