import { Injectable, OnModuleInit } from '@nestjs/common';
import { MergeGuards } from '@app/awards';
import { projectsWithScheduledDisbursements } from './repositories/disbursements.repository';

/** Tells libs/awards' merges, at start-up, which projects have a tranche being paid (merge-guards.ts there). */
@Injectable()
export class MergeGuardsRegistration implements OnModuleInit {
  constructor(private readonly guards: MergeGuards) {}

  onModuleInit(): void {
    this.guards.registerTranchesBeingPaid(projectsWithScheduledDisbursements);
  }
}
