import { useI18n } from '../i18n/i18n';
import { INDUSTRIES, type Industry } from './taxonomy';

/** An industry's name in the reader's language, or its key should the taxonomy not know it. */
export function useIndustryName(): (key: string) => string {
  const { pick } = useI18n();
  return (key: string) => (key in INDUSTRIES ? pick(INDUSTRIES[key as Industry]) : key);
}
