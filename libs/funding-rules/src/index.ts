export * from './funding-rules.module';
export * from './funding-policy.service';
export { POLICY_SETTINGS, policySettingsProvider, settingsFromConfig } from './policy-settings.provider';
export * from './dto/views';
export { PolicyVersionEntity, PolicyVersionRuleEntity } from './policy-version.entity';
