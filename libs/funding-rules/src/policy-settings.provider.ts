import { Provider } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@app/common/config';
import { policySettings, type PolicySettings } from '@app/policy';

/**
 * Injection token for the validated, frozen `PolicySettings` built once from configuration. Features
 * that call the policy engine directly inject it (`@Inject(POLICY_SETTINGS) settings: PolicySettings`);
 * most should inject `FundingPolicy` instead, which also supplies "today".
 */
export const POLICY_SETTINGS = Symbol('POLICY_SETTINGS');

/** China Standard Time is UTC+8 all year (no daylight saving). */
const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The calendar day the measures start, as configured. `POLICY_EFFECTIVE_FROM=2023-01-01` is parsed
 * by the config as midnight in Beijing (2022-12-31T16:00Z), while the engine counts UTC calendar
 * days; passing that instant through would start the window on 2022-12-31. So the configured
 * Beijing day is handed over as a plain 'YYYY-MM-DD', which the engine reads as that UTC day.
 */
export function effectiveDayOf(configured: Date): string {
  return new Date(configured.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Builds the settings from configuration; bad values stop start-up with the engine's own error. */
export function settingsFromConfig(config: Pick<AppConfig, 'policyEffectiveFrom' | 'pmMajorRateBp'>): PolicySettings {
  return policySettings({ effectiveFrom: effectiveDayOf(config.policyEffectiveFrom), pmMajorRateBp: config.pmMajorRateBp });
}

export const policySettingsProvider: Provider = {
  provide: POLICY_SETTINGS,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): PolicySettings => settingsFromConfig(config),
};
