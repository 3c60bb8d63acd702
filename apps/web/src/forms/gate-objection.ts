/**
 * Pure rules of the gate-objection screens (libs/awards, "gate publicity"): what an upheld objection
 * would change, what the agency must still say, and which gate a team's project is being stopped by.
 */
import type { Schemas } from '../api/client';

type Gate = Pick<Schemas['GateView'], 'advancing' | 'eliminated' | 'advancingSlots' | 'phase'>;

export type GateDecision = 'upheld' | 'dismissed';

export interface GateResolutionValues {
  decision: GateDecision | '';
  comment: string;
  /** An advancing project stopped in the objector's place (upheld while every slot is taken). */
  stopInstead: string;
}

export const emptyGateResolution = (): GateResolutionValues => ({ decision: '', comment: '', stopInstead: '' });

/** Upholding takes a slot: with every slot taken, someone advancing must be named to stop instead (gate-rules.ts). */
export const slotsFull = (gate: Gate): boolean => gate.advancing.length >= gate.advancingSlots;

export type GateResolutionError = 'decisionRequired' | 'commentRequired' | 'stopInsteadRequired';

export function validateGateResolution(
  values: GateResolutionValues,
  gate: Gate,
): Partial<Record<keyof GateResolutionValues, GateResolutionError>> {
  const errors: Partial<Record<keyof GateResolutionValues, GateResolutionError>> = {};
  if (!values.decision) errors.decision = 'decisionRequired';
  if (!values.comment.trim()) errors.comment = 'commentRequired';
  const mustName = values.decision === 'upheld' && slotsFull(gate);
  if (mustName && !gate.advancing.includes(values.stopInstead)) errors.stopInstead = 'stopInsteadRequired';
  return errors;
}

/** The request body: `stopInstead` only when the server asks for it (it refuses one when a slot is free). */
export function toGateResolutionBody(values: GateResolutionValues, gate: Gate): Schemas['ResolveGateObjectionDto'] {
  const decision = values.decision || 'dismissed';
  const body: Schemas['ResolveGateObjectionDto'] = { decision, comment: values.comment.trim() };
  if (decision === 'upheld' && slotsFull(gate)) body.stopInstead = values.stopInstead;
  return body;
}

/** What the confirmation says will happen: the result stands, the objector advances, and who (if anyone) is stopped instead. */
export type GateOutcome = { kind: 'stands' } | { kind: 'advances' } | { kind: 'swaps'; stopped: string };

export function gateOutcome(values: GateResolutionValues, gate: Gate): GateOutcome {
  if (values.decision !== 'upheld') return { kind: 'stands' };
  return slotsFull(gate) ? { kind: 'swaps', stopped: values.stopInstead } : { kind: 'advances' };
}

/** A published gate would stop this project, and its period still runs: the team may object. */
export const mayObject = (gate: Gate | null | undefined, projectId: string): boolean =>
  !!gate && gate.phase === 'in_publicity' && gate.eliminated.includes(projectId);

/** The gate a project still in the race meets next: the one after the stages it has passed. */
export const nextGateStage = (stageReached: number, stages: number): number | null =>
  stageReached < stages ? stageReached + 1 : null;
