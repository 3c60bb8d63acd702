/**
 * "Now", injected, so that tests can move time. Deadlines that decide state (closing a challenge,
 * overdue milestones) are judged by the database's `now()`, not by this clock; this one is for
 * what the application itself stamps or computes.
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock for tests: starts at a given instant, moves only when told. */
export class ManualClock extends Clock {
  constructor(private current: Date = new Date()) {
    super();
  }
  now(): Date {
    return new Date(this.current.getTime());
  }
  set(at: Date): void {
    this.current = new Date(at.getTime());
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
