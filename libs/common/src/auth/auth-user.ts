/** The roles of the product (see DOMAIN.md, "The people who use it"). */
export enum Role {
  Team = 'team',
  Agency = 'agency',
  ProgramManager = 'program_manager',
  Reviewer = 'reviewer',
  Admin = 'admin',
  /** 监督: reads the whole ledger and, after the opening, every bid and score; never writes. */
  Auditor = 'auditor',
}

export const ALL_ROLES = Object.values(Role);

/** Who is calling, as established by the auth guard for this request (re-read from the database). */
export interface AuthUser {
  id: string;
  email: string;
  displayName: string;
  role: Role;
  organizationId: string | null;
}
