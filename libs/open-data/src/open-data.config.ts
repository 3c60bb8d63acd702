import { APP_CONFIG, AppConfig, Env, OpenDataSettings, loadConfig } from '@app/common/config';

export { DEFAULT_PUBLISHER_NAME, PLACEHOLDER_OCID_PREFIX } from '@app/common/config';

/** The open-data feed's settings (OCID prefix, publisher, licence…), read and checked with the rest in AppConfig. */
export type OpenDataConfig = OpenDataSettings;

export const OPEN_DATA_CONFIG = Symbol('OPEN_DATA_CONFIG');

export const openDataConfigProvider = {
  provide: OPEN_DATA_CONFIG,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): OpenDataConfig => config.openData,
};

/** For unit tests of the builders: the feed's settings for a given environment. */
export function loadOpenDataConfig(env: Env): OpenDataConfig {
  return loadConfig(env).openData;
}
