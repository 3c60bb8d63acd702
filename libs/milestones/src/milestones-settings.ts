import { APP_CONFIG, AppConfig, MilestonesSettings } from '@app/common/config';

export type { MilestonesSettings } from '@app/common/config';

/** This library's settings (`MILESTONE_GRACE`, `MILESTONE_SWEEP_BATCH`), read and checked with the rest in AppConfig. */
export const MILESTONES_SETTINGS = Symbol('MILESTONES_SETTINGS');

export const milestonesSettingsProvider = {
  provide: MILESTONES_SETTINGS,
  inject: [APP_CONFIG],
  useFactory: (config: AppConfig): MilestonesSettings => config.milestones,
};
