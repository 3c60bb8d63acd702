/** English of ./agencies (loaded only when a reader picks English). */
import type { agenciesZh } from './agencies';

export const agenciesEn: { readonly [K in keyof typeof agenciesZh]: string } = {
  'nav.agencies': 'Agencies',
  'agencies.title': 'Agencies',
  'agencies.intro':
    'Publishing agencies are government bodies and public institutions; every officer of an agency can manage its challenges.',
  'agencies.adminOnly': 'Only admins manage agencies.',
  'agencies.empty': 'No agency registered yet.',
  'agencies.name': 'Name',
  'agencies.creditCode': 'Unified social credit code',
  'agencies.creditCodeHint':
    '18 characters, registered by the establishment administration (starts with 1: government organ, public institution, mass organisation …)',
  'agencies.officers': 'Officers',
  'agencies.officerCount': '{count} officers',
  'agencies.unverified': 'Unverified',
  'agencies.unverifiedHint':
    'Moved over from an agency account, this agency has no unified social credit code yet. Enter it to verify the agency; the open-data buyer then carries it.',
  'agencies.register': 'Register agency',
  'agencies.registered': '{name} registered',
  'agencies.open': 'Manage',
  'agencies.back': 'Back to agencies',
  'agencies.save': 'Save',
  'agencies.saved': 'Saved',
  'agencies.noOfficers': 'This agency has no officers yet.',
  'agencies.addOfficer': 'Add an officer',
  'agencies.pickOfficer': 'Agency account',
  'agencies.pickHint': 'An account of another agency is moved to this one (each account belongs to one agency).',
  'agencies.currentAgency': 'Now: {name}',
  'agencies.noAgency': 'No agency',
  'agencies.add': 'Add',
  'agencies.remove': 'Remove',
  'agencies.removeConfirm':
    'Remove {name} from this agency? The account can no longer manage this agency’s challenges until it is added to an agency again.',
  'agencies.inactive': 'Deactivated',
  'agency.yourAgency': 'Your agency: {name}',
  'agency.yourAgencyCode': 'Unified social credit code: {code}',
  'agency.none': 'Your account belongs to no agency yet. Please ask an admin.',
};
