import { useState } from 'react';
import { useSubmitBid, type BidView } from '../../api/bids';
import type { Challenge } from '../../api/client';
import { mapProblem, problemMessages, problemOf } from '../../api/problem';
import { translateServerMessage } from '../../api/server-messages';
import { bidHasField, emptyBid, toBidBody, validateBid, type BidErrors, type BidValues } from '../../forms/bid-form';
import type { Lang } from '../../i18n/i18n';
import { useI18n } from '../../i18n/i18n';

/** Changes some values, and drops the errors at `clear` (the person is fixing them). */
export type SetBid = (patch: Partial<BidValues>, clear?: string[]) => void;

/** What every section of the bid form is given. */
export interface BidSectionProps {
  values: BidValues;
  errors: BidErrors;
  set: SetBid;
}

export interface BidFormOptions {
  challenge: Challenge;
  initial?: BidValues;
  bidId?: string;
  leadCreditCode: string | null;
  onDone: (bid: BidView) => void;
}

/** A refused bid's problem+json as field errors and general messages. */
function errorsOfRefusal(error: unknown, lang: Lang): { fields: BidErrors; general: string[] } {
  const problem = problemOf(error);
  const mapped = mapProblem(problem, { lang, hasField: bidHasField });
  // A 422 of the funding rule concerns the request.
  if (problem.status === 422 && !problem.errors?.length && problem.detail) {
    mapped.fields.requestedFundingFen = translateServerMessage(problem.detail, lang);
    mapped.general = [];
  } else if (!problem.errors?.length) mapped.general = problemMessages(error, lang);
  return mapped;
}

/** The bid form's state: values, errors shown, and sending (checked first by the form's rules). */
export function useBidForm({ challenge, initial, bidId, leadCreditCode, onDone }: BidFormOptions) {
  const { lang } = useI18n();
  const [values, setValues] = useState<BidValues>(() => initial ?? emptyBid(challenge));
  const [errors, setErrors] = useState<BidErrors>({});
  const [general, setGeneral] = useState<string[]>([]);
  /** Refused sends so far: each one sends focus to the error summary. */
  const [attempt, setAttempt] = useState(0);
  const submit = useSubmitBid(challenge.id);

  const set: SetBid = (patch, clear = []) => {
    setValues((v) => ({ ...v, ...patch }));
    if (clear.length) setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !clear.includes(k))));
  };
  const setMilestone = (i: number, patch: Partial<BidValues['milestones'][number]>) =>
    setValues((v) => ({ ...v, milestones: v.milestones.map((m, j) => (j === i ? { ...m, ...patch } : m)) }));
  // A new tranche may settle the sum as well as its own amount.
  const setTranche = (i: number, tranche: string) => {
    setMilestone(i, { tranche });
    setErrors((er) => ({ ...er, milestones: '', [`milestones.${i}.trancheFen`]: '' }));
  };

  const send = () => {
    const found = validateBid(values, challenge, { lang, leadCreditCode });
    setErrors(found);
    setGeneral([]);
    if (Object.keys(found).length) return setAttempt((n) => n + 1);
    submit.mutate(
      { bidId, body: toBidBody(values, challenge, leadCreditCode) },
      {
        onSuccess: onDone,
        onError: (error) => {
          const refused = errorsOfRefusal(error, lang);
          setErrors(refused.fields);
          setGeneral(refused.general);
          setAttempt((n) => n + 1);
        },
      },
    );
  };

  return { values, errors, general, attempt, set, setMilestone, setTranche, send, sending: submit.isPending };
}
