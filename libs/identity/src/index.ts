export * from './identity.module';
export { UsersService } from './users/users.service';
export { OrganizationsService } from './organizations/organizations.service';
export type { UserRecord, UserWithPassword } from './repositories/users.repository';
export { User } from './users/user.entity';
export {
  AGENCY_KIND,
  APPLICANT_KINDS,
  ORGANIZATION_KINDS,
  Organization,
  type ApplicantKind,
  type OrganizationKind,
} from './organizations/organization.entity';
export { AgenciesService } from './agencies/agencies.service';
export { assertAgencyCreditCode, assertCreditCode, makeCreditCode, validateCreditCode } from './credit-code';
export type { CreditCodeParts, CreditCodeResult, ValidCreditCode } from './credit-code';
export { unauthenticated, verifyBearerHeader } from './auth/access-token';
export type { TokenClaims } from './auth/access-token';
export { PasswordHasher } from './auth/password-hasher';
export { PASSWORD_REASONS } from './passwords/password-rules';
export type { PasswordReason } from './passwords/password-rules';
export { ReaderLanguage } from './passwords/reader-language.decorator';
export type { Language } from './passwords/language';
// What other libraries may read of the identity tables (libs/README.md: one owner per table).
export * from './repositories/organizations-for-awards.repository';
export * from './repositories/organizations-for-bids.repository';
export * from './repositories/organizations-for-milestones.repository';
export * from './repositories/organizations-for-open-data.repository';
export * from './repositories/users-for-awards.repository';
export * from './repositories/users-for-bids.repository';
export * from './repositories/users-for-milestones.repository';
