import fc from 'fast-check';
import { DomainError } from '@app/common/domain-error';
import { beijingDate, policySettings, versionContentOf } from '@app/policy';
import { MergeProposal, MergingProject, assertMergeInForce, judgeMerge } from './merge-rules';

const RULE = { policyVersionId: 'v1', ruleId: 'art4.core_tech', ruleRateBp: 5000, ruleCapFen: 3_000_000_000 };

const project = (over: Partial<MergingProject> = {}): MergingProject => ({
  id: over.id ?? 'p',
  status: 'active',
  stageReached: 1,
  grantedFen: 1_000_000_000,
  paidFen: 200_000_000,
  requestedFen: 1_200_000_000,
  ...RULE,
  ...over,
});

const arbProject = (i: number) =>
  fc
    .record({
      grantedFen: fc.integer({ min: 1, max: 2_000_000_000 }),
      paidShare: fc.double({ min: 0, max: 1, noNaN: true }),
      extraRequest: fc.integer({ min: 0, max: 500_000_000 }),
      stageReached: fc.constantFrom(1, 1, 1, 0),
      status: fc.constantFrom('active', 'active', 'active', 'publicity', 'merged'),
      version: fc.constantFrom('v1', 'v1', 'v1', 'v2'),
    })
    .map((r) =>
      project({
        id: `p${i}`,
        grantedFen: r.grantedFen,
        paidFen: Math.floor(r.grantedFen * r.paidShare),
        requestedFen: r.grantedFen + r.extraRequest,
        stageReached: r.stageReached,
        status: r.status,
        policyVersionId: r.version,
      }),
    );

const arbProposal: fc.Arbitrary<MergeProposal> = fc
  .integer({ min: 2, max: 4 })
  .chain((n) =>
    fc.record({
      projects: fc.tuple(...Array.from({ length: n }, (_, i) => arbProject(i))),
      grantFen: fc.integer({ min: 1, max: 8_000_000_000 }),
      totalInvestmentFen: fc.integer({ min: 1, max: 20_000_000_000 }),
      maxAwardFen: fc.option(fc.integer({ min: 1, max: 5_000_000_000 }), { nil: null }),
      split: fc.array(fc.nat({ max: 100 }), { minLength: 1, maxLength: 5 }),
      planOff: fc.constantFrom(0, 0, 0, 1, -1),
    }),
  )
  .map((r) => {
    const paid = r.projects.reduce((s, p) => s + p.paidFen, 0);
    const remaining = Math.max(0, r.grantFen - paid);
    const weights = r.split.map((w) => w + 1);
    const total = weights.reduce((a, b) => a + b, 0);
    const tranches = weights.map((w) => Math.floor((remaining * w) / total));
    tranches[0] += remaining - tranches.reduce((a, b) => a + b, 0) + r.planOff;
    return {
      projects: r.projects,
      finalStage: 1,
      grantFen: r.grantFen,
      totalInvestmentFen: r.totalInvestmentFen,
      maxAwardFen: r.maxAwardFen,
      tranchesFen: tranches,
    };
  });

/** The rule a refusal must name, checked independently in the same order as the rules' README. */
function expectedRefusal(p: MergeProposal): string | null {
  if (p.projects.some((x) => x.status !== 'active' || x.stageReached !== p.finalStage)) return 'awards.merge_not_advancing';
  if (new Set(p.projects.map((x) => x.policyVersionId)).size > 1) return 'awards.merge_mixed_rules';
  const rateLimit = Math.floor((p.totalInvestmentFen * RULE.ruleRateBp) / 10_000);
  if (p.grantFen > Math.min(rateLimit, RULE.ruleCapFen, p.maxAwardFen ?? Infinity)) return 'awards.merge_over_cap';
  const before = p.projects.reduce((s, x) => s + x.grantedFen, 0);
  if (p.grantFen > before) return 'awards.merge_grows_budget';
  const paid = p.projects.reduce((s, x) => s + x.paidFen, 0);
  if (p.grantFen < paid) return 'awards.merge_below_paid';
  if (p.tranchesFen.reduce((a, b) => a + b, 0) !== p.grantFen - paid) return 'awards.merge_plan_mismatch';
  return null;
}

describe('judgeMerge (强强联合 at a gate)', () => {
  it('an accepted merge never grows the money, keeps every cap, covers what was paid, and its plan pays the rest', () => {
    fc.assert(
      fc.property(arbProposal, (p) => {
        const want = expectedRefusal(p);
        let code: string | null = null;
        try {
          const t = judgeMerge(p);
          const before = p.projects.reduce((s, x) => s + x.grantedFen, 0);
          const paid = p.projects.reduce((s, x) => s + x.paidFen, 0);
          expect(t.grantFen).toBeLessThanOrEqual(before);
          expect(t.grantFen).toBeLessThanOrEqual(Math.floor((p.totalInvestmentFen * RULE.ruleRateBp) / 10_000));
          expect(t.grantFen).toBeLessThanOrEqual(RULE.ruleCapFen);
          if (p.maxAwardFen !== null) expect(t.grantFen).toBeLessThanOrEqual(p.maxAwardFen);
          expect(t.grantFen).toBeGreaterThanOrEqual(paid);
          expect(t.grantFen).toBeLessThanOrEqual(t.capFen);
          expect(t.grantFen).toBeLessThanOrEqual(t.requestedFen);
          expect(t.releasedFen).toBe(before - t.grantFen);
          expect(p.tranchesFen.reduce((a, b) => a + b, 0)).toBe(t.grantFen - paid);
        } catch (e) {
          if (!(e instanceof DomainError)) throw e;
          code = e.code;
        }
        expect(code).toBe(want);
      }),
      { numRuns: 500 },
    );
  });

  it('refuses a lone project, a project listed twice, and any merge before a gate is final', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as DomainError).code;
      }
      return null;
    };
    const base = { grantFen: 1, totalInvestmentFen: 10, maxAwardFen: null, tranchesFen: [0] };
    expect(code(() => judgeMerge({ ...base, projects: [project({ id: 'a' })], finalStage: 1 }))).toBe(
      'awards.merge_not_advancing',
    );
    expect(code(() => judgeMerge({ ...base, projects: [project({ id: 'a' }), project({ id: 'a' })], finalStage: 1 }))).toBe(
      'awards.merge_not_advancing',
    );
    expect(code(() => judgeMerge({ ...base, projects: [project({ id: 'a' }), project({ id: 'b' })], finalStage: null }))).toBe(
      'awards.merge_not_advancing',
    );
  });

  it('names the cap that binds and stores the tightest limit as the project cap', () => {
    const projects = [project({ id: 'a' }), project({ id: 'b' })];
    const t = judgeMerge({
      projects,
      finalStage: 1,
      grantFen: 1_500_000_000,
      totalInvestmentFen: 3_200_000_000,
      maxAwardFen: null,
      tranchesFen: [1_100_000_000],
    });
    expect(t).toMatchObject({
      capFen: 1_600_000_000,
      paidFen: 400_000_000,
      releasedFen: 500_000_000,
      remainingFen: 1_100_000_000,
    });
    try {
      judgeMerge({
        projects,
        finalStage: 1,
        grantFen: 1_700_000_000,
        totalInvestmentFen: 3_200_000_000,
        maxAwardFen: null,
        tranchesFen: [1_300_000_000],
      });
      throw new Error('accepted');
    } catch (e) {
      expect(e).toMatchObject({ code: 'awards.merge_over_cap', details: { rule: 'merge.rate', capFen: 1_600_000_000 } });
    }
  });

  describe('the merge date is judged by the merged projects’ version, as an award is', () => {
    // A version in force 2023-01-01 … 2027-12-31 (Beijing days), as the settings make it.
    const version = versionContentOf(policySettings({ effectiveFrom: '2023-01-01T00:00:00+08:00', validityYears: 5 }));
    const merge = (at: string) => () =>
      assertMergeInForce(version, 'art4.core_tech', {
        at: new Date(at),
        grantFen: 1_000_000_000,
        totalInvestmentFen: 4_000_000_000,
      });

    it('on the version’s first and last Beijing day a merge may be made', () => {
      expect(merge('2023-01-01T00:00:00+08:00')).not.toThrow();
      expect(merge('2027-12-31T23:59:59+08:00')).not.toThrow();
    });

    it('a day outside the window is refused as an award would be: 422 policy.not_in_force, naming the window', () => {
      for (const at of ['2028-01-01T00:00:00+08:00', '2022-12-31T23:59:59+08:00']) {
        expect(merge(at)).toThrow(DomainError);
        try {
          merge(at)();
        } catch (e) {
          expect(e).toMatchObject({ code: 'policy.not_in_force' });
          expect((e as DomainError).message).toContain('2023-01-01 to 2027-12-31');
        }
      }
    });

    it('for any instant: refused exactly when its Beijing day is outside the version’s window', () => {
      fc.assert(
        fc.property(fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2031-01-01T00:00:00Z') }), (ms) => {
          const day = beijingDate(new Date(ms));
          const inWindow = day >= version.firstDay && day <= version.lastDay;
          let refused = false;
          try {
            assertMergeInForce(version, 'art4.core_tech', { at: new Date(ms), grantFen: 1, totalInvestmentFen: 4 });
          } catch (e) {
            refused = (e as DomainError).code === 'policy.not_in_force';
          }
          expect(refused).toBe(!inWindow);
        }),
      );
    });
  });
});
