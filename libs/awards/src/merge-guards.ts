import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { conflict } from '@app/common/domain-error';

/**
 * The merged projects among `projectIds` that have a tranche being paid: a disbursement scheduled
 * (accepted, not yet paid, not stopped). Read in the merge's transaction, after the merged projects'
 * rows are locked.
 */
export type TranchesBeingPaid = (em: EntityManager, projectIds: readonly string[]) => Promise<string[]>;

/**
 * What a merge must know of a higher library's tables: libs/milestones owns the disbursements and
 * registers, at start-up, how to find a tranche being paid (the pattern of the documents' access
 * registry: a library never imports a higher one).
 *
 * A merge sets each merged project's grant to what it was paid, so a tranche still being paid to a
 * merged project could never be paid (it would end `blocked`, grant exceeded), and the merged plan
 * (merged grant − paid) does not count it either: the team would lose a tranche it earned. Nor may
 * the merge cancel it: the payment job may be paying it at that moment, and the tranche is owed for
 * an accepted milestone. So the merge waits: it is refused (409 awards.merge_tranche_being_paid)
 * while any merged project has a tranche being paid, on the proposal and again when the last lead
 * accepts. No new tranche can be scheduled meanwhile: accepting a milestone locks its project row,
 * which the merge holds, and the merge cancels every open milestone.
 */
@Injectable()
export class MergeGuards {
  #tranchesBeingPaid: TranchesBeingPaid | undefined;

  registerTranchesBeingPaid(read: TranchesBeingPaid): void {
    this.#tranchesBeingPaid = read;
  }

  /** 409 awards.merge_tranche_being_paid naming the projects; fails closed when nothing was registered. */
  async assertNoTrancheBeingPaid(em: EntityManager, projectIds: readonly string[]): Promise<void> {
    if (!this.#tranchesBeingPaid)
      throw new Error('libs/milestones registers how to find the tranches being paid at start-up; nothing is registered');
    const paying = await this.#tranchesBeingPaid(em, projectIds);
    if (paying.length)
      throw conflict(
        'awards.merge_tranche_being_paid',
        'A merged project has a tranche still being paid; merge once it is paid (or stopped).',
        { projectIds: paying },
      );
  }
}
