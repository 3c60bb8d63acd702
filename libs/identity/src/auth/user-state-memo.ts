import type { UserRecord } from '../repositories/users.repository';

/** What Redis says of a user's state now: the store's epoch and the user's version (null until first bumped). */
export interface UserStamp {
  epoch: string;
  version: string | null;
}

interface Entry {
  user: UserRecord;
  stamp: UserStamp;
  at: number;
}

/** Entries kept per process: enough for every signed-in user of a large programme, bounded in memory (~1 KB each). */
export const USER_STATE_MEMO_SIZE = 20_000;

/**
 * The users a process has read, each with the stamp it was read under (pure: no Redis, no clock of
 * its own). An entry answers only for the same stamp and while younger than `maxAgeMs`; the
 * oldest entry goes first when the memo is full.
 */
export class UserStateMemo {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxAgeMs: number,
    private readonly size = USER_STATE_MEMO_SIZE,
  ) {}

  get(id: string, stamp: UserStamp, now: number): UserRecord | null {
    const e = this.entries.get(id);
    if (!e) return null;
    if (e.stamp.epoch !== stamp.epoch || e.stamp.version !== stamp.version || now - e.at >= this.maxAgeMs) {
      this.entries.delete(id);
      return null;
    }
    return e.user;
  }

  set(id: string, user: UserRecord, stamp: UserStamp, now: number): void {
    this.entries.delete(id);
    this.entries.set(id, { user, stamp, at: now });
    if (this.entries.size > this.size) this.entries.delete(this.entries.keys().next().value as string);
  }

  forget(id: string): void {
    this.entries.delete(id);
  }

  get count(): number {
    return this.entries.size;
  }
}
