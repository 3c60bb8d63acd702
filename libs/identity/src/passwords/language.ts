// The reader's language is shared by every problem the API answers; it lives in @app/common.
export { type Language, preferredLanguage } from '@app/common/wording';
