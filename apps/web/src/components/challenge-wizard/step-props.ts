import type { ChallengeFormValues, FormErrors, Step } from '../../forms/challenge-form';
import type { MessageKey } from '../../i18n/zh';

export const STEP_LABELS: Record<Step, MessageKey> = {
  basics: 'new.step.basics',
  objectives: 'new.step.objectives',
  timeline: 'new.step.timeline',
  money: 'new.step.money',
  review: 'new.step.review',
};

/** Sets one field of the challenge form (and drops the server's errors on it). */
export type Setter = <K extends keyof ChallengeFormValues>(key: K, value: ChallengeFormValues[K]) => void;

/** What every step of the wizard (but the review) is given. */
export interface StepProps {
  values: ChallengeFormValues;
  /** The errors shown on this step. */
  errors: FormErrors;
  set: Setter;
}
