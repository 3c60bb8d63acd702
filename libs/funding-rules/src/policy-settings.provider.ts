import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { policySettings, type PolicySettings } from '@app/policy';

/**
 * Injection token for the validated, frozen `PolicySettings` built once from configuration. Features
 * that call the policy engine directly inject it (`@Inject(POLICY_SETTINGS) settings: PolicySettings`);
 * most should inject `FundingPolicy` instead, which also supplies "today".
 */
export const POLICY_SETTINGS = Symbol('POLICY_SETTINGS');

/**
 * Builds the settings from configuration; bad values stop start-up with the engine's own error.
 * `POLICY_EFFECTIVE_FROM=2023-01-01` is parsed by the config as midnight in Beijing
 * (2022-12-31T16:00Z), and the engine counts Beijing calendar days, so the instant is handed over as
 * it is: its Beijing day is the configured day.
 */
export function settingsFromConfig(config: Pick<AppConfig, 'policyEffectiveFrom' | 'pmMajorRateBp'>): PolicySettings {
  return policySettings({ effectiveFrom: config.policyEffectiveFrom, pmMajorRateBp: config.pmMajorRateBp });
}

export const policySettingsProvider: Provider = {
  provide: POLICY_SETTINGS,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): PolicySettings => settingsFromConfig(config),
};
