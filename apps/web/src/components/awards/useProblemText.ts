import { problemOf } from '../../api/problem';
import { problemText } from '../../forms/award-form';
import { useI18n } from '../../i18n/i18n';

/** A failed request of the awarding screens in the reader's language (known codes in our own words). */
export function useProblemText(): (error: unknown) => string {
  const { lang } = useI18n();
  return (error) => problemText(problemOf(error), lang);
}
