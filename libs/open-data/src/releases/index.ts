import { AWARD_BUILDERS } from './award.builders';
import { IMPLEMENTATION_BUILDERS } from './implementation.builders';
import { mergeBuilder } from './merge.builder';
import { ReleaseBuilder } from './release-builder';
import { TENDER_BUILDERS } from './tender.builders';

/** Every release builder, one small builder per kind (see each file for its mapping). */
export const RELEASE_BUILDERS: ReleaseBuilder<any>[] = [
  ...TENDER_BUILDERS,
  ...AWARD_BUILDERS,
  mergeBuilder,
  ...IMPLEMENTATION_BUILDERS,
];

export * from './release-builder';
export * from './tender.builders';
export * from './award.builders';
export * from './implementation.builders';
export * from './merge.builder';
