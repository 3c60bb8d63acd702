import { Module } from '@nestjs/common';
import { FundingPolicy } from './funding-policy.service';
import { FundingRulesController } from './funding-rules.controller';
import { POLICY_SETTINGS, policySettingsProvider } from './policy-settings.provider';

/**
 * The funding rules over HTTP (`/funding-rules`), and the policy engine for other features: import
 * this module and inject `FundingPolicy` (or `POLICY_SETTINGS` to call `@app/policy` directly).
 * Needs the global ConfigModule (APP_CONFIG) and ClockModule (Clock).
 */
@Module({
  controllers: [FundingRulesController],
  providers: [policySettingsProvider, FundingPolicy],
  exports: [POLICY_SETTINGS, FundingPolicy],
})
export class FundingRulesModule {}
