import { Check, Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The kinds of organisation that apply for funding (and register themselves). */
export const APPLICANT_KINDS = ['enterprise', 'university', 'institute', 'medical', 'other'] as const;
export type ApplicantKind = (typeof APPLICANT_KINDS)[number];

/** A publishing agency: a government body or public institution, registered by an admin. */
export const AGENCY_KIND = 'agency';

export const ORGANIZATION_KINDS = [...APPLICANT_KINDS, AGENCY_KIND] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/**
 * An organisation: an applicant (enterprise, university, institute, medical institution …) or a
 * publishing agency, whose officers (agency users) manage its challenges.
 */
@Entity({ name: 'organizations' })
@Check('CHK_organizations_code_unless_agency', `"credit_code" IS NOT NULL OR "kind" = 'agency'`)
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: OrganizationKind;

  /**
   * Unified social credit code (GB 32100-2015), validated and upper-cased. Null only for an
   * agency moved over from a user account and not yet verified by an admin.
   */
  @Column({ type: 'char', length: 18, unique: true, nullable: true })
  creditCode: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
