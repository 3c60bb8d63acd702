import fc from 'fast-check';
import { cell, evaluationCsv, yuan } from './evaluation-csv';
import {
  ChallengeFacts,
  MilestoneFact,
  ProjectFact,
  evaluateChallenge,
  evaluateProgramme,
  moneyOf,
  objectivesOf,
  projectCountsOf,
  publicShareOf,
  timelinessOf,
} from './evaluation-rules';

const DAY = 86_400_000;
const T0 = Date.UTC(2027, 0, 1);
const METRICS = ['算力', '良率', 'latency'];
const STATUSES = ['scheduled', 'submitted', 'met', 'partially_met', 'not_met', 'overdue', 'cancelled'];
const PROJECT_STATUSES = ['publicity', 'active', 'eliminated', 'completed', 'terminated'];

const milestone: fc.Arbitrary<MilestoneFact> = fc
  .record({
    status: fc.constantFrom(...STATUSES),
    due: fc.integer({ min: 0, max: 400 }),
    reportedDay: fc.option(fc.integer({ min: 0, max: 400 })),
    achieved: fc.array(fc.record({ metric: fc.constantFrom(...METRICS), value: fc.integer({ min: 0, max: 1000 }) }), {
      maxLength: 3,
    }),
  })
  .map(({ status, due, reportedDay, achieved }) => {
    const accepted = status === 'met' || status === 'partially_met';
    return {
      status,
      dueAt: new Date(T0 + due * DAY),
      reportedAt: accepted && reportedDay !== null ? new Date(T0 + reportedDay * DAY) : null,
      achieved: accepted ? achieved : [],
    };
  });

const project: fc.Arbitrary<ProjectFact> = fc
  .record({
    status: fc.constantFrom(...PROJECT_STATUSES),
    granted: fc.integer({ min: 0, max: 3_000_000_000 }),
    paidShare: fc.double({ min: 0, max: 1, noNaN: true }),
    milestones: fc.array(milestone, { maxLength: 5 }),
  })
  .map(({ status, granted, paidShare, milestones }) => ({
    id: 'p',
    title: '项目',
    organizationName: '机构',
    status,
    grantedFen: granted,
    paidFen: Math.floor(granted * paidShare),
    stageReached: 0,
    endReason: null,
    mergeReleasedFen: 0,
    milestones,
  }));

const challenge: fc.Arbitrary<ChallengeFacts> = fc
  .record({ projects: fc.array(project, { maxLength: 5 }), slack: fc.integer({ min: 0, max: 1_000_000_000 }) })
  .map(({ projects, slack }) => ({
    id: 'c',
    title: '榜单',
    industry: 'ai',
    mechanism: 'horse_race',
    year: 2027,
    budgetFen: projects.reduce((s, p) => s + p.grantedFen, 0) + slack,
    objectives: METRICS.map((metric) => ({ metric, target: 500, unit: 'u' })),
    projects,
  }));

/**
 * A merge as libs/awards writes it (merges.service.ts carryOut): each merged project ends `merged`
 * with its grant cut to what it was paid; the new project has the merged grant, Σ what they were
 * paid, and records what the merge gave back (Σ grants − merged grant). `share` places the merged
 * grant between Σ paid and Σ grants (merge-rules: never below what was paid, never more than before).
 */
function merge(projects: readonly ProjectFact[], ids: ReadonlySet<string>, share: number, newId: string) {
  const merging = projects.filter((p) => ids.has(p.id));
  const grants = merging.reduce((s, p) => s + p.grantedFen, 0);
  const paid = merging.reduce((s, p) => s + p.paidFen, 0);
  const grantFen = paid + Math.floor((grants - paid) * share);
  const made: ProjectFact = {
    ...merging[0],
    id: newId,
    status: 'active',
    grantedFen: grantFen,
    paidFen: paid,
    mergeReleasedFen: grants - grantFen,
    milestones: [],
  };
  const after = projects.map((p) => (ids.has(p.id) ? { ...p, status: 'merged', grantedFen: p.paidFen } : p));
  return { projects: [...after, made], releasedFen: grants - grantFen, unpaidMovedFen: grantFen - paid };
}

/** What is still committed to the projects: a live project's grant, or what it was paid once ended early. */
const committedFen = (projects: readonly ProjectFact[]) =>
  projects
    .filter((p) => p.status !== 'merged')
    .reduce((s, p) => s + (p.status === 'eliminated' || p.status === 'terminated' ? p.paidFen : p.grantedFen), 0);

const activeProject = (id: string): fc.Arbitrary<ProjectFact> => project.map((p) => ({ ...p, id, status: 'active' }));

describe('performance evaluation (绩效评估)', () => {
  it('merges: each grant and payment counted once; only what a merge gives back is released, not the unpaid grant it moves', () => {
    fc.assert(
      fc.property(
        challenge,
        fc.tuple(activeProject('a'), activeProject('b'), activeProject('c')),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.boolean(),
        (c, [a, b, third], share1, share2, chained) => {
          const start = [...c.projects.map((p, i) => ({ ...p, id: `x${i}` })), a, b, third];
          const budgetFen = c.budgetFen + a.grantedFen + b.grantedFen + third.grantedFen;
          const before = moneyOf(budgetFen, start);
          const first = merge(start, new Set(['a', 'b']), share1, 'm1');
          const second = chained ? merge(first.projects, new Set(['m1', 'c']), share2, 'm2') : null;
          const end = second?.projects ?? first.projects;
          const releasedByMerges = first.releasedFen + (second?.releasedFen ?? 0);
          const after = moneyOf(budgetFen, end);
          // Granted stays the grants as awarded; nothing paid is counted twice.
          expect(after.grantedFen).toBe(before.grantedFen);
          expect(after.paidFen).toBe(before.paidFen);
          // Released grows by what the merges gave back only: the unpaid grant moved into the
          // merged grant is still committed (it is paid by the merged project's tranches).
          expect(after.releasedFen).toBe(before.releasedFen + releasedByMerges);
          expect(after.unspentFen).toBe(budgetFen - committedFen(end));
          expect(after.unspentFen).toBe(before.unspentFen + releasedByMerges);
          // The projects the challenge funds: the merged ones became one.
          expect(projectCountsOf(end).awarded).toBe(projectCountsOf(start).awarded - (chained ? 2 : 1));
          // Their milestones are their own history and still count.
          expect(evaluateChallenge({ ...c, budgetFen, projects: end }).milestones.total).toBe(
            evaluateChallenge({ ...c, budgetFen, projects: start }).milestones.total,
          );
        },
      ),
    );
  });

  it('money: nothing paid beyond grants, released is the unpaid grant of projects ended early, and unspent adds up', () => {
    fc.assert(
      fc.property(challenge, (c) => {
        const m = moneyOf(c.budgetFen, c.projects);
        expect(m.paidFen).toBeLessThanOrEqual(m.grantedFen);
        expect(m.releasedFen).toBeLessThanOrEqual(m.grantedFen - m.paidFen);
        expect(m.releasedFen).toBeGreaterThanOrEqual(0);
        expect(m.unspentFen).toBe(m.budgetFen - m.grantedFen + m.releasedFen);
        expect(m.unspentFen).toBeGreaterThanOrEqual(0);
        if (c.projects.every((p) => p.status !== 'eliminated' && p.status !== 'terminated')) expect(m.releasedFen).toBe(0);
      }),
    );
  });

  it('milestones: every milestone has one status, and on time + late never exceed the total', () => {
    fc.assert(
      fc.property(challenge, (c) => {
        const m = evaluateChallenge(c).milestones;
        expect(m.met + m.partiallyMet + m.notMet + m.open + m.cancelled).toBe(m.total);
        expect(m.onTime + m.late).toBeLessThanOrEqual(m.total);
      }),
    );
  });

  it('a report on its due date is on time, a day later is late; overdue is late; an open milestone not yet due is pending', () => {
    const due = new Date(T0);
    const at = (days: number) => new Date(T0 + days * DAY);
    expect(timelinessOf({ status: 'met', dueAt: due, reportedAt: at(0), achieved: [] })).toBe('on_time');
    expect(timelinessOf({ status: 'met', dueAt: due, reportedAt: at(1), achieved: [] })).toBe('late');
    expect(timelinessOf({ status: 'overdue', dueAt: due, reportedAt: null, achieved: [] })).toBe('late');
    expect(timelinessOf({ status: 'scheduled', dueAt: due, reportedAt: null, achieved: [] })).toBe('pending');
  });

  it('objectives: the best value of accepted reports, how far it reaches, and how many projects reported', () => {
    fc.assert(
      fc.property(challenge, (c) => {
        for (const o of objectivesOf(c.objectives, c.projects)) {
          const values = c.projects.flatMap((p) =>
            p.milestones
              .flatMap((m) => (m.reportedAt ? m.achieved : []))
              .filter((a) => a.metric === o.metric)
              .map((a) => a.value),
          );
          expect(o.best).toBe(values.length ? Math.max(...values) : null);
          expect(o.reached).toBe(o.best === null ? null : Math.round((o.best / o.target) * 10_000) / 10_000);
          expect(o.projectsReporting).toBeLessThanOrEqual(c.projects.length);
        }
      }),
    );
  });

  it('a programme is the sum of its challenges', () => {
    fc.assert(
      fc.property(fc.array(challenge, { maxLength: 4 }), (cs) => {
        const each = cs.map(evaluateChallenge);
        const p = evaluateProgramme(each);
        expect(p.challenges).toBe(cs.length);
        expect(p.money.grantedFen).toBe(each.reduce((s, e) => s + e.money.grantedFen, 0));
        expect(p.money.unspentFen).toBe(each.reduce((s, e) => s + e.money.unspentFen, 0));
        expect(p.projects.awarded).toBe(each.reduce((s, e) => s + e.projects.awarded, 0));
        expect(p.milestones.late).toBe(each.reduce((s, e) => s + e.milestones.late, 0));
        if (p.onTimeShare !== null) expect(p.onTimeShare).toBeGreaterThanOrEqual(0);
        if (p.onTimeShare !== null) expect(p.onTimeShare).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('the public share is the programme less what stays with the agency: budgets, objectives, reasons', () => {
    fc.assert(
      fc.property(fc.array(challenge, { maxLength: 4 }), (cs) => {
        const p = evaluateProgramme(cs.map(evaluateChallenge));
        const shared = publicShareOf(p);
        expect(shared.money).toEqual({
          grantedFen: p.money.grantedFen,
          paidFen: p.money.paidFen,
          releasedFen: p.money.releasedFen,
        });
        expect(shared).toMatchObject({ challenges: p.challenges, projects: p.projects, milestones: p.milestones });
        expect(shared.onTimeShare).toBe(p.onTimeShare);
        expect(Object.keys(shared).sort()).toEqual(['challenges', 'milestones', 'money', 'onTimeShare', 'projects']);
      }),
    );
  });

  it('CSV: yuan are exact, every line has every column, and a title cannot run as a formula', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (fen) => {
        const text = yuan(fen);
        expect(text).toMatch(/^-?\d+\.\d{2}$/);
        expect(Math.round(Number(text) * 100)).toBe(fen);
      }),
    );
    expect(cell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(cell('a,b')).toBe('"a,b"');
    fc.assert(
      fc.property(fc.array(challenge, { maxLength: 3 }), fc.string(), (cs, title) => {
        const rows = cs.map((c) => evaluateChallenge({ ...c, title }));
        const csv = evaluationCsv(rows, 'zh');
        expect(csv.startsWith('\uFEFF榜单编号,')).toBe(true);
        const lines = csv.slice(1).split('\r\n');
        expect(lines.at(-1)).toBe('');
        if (!/["\r\n]/.test(title)) for (const line of lines.slice(1, -1)) expect(line.startsWith('c,')).toBe(true);
        expect(evaluationCsv(rows, 'en').startsWith('\uFEFFchallenge id,challenge,')).toBe(true);
      }),
    );
  });
});
