import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@app/common/clock';
import { notFound } from '@app/common/domain-error';
import {
  assertRequest,
  assertUnderVersion,
  checkUnderVersion,
  versionContentOf,
  checkRequest,
  effectiveWindow,
  findRule,
  listRules,
  quote,
  type CheckInput,
  type CheckResult,
  type EffectiveWindow,
  type FundingRule,
  type PolicySettings,
  type PolicyVersion,
  type Quote,
  type QuoteInput,
  type RuleFilter,
} from '@app/policy';
import { POLICY_SETTINGS } from './policy-settings.provider';
import { adoptPolicyVersion, readPolicyVersion } from './repositories/policy-versions.repository';

/** A quote input without the settings; `date` defaults to now (the injected Clock). */
export type PolicyQuoteInput = Omit<QuoteInput, 'settings' | 'date'> & { date?: Date };

/** A check input without the settings; `date` defaults to now (the injected Clock). */
export type PolicyCheckInput = Omit<CheckInput, 'settings' | 'date'> & { date?: Date };

/** What a check on an existing project needs to know of it: the version it was awarded under and its rule. */
export interface AwardedUnder {
  policy_version_id: string;
  rule_id: string;
}

/**
 * The funding-policy engine (`@app/policy`) with the configured settings and clock filled in. This
 * is what bids, awards and disbursements inject to decide what a rule allows:
 *
 *   this.fundingPolicy.assertRequest('art4.core_tech', { baseFen, requestedFen, alreadyGrantedFen, remainingBudgetFen });
 *
 * - `quote`          the largest amount allowed now, which limit binds, and why (zh/en).
 * - `checkRequest`   every violation of a requested amount (never throws for a broken rule).
 * - `assertRequest`  like checkRequest, but throws DomainError('rule_violation', 'policy.<code>') → 422.
 * The challenge's ceilings are two inputs, each named as itself in messages: `maxAwardFen` (its
 * per-award maximum) and `remainingBudgetFen` (what is left of its budget).
 * Bad input (unknown rule id, amounts that are not safe non-negative integers of fen, a missing base
 * for a rule with a rate) throws DomainError 'not_found' / 'invalid' → 404 / 400. The decision date
 * defaults to now; pass the decision's own date when judging a past decision.
 *
 * Versions (issue 17): at start-up the settings make the current policy version, stored once per
 * distinct content (a restart with the same settings chooses the same row). An award records it;
 * every later check on a project (`assertForProject`: tranches, plan changes) uses the project's
 * own version, never the settings of today, so a setting changed later never re-judges it.
 */
@Injectable()
export class FundingPolicy implements OnApplicationBootstrap {
  private readonly logger = new Logger('FundingPolicy');
  #current: PolicyVersion | undefined;
  // Versions never change once stored, so each is read once per process.
  readonly #versions = new Map<string, Promise<PolicyVersion>>();

  constructor(
    @Inject(POLICY_SETTINGS) readonly settings: PolicySettings,
    private readonly clock: Clock,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.adoptCurrentVersion();
  }

  /** Stores (or finds) the version the current settings make, and makes it current. Idempotent. */
  async adoptCurrentVersion(): Promise<PolicyVersion> {
    const adopted = await adoptPolicyVersion(this.dataSource.manager, versionContentOf(this.settings));
    const { created, ...version } = adopted;
    this.#current = version;
    this.#versions.set(version.id, Promise.resolve(version));
    this.logger.log({ policyVersionId: version.id, created }, 'policy version adopted');
    return version;
  }

  /** The version new awards are made under (adopted at start-up). */
  currentVersion(): PolicyVersion {
    if (!this.#current) throw new Error('the policy version is adopted at application bootstrap; it is not yet');
    return this.#current;
  }

  /** A stored version by id (read once, then kept); 404 policy.unknown_version when there is none. */
  async version(em: EntityManager, id: string): Promise<PolicyVersion> {
    let found = this.#versions.get(id);
    if (!found) {
      found = readPolicyVersion(em, id).then((v) => {
        if (v) return v;
        this.#versions.delete(id);
        throw notFound('policy.unknown_version', `No policy version ${id}.`);
      });
      this.#versions.set(id, found);
    }
    return found;
  }

  /** `checkRequest` for an existing project, under the version it was awarded under. */
  async checkForProject(em: EntityManager, project: AwardedUnder, input: PolicyCheckInput): Promise<CheckResult> {
    const version = await this.version(em, project.policy_version_id);
    return checkUnderVersion(version, project.rule_id, { ...input, date: input.date ?? this.now() });
  }

  /** `assertRequest` for an existing project, under the version it was awarded under (422 policy.<code>). */
  async assertForProject(em: EntityManager, project: AwardedUnder, input: PolicyCheckInput): Promise<CheckResult> {
    const version = await this.version(em, project.policy_version_id);
    return assertUnderVersion(version, project.rule_id, { ...input, date: input.date ?? this.now() });
  }

  quote(rule: FundingRule | string, input: PolicyQuoteInput): Quote {
    return quote(rule, this.complete(input));
  }

  checkRequest(rule: FundingRule | string, input: PolicyCheckInput): CheckResult {
    return checkRequest(rule, this.complete(input));
  }

  assertRequest(rule: FundingRule | string, input: PolicyCheckInput): CheckResult {
    return assertRequest(rule, this.complete(input));
  }

  /** The rule with this id; DomainError 'not_found' (404) for an unknown id. */
  rule(id: string): FundingRule {
    return findRule(id);
  }

  rules(filter: RuleFilter = {}): FundingRule[] {
    return listRules(filter);
  }

  /** "Now" by the injected clock: the decision date when a caller gives none. */
  now(): Date {
    return this.clock.now();
  }

  /** The days the measures are in force (Beijing calendar days, inclusive). */
  window(): EffectiveWindow {
    return effectiveWindow(this.settings);
  }

  /** The rate a rule applies: its own, or the one the settings supply (project-manager track). */
  rateBpOf(rule: FundingRule): number | null {
    return rule.rateBp ?? (rule.rateSetting === null ? null : this.settings[rule.rateSetting]);
  }

  private complete<T extends { date?: Date }>(input: T): T & { settings: PolicySettings; date: Date } {
    return { ...input, settings: this.settings, date: input?.date ?? this.now() };
  }
}
