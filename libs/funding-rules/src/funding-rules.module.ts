import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FundingPolicy } from './funding-policy.service';
import { FundingRulesController } from './funding-rules.controller';
import { PolicyVersionEntity, PolicyVersionRuleEntity } from './policy-version.entity';
import { POLICY_SETTINGS, policySettingsProvider } from './policy-settings.provider';

/**
 * The funding rules over HTTP (`/funding-rules`), and the policy engine for other features: import
 * this module and inject `FundingPolicy` (or `POLICY_SETTINGS` to call `@app/policy` directly).
 * Needs the global ConfigModule (APP_CONFIG), ClockModule (Clock) and DatabaseModule (the policy
 * versions are stored: the current one is adopted at application bootstrap).
 */
@Module({
  imports: [TypeOrmModule.forFeature([PolicyVersionEntity, PolicyVersionRuleEntity])],
  controllers: [FundingRulesController],
  providers: [policySettingsProvider, FundingPolicy],
  exports: [POLICY_SETTINGS, FundingPolicy],
})
export class FundingRulesModule {}
