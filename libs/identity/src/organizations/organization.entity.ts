import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export const ORGANIZATION_KINDS = ['enterprise', 'university', 'institute', 'medical', 'other'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** An applicant organisation (enterprise, university, institute, medical institution …). */
@Entity({ name: 'organizations' })
export class Organization {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  kind: OrganizationKind;

  /** Unified social credit code (GB 32100-2015), validated and upper-cased. */
  @Column({ type: 'char', length: 18, unique: true })
  creditCode: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
