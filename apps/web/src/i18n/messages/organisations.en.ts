import type { organisationsZh } from './organisations';

/** English half of messages/organisations.ts. */
export const organisationsEn: Record<keyof typeof organisationsZh, string> = {
  'nav.admin': 'Admin',
  'nav.organisations': 'Organisations',
  'orgKind.agency': 'Agency',
  'admin.title': 'Administration',
  'admin.intro': 'Where the platform’s administrators work.',
  'admin.adminOnly': 'Only administrators can open the administration pages.',
  'admin.usersHint': 'Find accounts, create staff accounts, deactivate or activate them.',
  'admin.organisationsHint': 'Registered applicants and agencies, found by name or unified social credit code.',
  'admin.agenciesHint': 'Register agencies and name their officers.',
  'admin.auditorsHint': 'Auditor accounts: read-only oversight of everything on the platform.',
  'admin.queuesHint': 'How the background jobs run; retry failed ones.',
  'organisations.title': 'Registered organisations',
  'organisations.intro': 'Every organisation registered on the platform, newest first.',
  'organisations.adminOnly': 'Only administrators and auditors can see the registered organisations.',
  'organisations.search': 'Search',
  'organisations.searchHint': 'Part of the name or of the unified social credit code',
  'organisations.kind': 'Kind',
  'organisations.allKinds': 'All kinds',
  'organisations.empty': 'No organisation matches.',
  'organisations.name': 'Name',
  'organisations.creditCode': 'Unified social credit code',
  'organisations.registeredAt': 'Registered (Beijing time)',
  'organisations.users': 'Users',
  'organisations.unverified': 'Unverified',
};
