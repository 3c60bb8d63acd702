import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Bid } from '@app/bids';
import { Challenge } from '@app/challenges';
import { moneyColumn } from '@app/database';
import { Organization, User } from '@app/identity';
import { PolicyVersionRuleEntity } from '@app/funding-rules';
import { ProjectMilestone } from './project-milestone.entity';

export const PROJECT_STATUSES = ['publicity', 'active', 'eliminated', 'completed', 'terminated', 'merged'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];
/** A project still racing / running: it can be gated, paid, reported on. */
export const LIVE_PROJECT_STATUSES: readonly ProjectStatus[] = ['publicity', 'active'];

/** grant ≤ cap_fen ≤ min(floor(rate × base), rule cap), each side only when the rule has it. */
const PROJECT_RULE_LIMIT_CHECK =
  `("rule_rate_bp" IS NULL OR ("granted_fen" <= floor("total_investment_fen"::numeric * "rule_rate_bp" / 10000) ` +
  `AND "cap_fen" <= floor("total_investment_fen"::numeric * "rule_rate_bp" / 10000))) ` +
  `AND ("rule_cap_fen" IS NULL OR ("granted_fen" <= "rule_cap_fen" AND "cap_fen" <= "rule_cap_fen"))`;

/** A consortium member as copied from the bid at award time. */
export interface ProjectConsortiumEntry {
  organizationId: string;
  creditCode: string;
  role: 'lead' | 'member';
  sharePercent: number;
}

/**
 * A project (立项): one award of a challenge to one bid. `granted_fen` is the award (the API's
 * `amountFen`); `paid_fen` is what disbursements have paid so far (libs/milestones increments it,
 * in a transaction that locks this row FOR UPDATE).
 *
 * The caps are copied onto the row at award time so that the database itself refuses an overrun:
 * - `cap_fen`: the tightest per-project limit when it was awarded — min(the funding rule's rate
 *   limit (rate × base), the rule's cap, the challenge's per-award maximum). Never null.
 * - `requested_fen`: what the bid asked for; an award never exceeds it.
 * CHECKs: 0 < granted ≤ cap, granted ≤ requested, 0 ≤ paid ≤ granted.
 *
 * The database also knows the law the project was awarded under (issue 17): `policy_version_id`,
 * and the rule's rate, cap and base (`rule_rate_bp`, `rule_cap_fen`, `total_investment_fen`) as
 * that version holds them — the foreign key (version, rule, rate key, cap key) must match the
 * version's row, so a bug cannot store a cap of its own — and `CHK_projects_rule_limit` holds the
 * grant (and `cap_fen`) to min(floor(rate × base), cap) from those stored values. The keys repeat
 * rate and cap with -1 for "none" (`CHK_projects_rule_keys`): a NULL would let a foreign key pass.
 *
 * Lock order, for every transaction that takes both: the challenge row first, then the project row.
 */
@Entity({ name: 'projects' })
@Check('CHK_projects_status', `"status" IN ('publicity', 'active', 'eliminated', 'completed', 'terminated', 'merged')`)
// A merged project's grant ends at what it was paid (possibly 0); paid ≤ granted then refuses any later payment.
@Check(
  'CHK_projects_granted',
  `"granted_fen" >= 0 AND ("granted_fen" > 0 OR "status" = 'merged') AND "granted_fen" <= "cap_fen" AND "granted_fen" <= "requested_fen"`,
)
@Check('CHK_projects_merged', `("status" = 'merged') = ("merged_into" IS NOT NULL)`)
@Check('CHK_projects_paid', `"paid_fen" >= 0 AND "paid_fen" <= "granted_fen"`)
@Check('CHK_projects_stage', `"stage_reached" >= 0`)
@Check(
  'CHK_projects_rule_keys',
  `"rule_rate_key" = COALESCE("rule_rate_bp", -1) AND "rule_cap_key" = COALESCE("rule_cap_fen", -1)`,
)
@Check('CHK_projects_rule_limit', PROJECT_RULE_LIMIT_CHECK)
// A merged project continues its lead project's bid: one live project per bid.
@Index('UQ_projects_bid', ['bidId'], { unique: true, where: `"status" <> 'merged'` })
@Index('IDX_projects_challenge', ['challengeId', 'status'])
@Index('IDX_projects_organization', ['organizationId', 'createdAt'])
@Index('IDX_projects_program_manager', ['programManagerId', 'createdAt'])
@Index('IDX_projects_publicity', ['publicityEndsAt'], { where: `"status" = 'publicity'` })
@Index('IDX_projects_created', ['createdAt', 'id'])
export class Project {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  challengeId: string;

  @ManyToOne(() => Challenge, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'challenge_id' })
  challenge?: Challenge;

  @Column({ type: 'uuid' })
  bidId: string;

  @ManyToOne(() => Bid, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'bid_id' })
  bid?: Relation<Bid>;

  /** The bid's organisation (the consortium's lead). */
  @Column({ type: 'uuid' })
  organizationId: string;

  @ManyToOne(() => Organization, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'organization_id' })
  organization?: Organization;

  /** The challenge's title at award time (what the public list shows). */
  @Column({ type: 'varchar', length: 200 })
  title: string;

  /** [] when the organisation bid alone. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  consortium: ProjectConsortiumEntry[];

  @Column(moneyColumn())
  grantedFen: number;

  @Column(moneyColumn({ default: 0 }))
  paidFen: number;

  @Column(moneyColumn())
  requestedFen: number;

  /** The bid's total investment: the base of the funding rule's rate. */
  @Column(moneyColumn())
  totalInvestmentFen: number;

  /** The funding rule judged at award time (`art4.core_tech` / `art4.pm_major`). */
  @Column({ type: 'varchar', length: 40 })
  ruleId: string;

  @Column({ type: 'int', nullable: true })
  ruleRateBp: number | null;

  /** The rule's own cap on a project, if it has one. */
  @Column(moneyColumn({ nullable: true }))
  ruleCapFen: number | null;

  /** The policy version the project was awarded under; every later check on it uses that version. */
  @Column({ type: 'uuid' })
  policyVersionId: string;

  /** `rule_rate_bp`, or -1 for "no rate": what the foreign key to the version's rule row compares. */
  @Column({ type: 'int' })
  ruleRateKey: number;

  /** `rule_cap_fen`, or -1 for "no cap". */
  @Column({ type: 'bigint' })
  ruleCapKey: string;

  @ManyToOne(() => PolicyVersionRuleEntity, { onDelete: 'RESTRICT' })
  @JoinColumn([
    { name: 'policy_version_id', referencedColumnName: 'versionId', foreignKeyConstraintName: 'FK_projects_policy_rule' },
    { name: 'rule_id', referencedColumnName: 'ruleId' },
    { name: 'rule_rate_key', referencedColumnName: 'rateKey' },
    { name: 'rule_cap_key', referencedColumnName: 'capKey' },
  ])
  policyRule?: Relation<PolicyVersionRuleEntity>;

  /** The tightest per-project limit at award time (see the class comment). */
  @Column(moneyColumn())
  capFen: number;

  @Column({ type: 'varchar', length: 20, default: 'publicity' })
  status: ProjectStatus;

  @Column({ type: 'uuid', nullable: true })
  programManagerId: string | null;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'program_manager_id' })
  programManager?: User;

  /** Horse race: how many stage gates the project has passed (0 until the first gate). */
  @Column({ type: 'int', default: 0 })
  stageReached: number;

  /** When the publicity period (公示期) ends; the project becomes `active` then, unless an objection is open. */
  @Column({ type: 'timestamptz' })
  publicityEndsAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  activatedAt: Date | null;

  /** When it was eliminated, terminated or completed. */
  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @Column({ type: 'text', nullable: true })
  endReason: string | null;

  /** Status `merged`: the consortium project it was merged into at a gate (强强联合). */
  @Column({ type: 'uuid', nullable: true })
  mergedInto: string | null;

  // Deferred: the merged rows point to the project inserted after them, in the same transaction.
  @ManyToOne(() => Project, { onDelete: 'RESTRICT', deferrable: 'INITIALLY DEFERRED' })
  @JoinColumn({ name: 'merged_into', foreignKeyConstraintName: 'FK_projects_merged_into' })
  mergedIntoProject?: Relation<Project>;

  @Column({ type: 'uuid' })
  awardedBy: string;

  @OneToMany(() => ProjectMilestone, (m) => m.project)
  milestones?: ProjectMilestone[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
