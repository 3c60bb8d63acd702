import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  Unique,
} from 'typeorm';

/**
 * A version of the policy (see policy-version.ts): the settings that shape the rule table, with
 * the days the measures are in force. Rows are never changed or deleted: projects refer to them.
 * `fingerprint` makes start-up idempotent (same settings → same row); `adopted_at` says when a
 * process last chose this version as current.
 */
@Entity({ name: 'policy_versions' })
@Index('UQ_policy_versions_fingerprint', ['fingerprint'], { unique: true })
@Check('CHK_policy_versions_window', `"first_day" <= "last_day"`)
@Check('CHK_policy_versions_years', `"validity_years" BETWEEN 1 AND 100`)
@Check('CHK_policy_versions_pm_rate', `"pm_major_rate_bp" IS NULL OR "pm_major_rate_bp" BETWEEN 0 AND 10000`)
export class PolicyVersionEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'PK_policy_versions' })
  id: string;

  /** SHA-256 (hex) of the content; a version backfilled for older projects starts with 'legacy-'. */
  @Column({ type: 'varchar', length: 64 })
  fingerprint: string;

  /** First Beijing calendar day in force (clause 24 (二十四)). */
  @Column({ type: 'date' })
  firstDay: string;

  /** Last Beijing calendar day in force. */
  @Column({ type: 'date' })
  lastDay: string;

  @Column({ type: 'int' })
  validityYears: number;

  /** The project-manager-track ratio the settings gave (null: none). */
  @Column({ type: 'int', nullable: true })
  pmMajorRateBp: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  adoptedAt: Date;
}

/**
 * One rule's numbers in a version. `rate_key` and `cap_key` repeat the rate and the cap with -1 for
 * "none", so that a project's foreign key (version, rule, rate, cap) always has something to match:
 * a NULL in a foreign key would skip the check, and a project could store a cap of its own.
 */
@Entity({ name: 'policy_version_rules' })
@Unique('UQ_policy_version_rules_limits', ['versionId', 'ruleId', 'rateKey', 'capKey'])
@Check('CHK_policy_version_rules_rate', `"rate_bp" IS NULL OR "rate_bp" BETWEEN 0 AND 10000`)
@Check('CHK_policy_version_rules_cap', `"cap_fen" IS NULL OR "cap_fen" >= 0`)
@Check('CHK_policy_version_rules_keys', `"rate_key" = COALESCE("rate_bp", -1) AND "cap_key" = COALESCE("cap_fen", -1)`)
export class PolicyVersionRuleEntity {
  @PrimaryColumn({ type: 'uuid', primaryKeyConstraintName: 'PK_policy_version_rules' })
  versionId: string;

  @ManyToOne(() => PolicyVersionEntity, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'version_id', foreignKeyConstraintName: 'FK_policy_version_rules_version' })
  version?: PolicyVersionEntity;

  @PrimaryColumn({ type: 'varchar', length: 40, primaryKeyConstraintName: 'PK_policy_version_rules' })
  ruleId: string;

  /** The clause as printed ('四'). */
  @Column({ type: 'varchar', length: 8 })
  clause: string;

  @Column({ type: 'int' })
  clauseNumber: number;

  /** What the rate applies to (e.g. 'total_investment'); null for a fixed cap only. */
  @Column({ type: 'varchar', length: 40, nullable: true })
  baseKey: string | null;

  /** The rate in force, the text's own or the setting's (basis points); null: none. */
  @Column({ type: 'int', nullable: true })
  rateBp: number | null;

  /** The setting that supplied a rate the text does not state (e.g. 'pmMajorRateBp'). */
  @Column({ type: 'varchar', length: 40, nullable: true })
  rateSetting: string | null;

  @Column({ type: 'bigint', nullable: true })
  capFen: string | null;

  @Column({ type: 'int' })
  rateKey: number;

  @Column({ type: 'bigint' })
  capKey: string;

  @Column({ type: 'boolean' })
  amountSet: boolean;
}
