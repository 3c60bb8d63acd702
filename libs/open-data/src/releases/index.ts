import { ReleaseBuilder } from './release-builder';
import { TENDER_BUILDERS } from './tender.builders';

/** Every release builder, one small builder per kind (see each file for its mapping). */
export const RELEASE_BUILDERS: ReleaseBuilder<any>[] = [...TENDER_BUILDERS];

export * from './release-builder';
export * from './tender.builders';
