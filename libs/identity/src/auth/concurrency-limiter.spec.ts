import fc from 'fast-check';
import { ConcurrencyLimiter } from './concurrency-limiter';

class Full extends Error {}

/** Lets every promise callback that is ready run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

interface Task {
  started: boolean;
  finished: boolean;
  refused: boolean;
  finish: () => void;
}

/** Submits a task whose work ends only when the test says so. */
function submit(limiter: ConcurrencyLimiter): Task {
  const task: Task = { started: false, finished: false, refused: false, finish: () => undefined };
  limiter
    .run(
      () =>
        new Promise<void>((resolve) => {
          task.started = true;
          task.finish = () => {
            task.finished = true;
            resolve();
          };
        }),
    )
    .catch((err) => {
      if (!(err instanceof Full)) throw err;
      task.refused = true;
    });
  return task;
}

describe('ConcurrencyLimiter', () => {
  it('runs two at once, queues one, refuses the fourth, and starts the queued one when a slot frees', async () => {
    const limiter = new ConcurrencyLimiter(2, 1, () => new Full());
    const tasks = [submit(limiter), submit(limiter), submit(limiter), submit(limiter)];
    await settle();
    expect(tasks.map((t) => [t.started, t.refused])).toEqual([
      [true, false],
      [true, false],
      [false, false],
      [false, true],
    ]);
    expect(limiter.load).toEqual({ running: 2, waiting: 1 });
    tasks[1].finish();
    await settle();
    expect(tasks[2].started).toBe(true);
    expect(limiter.load).toEqual({ running: 2, waiting: 0 });
  });

  it('frees the slot of a task that throws', async () => {
    const limiter = new ConcurrencyLimiter(1, 0, () => new Full());
    await expect(limiter.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run(() => Promise.resolve(7))).resolves.toBe(7);
    expect(limiter.load).toEqual({ running: 0, waiting: 0 });
  });

  it('refuses nonsense bounds', () => {
    expect(() => new ConcurrencyLimiter(0, 1, () => new Full())).toThrow(RangeError);
    expect(() => new ConcurrencyLimiter(1, -1, () => new Full())).toThrow(RangeError);
  });

  it('behaves like a bounded FIFO queue in front of N slots, whatever the order of arrivals and ends', async () => {
    const op = fc.oneof(
      fc.constant({ kind: 'submit' as const }),
      fc.nat(20).map((n) => ({ kind: 'finish' as const, n })),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.array(op, { maxLength: 40 }),
        async (n, q, ops) => {
          const limiter = new ConcurrencyLimiter(n, q, () => new Full());
          const tasks: Task[] = [];
          // The model: which tasks run, which wait (in order), which were refused.
          const running: Task[] = [];
          const queue: Task[] = [];
          for (const o of ops) {
            if (o.kind === 'submit') {
              const task = submit(limiter);
              tasks.push(task);
              if (running.length < n) running.push(task);
              else if (queue.length < q) queue.push(task);
            } else if (running.length) {
              const [done] = running.splice(o.n % running.length, 1);
              done.finish();
              const next = queue.shift();
              if (next) running.push(next);
            }
            await settle();
            for (const task of tasks) {
              const isRunning = running.includes(task);
              const isWaiting = queue.includes(task);
              expect(task.started && !task.finished).toBe(isRunning);
              expect(task.refused).toBe(!isRunning && !isWaiting && !task.finished);
            }
            expect(limiter.load).toEqual({ running: running.length, waiting: queue.length });
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
