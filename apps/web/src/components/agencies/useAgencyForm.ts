import { useState } from 'react';
import { mapProblem, problemOf } from '../../api/problem';
import { agencyCodeFeedback } from '../../forms/agency-code';
import { useI18n } from '../../i18n/i18n';

export interface AgencyValues {
  name: string;
  creditCode: string;
}

type Field = keyof AgencyValues;

/**
 * An agency's name and code as an admin types them: the code judged by the server's own validators
 * as it is typed; on submit, what the server refused is shown beside its field.
 */
export function useAgencyForm(initial: AgencyValues) {
  const { lang, t } = useI18n();
  const [values, setValues] = useState<AgencyValues>(initial);
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [general, setGeneral] = useState<string[]>([]);
  const [attempt, setAttempt] = useState(0);
  const feedback = agencyCodeFeedback(values.creditCode, lang);

  const set = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  /** The values to send, or null (errors shown) when they cannot be right. */
  const check = (requireCode: boolean): AgencyValues | null => {
    const found: Partial<Record<Field, string>> = {};
    if (!values.name.trim()) found.name = t('common.required');
    if (feedback.state === 'invalid') found.creditCode = feedback.message;
    else if (requireCode && feedback.state !== 'valid') found.creditCode = t('common.required');
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length) {
      setAttempt((n) => n + 1);
      return null;
    }
    return { name: values.name.trim(), creditCode: values.creditCode.trim().toUpperCase() };
  };

  const refused = (error: unknown) => {
    const mapped = mapProblem(problemOf(error), { lang, hasField: (p) => p === 'name' || p === 'creditCode' });
    // The server words a code refusal in English; the same validator words it here in the reader's language.
    if (mapped.fields.creditCode && feedback.state === 'invalid') mapped.fields.creditCode = feedback.message;
    setErrors(mapped.fields);
    setGeneral(mapped.general);
    setAttempt((n) => n + 1);
  };

  return { values, setValues, errors, general, attempt, feedback, set, check, refused };
}

export type AgencyForm = ReturnType<typeof useAgencyForm>;
