/**
 * Pure rules of a stage gate's publicity period (公示期) and its objections. No Nest, no database.
 * The design (who may object, what upholding does, how the result becomes final) is in
 * libs/awards/README.md.
 *
 * A gate is `in_publicity` until its period ends (database clock), then `held` while an objection
 * is open, then `final` — and final is for good. An objection is `open`, then `upheld` or
 * `dismissed`, once.
 */
import { assessSelection } from './gate-rules';

export type GatePhase = 'in_publicity' | 'held' | 'final';

export interface GatePublicityState {
  finalised: boolean;
  /** Milliseconds until the period ends by the database's clock (≤ 0: over). */
  msLeft: number;
  openObjections: number;
}

export function gatePhase(s: GatePublicityState): GatePhase {
  if (s.finalised) return 'final';
  return s.msLeft > 0 ? 'in_publicity' : s.openObjections > 0 ? 'held' : 'in_publicity';
}

export type FinaliseVerdict =
  { kind: 'finalise' } | { kind: 'too_early'; msLeft: number } | { kind: 'objection_open' } | { kind: 'moved_on' };

/** What the publicity-end job (or a resolution) does with a gate now: only a due gate with no open objection becomes final. */
export function finaliseVerdict(s: GatePublicityState): FinaliseVerdict {
  if (s.finalised) return { kind: 'moved_on' };
  if (s.msLeft > 0) return { kind: 'too_early', msLeft: s.msLeft };
  if (s.openObjections > 0) return { kind: 'objection_open' };
  return { kind: 'finalise' };
}

export interface Refusal {
  status: 403 | 409;
  code: string;
  message: string;
}

export interface LodgeInput {
  finalised: boolean;
  inPeriod: boolean;
  /** The gate's current stopped projects. */
  eliminated: readonly string[];
  projectId: string;
  /** The objector acts for the project's lead organisation. */
  actsForLead: boolean;
  /** The project already has an open objection to this gate. */
  hasOpenObjection: boolean;
}

/** Why an objection to the gate may not be lodged now, or null when it may. */
export function lodgeRefusal(i: LodgeInput): Refusal | null {
  if (i.finalised || !i.inPeriod)
    return {
      status: 409,
      code: 'awards.gate_publicity_over',
      message: 'Objections to a gate are lodged only during its publicity period.',
    };
  if (!i.eliminated.includes(i.projectId))
    return { status: 409, code: 'awards.gate_not_stopping', message: 'Only a project this gate would stop may object to it.' };
  if (!i.actsForLead)
    return {
      status: 403,
      code: 'awards.not_project_lead',
      message: 'Only the lead organisation of the project may object for it.',
    };
  if (i.hasOpenObjection)
    return {
      status: 409,
      code: 'awards.gate_objection_open',
      message: 'This project already has an open objection to this gate.',
    };
  return null;
}

export interface GateSelection {
  advancingSlots: number;
  /** Every project in the race at the gate with its stage points. */
  ranking: readonly { projectId: string; points: number }[];
  advancing: readonly string[];
  eliminated: readonly string[];
}

export type UpholdOutcome =
  { ok: true; advancing: string[]; eliminated: string[]; newlyStopped: string[] } | { ok: false; refusal: Refusal };

const refuse = (code: string, message: string): UpholdOutcome => ({ ok: false, refusal: { status: 409, code, message } });

/**
 * An upheld objection: the objecting project advances instead of being stopped. If that would
 * break the slot rule (gate-rules.ts, rule 1), the agency must name `stopInstead`, an advancing
 * project that is stopped in its place — which then gets its own publicity period (the caller
 * moves the gate's period end); without it the upholding is refused (409 `awards.gate_slots_full`).
 * Naming `stopInstead` when a slot is free is refused too: nobody is stopped without need.
 */
export function upholdSelection(g: GateSelection, projectId: string, stopInstead: string | null): UpholdOutcome {
  if (!g.eliminated.includes(projectId)) return refuse('awards.gate_not_stopping', 'The project is not stopped by this gate.');
  if (stopInstead !== null && !g.advancing.includes(stopInstead))
    return refuse('awards.stop_instead_not_advancing', 'stopInstead must be a project that advances at this gate.');
  const withObjector = [...g.advancing, projectId];
  const fits = !assessSelection(g.ranking, g.advancingSlots, withObjector).tooMany;
  if (fits && stopInstead !== null)
    return refuse('awards.stop_instead_not_needed', 'A slot is free: the project advances without stopping another one.');
  if (!fits && stopInstead === null)
    return refuse(
      'awards.gate_slots_full',
      `All ${g.advancingSlots} slots are taken: name stopInstead, the advancing project to be stopped in its place (it gets its own publicity period).`,
    );
  const advancing = withObjector.filter((id) => id !== stopInstead);
  // A swap inside an advanced tied group can leave a selection the rules never allow.
  if (assessSelection(g.ranking, g.advancingSlots, advancing).tooMany)
    return refuse('awards.gate_slots_full', 'This swap would break the slot rule of the gate; dismiss or name another project.');
  const eliminated = [...g.eliminated.filter((id) => id !== projectId), ...(stopInstead ? [stopInstead] : [])];
  return { ok: true, advancing, eliminated, newlyStopped: stopInstead ? [stopInstead] : [] };
}

/** The period's end after an upholding: a newly stopped project gets a whole period from now; otherwise unchanged. */
export function periodEndAfterUphold(
  currentEndMs: number,
  nowMs: number,
  periodMs: number,
  newlyStopped: readonly string[],
): number {
  return newlyStopped.length ? Math.max(currentEndMs, nowMs + periodMs) : currentEndMs;
}
