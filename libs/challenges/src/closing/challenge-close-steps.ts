import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';

/** What a step learns of the challenge that has just closed. */
export interface ClosedChallenge {
  challengeId: string;
  bidDeadline: Date;
  closedAt: Date;
}

/** Runs inside the close transaction: what it writes commits with the close, or neither does. */
export type ChallengeCloseStep = (em: EntityManager, closed: ClosedChallenge) => Promise<void>;

/**
 * What higher libraries add to the close of a challenge at its deadline, in the same transaction
 * (bids writes the bid-opening record, 开标). Challenges sits below bids and cannot call it; bids
 * registers its step here at start-up instead (`onModuleInit`), so the close job stays in the
 * library that owns the challenge row. Steps run in the order registered.
 */
@Injectable()
export class ChallengeCloseSteps {
  private readonly steps = new Map<string, ChallengeCloseStep>();

  register(name: string, step: ChallengeCloseStep): void {
    if (this.steps.has(name)) throw new Error(`close step "${name}" registered twice`);
    this.steps.set(name, step);
  }

  registered(): string[] {
    return [...this.steps.keys()];
  }

  async runAll(em: EntityManager, closed: ClosedChallenge): Promise<void> {
    for (const step of this.steps.values()) await step(em, closed);
  }
}
