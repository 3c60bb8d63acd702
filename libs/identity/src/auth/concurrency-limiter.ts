/**
 * At most `maxRunning` tasks at once, at most `maxWaiting` more waiting their turn (first come,
 * first served); a task beyond that is refused at once with the error `refuse()` makes. Refusing
 * early is the point: a queue without a bound turns a flood into minutes of waiting for everyone.
 *
 * No Nest, no I/O: the password hasher wraps argon2 in one of these.
 */
export class ConcurrencyLimiter {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(
    readonly maxRunning: number,
    readonly maxWaiting: number,
    private readonly refuse: () => Error,
  ) {
    if (!Number.isSafeInteger(maxRunning) || maxRunning < 1) throw new RangeError('maxRunning must be a whole number ≥ 1');
    if (!Number.isSafeInteger(maxWaiting) || maxWaiting < 0) throw new RangeError('maxWaiting must be a whole number ≥ 0');
  }

  /** How many run and how many wait right now (for tests and health reporting). */
  get load(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.waiting.length };
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.acquire();
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private acquire(): Promise<void> {
    if (this.running < this.maxRunning) {
      this.running++;
      return Promise.resolve();
    }
    if (this.waiting.length >= this.maxWaiting) return Promise.reject(this.refuse());
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  /** A finished task hands its slot straight to the next in line, so `running` never dips and overshoots. */
  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running--;
  }
}
