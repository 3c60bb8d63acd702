import fc from 'fast-check';
import { ExistingJob, ScheduleRequest, decideSchedule } from './schedule-decision';

const NOW = 1_800_000_000_000;
const request = (over: Partial<ScheduleRequest> = {}): ScheduleRequest => ({
  name: 'echo',
  runAt: NOW,
  now: NOW,
  stateReadAt: NOW,
  ...over,
});
const job = (over: Partial<ExistingJob> = {}): ExistingJob => ({
  state: 'delayed',
  name: 'echo',
  plannedRunAt: NOW + 1000,
  ...over,
});

describe('decideSchedule', () => {
  it('adds when nothing is there, and never touches a running job', () => {
    expect(decideSchedule(undefined, request())).toBe('add');
    expect(decideSchedule(job({ state: 'active' }), request({ runAt: NOW + 5000 }))).toBe('running');
  });

  it('keeps a pending job planned for the same time, and moves one planned for another', () => {
    expect(decideSchedule(job(), request({ runAt: NOW + 1000 }))).toBe('keep');
    expect(decideSchedule(job(), request({ runAt: NOW + 2000 }))).toBe('replace');
    expect(decideSchedule(job(), request({ runAt: NOW - 60_000 }))).toBe('replace');
    expect(decideSchedule(job({ state: 'waiting', plannedRunAt: NOW - 10 }), request({ runAt: NOW - 60_000 }))).toBe('keep');
  });

  it('runs a completed job again unless its run started after both the due time and the read', () => {
    const done = (processedOn: number) => job({ state: 'completed', plannedRunAt: NOW - 5000, processedOn });
    // The reconcile read the rows at NOW-100; the job then started at NOW-50: it saw that state.
    expect(decideSchedule(done(NOW - 50), request({ runAt: NOW - 5000, stateReadAt: NOW - 100 }))).toBe('keep');
    // It started before the read: the read may show something it did not see.
    expect(decideSchedule(done(NOW - 150), request({ runAt: NOW - 5000, stateReadAt: NOW - 100 }))).toBe('replace');
    // A later run time (a recurring id, a moved deadline) is a new run, whenever the last one was.
    expect(decideSchedule(done(NOW - 50), request({ runAt: NOW + 3000, stateReadAt: NOW - 100 }))).toBe('replace');
    // A caller that does not say when it read (the api, after its commit) always gets a new run.
    expect(decideSchedule(done(NOW - 50), request({ runAt: NOW - 5000 }))).toBe('replace');
  });

  it('property: never keeps a failed job, another job name, or a run that may not have seen the read', () => {
    const states = ['waiting', 'delayed', 'prioritized', 'waiting-children', 'active', 'completed', 'failed'];
    const offset = fc.integer({ min: -100_000, max: 100_000 });
    fc.assert(
      fc.property(
        fc.constantFrom(...states),
        fc.constantFrom('echo', 'other'),
        offset,
        fc.option(offset, { nil: undefined }),
        offset,
        offset,
        (state, name, planned, processed, runAt, readAt) => {
          const existing = job({
            state,
            name,
            plannedRunAt: NOW + planned,
            processedOn: processed === undefined ? undefined : NOW + processed,
          });
          const req = request({ runAt: NOW + runAt, stateReadAt: Math.min(NOW, NOW + readAt) });
          const decision = decideSchedule(existing, req);
          if (state === 'active') return decision === 'running';
          if (decision !== 'keep') return decision === 'replace';
          if (state === 'failed' || name !== req.name) return false;
          if (state === 'completed')
            return (
              existing.processedOn !== undefined && existing.processedOn >= req.runAt && existing.processedOn >= req.stateReadAt
            );
          // A kept pending job runs at the time asked for (or both are "now").
          const asked = Math.max(req.now, req.runAt);
          return existing.plannedRunAt === asked || (asked <= req.now && existing.plannedRunAt <= req.now);
        },
      ),
    );
  });
});
