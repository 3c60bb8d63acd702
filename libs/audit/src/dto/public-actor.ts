/**
 * Whose id the public ledger (`GET /audit`) shows as an entry's actor.
 *
 * Staff act in office — an agency publishing, answering, awarding, running a gate, resolving an
 * objection — and anyone may see which account did it; a job's decisions have no actor. The people
 * of applicant organisations are private persons: their ids never appear. Some of their acts are
 * public facts (an objection was lodged), and since an entry's hash covers its actor, rows written
 * before objections were recorded without their author still hold the author's id; the view
 * withholds it (the hash still verifies with `GET /audit/verify`, which reads the stored row).
 *
 * Fails closed: an action not listed here shows no actor, so a new public entry recorded by a team
 * member cannot leak an id; list an action here once it is certain only staff or jobs take it.
 */
export const STAFF_DECISIONS: ReadonlySet<string> = new Set([
  'challenge.published',
  'challenge.deadline_extended',
  'challenge.cancelled',
  'challenge.closed',
  'challenge.awarded',
  'question.answered',
  'award.granted',
  'gate.decided',
  'gate.finalised',
  'gate_objection.upheld',
  'gate_objection.dismissed',
  'objection.upheld',
  'objection.dismissed',
  'project.publicity_ended',
  'disbursement.paid',
]);

export function publicActorId(entry: { action: string; actorId: string | null }): string | null {
  return STAFF_DECISIONS.has(entry.action) ? entry.actorId : null;
}
