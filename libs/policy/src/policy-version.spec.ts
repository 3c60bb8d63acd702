/**
 * Versions: the same settings make the same version; a project is judged by the version it was
 * awarded under, so no sequence of setting changes after an award can stop a tranche within it.
 */
import fc from 'fast-check';
import { checkRequest, FUNDING_RULES } from './index';
import { policySettings } from './effective-window';
import type { PolicySettings } from './funding-rule';
import {
  checkUnderVersion,
  ruleUnderVersion,
  settingsOfVersion,
  versionContentOf,
  versionFingerprint,
  type PolicyVersion,
} from './policy-version';

const DAY = 86_400_000;
/** Beijing midnight of a day counted from 2020-01-01 (the settings' effective dates are whole days). */
const dayFrom2020 = (n: number) => new Date(Date.parse('2020-01-01T00:00:00+08:00') + n * DAY);

const settingsArb: fc.Arbitrary<PolicySettings> = fc
  .record({
    day: fc.integer({ min: 0, max: 4000 }),
    validityYears: fc.integer({ min: 1, max: 10 }),
    pmMajorRateBp: fc.option(fc.integer({ min: 0, max: 10_000 }), { nil: null }),
  })
  .map(({ day, validityYears, pmMajorRateBp }) =>
    policySettings({ effectiveFrom: dayFrom2020(day), validityYears, pmMajorRateBp }),
  );

/** An in-memory stand-in for the versions table: adopt by fingerprint, look up by id. */
class Versions {
  readonly byId = new Map<string, PolicyVersion>();
  adopt(settings: PolicySettings): PolicyVersion {
    const content = versionContentOf(settings);
    const fingerprint = versionFingerprint(content);
    const found = [...this.byId.values()].find((v) => v.fingerprint === fingerprint);
    if (found) return found;
    const version = { ...content, id: `v${this.byId.size + 1}`, fingerprint };
    this.byId.set(version.id, version);
    return version;
  }
}

/** Splits `total` into `parts` positive-or-zero tranches that add up to it. */
const tranchesOf = (total: number, cuts: number[]): number[] => {
  const points = [...new Set(cuts.map((c) => Math.floor(c * total)))].sort((x, y) => x - y);
  const out: number[] = [];
  let last = 0;
  for (const p of points) {
    out.push(p - last);
    last = p;
  }
  out.push(total - last);
  return out;
};

describe('policy versions', () => {
  it('same settings → same content and fingerprint; any change of a setting that shapes a rule → another', () => {
    fc.assert(
      fc.property(settingsArb, settingsArb, (s1, s2) => {
        const f1 = versionFingerprint(versionContentOf(s1));
        expect(versionFingerprint(versionContentOf(policySettings({ ...s1 })))).toBe(f1);
        const sameLaw =
          versionContentOf(s1).firstDay === versionContentOf(s2).firstDay &&
          s1.validityYears === s2.validityYears &&
          s1.pmMajorRateBp === s2.pmMajorRateBp;
        expect(versionFingerprint(versionContentOf(s2)) === f1).toBe(sameLaw);
      }),
    );
  });

  it('a version judges exactly as the settings that made it did, for every rule', () => {
    fc.assert(
      fc.property(
        settingsArb,
        fc.constantFrom(...FUNDING_RULES),
        fc.nat({ max: 20_000_000_000 }),
        fc.nat({ max: 20_000_000_000 }),
        fc.integer({ min: 0, max: 5000 }),
        (settings, rule, baseFen, requestedFen, day) => {
          const version = { ...versionContentOf(settings), id: 'v', fingerprint: 'f' };
          const input = { baseFen, requestedFen, date: dayFrom2020(day) };
          const direct = checkRequest(rule, { ...input, settings });
          const versioned = checkUnderVersion(version, rule.id, input);
          expect(versioned.ok).toBe(direct.ok);
          expect(versioned.allowedFen).toBe(direct.allowedFen);
          expect(versioned.violations.map((v) => v.code)).toEqual(direct.violations.map((v) => v.code));
          expect(versioned.quote.explanation).toEqual(direct.quote.explanation);
        },
      ),
    );
  });

  it('for any sequence of setting changes after an award, every tranche within the award stays payable', () => {
    fc.assert(
      fc.property(
        settingsArb,
        fc.constantFrom('art4.core_tech', 'art4.pm_major'),
        fc.integer({ min: 1, max: 20_000_000_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }),
        fc.array(settingsArb, { minLength: 1, maxLength: 8 }),
        (awardSettings, ruleId, baseFen, share, cuts, laterSettings) => {
          const versions = new Versions();
          const current = versions.adopt(awardSettings);
          // An award on a day in force under the award's settings, as large as the law allowed.
          const awardedAt = new Date(settingsOfVersion(current).effectiveFrom.getTime() + 12 * 3_600_000);
          const allowed = checkUnderVersion(current, ruleId, { baseFen, requestedFen: 0, date: awardedAt }).allowedFen;
          fc.pre(allowed !== null && allowed > 0);
          const grant = Math.max(1, Math.floor((allowed as number) * share));
          const project = { versionId: current.id, baseFen, awardedAt, grant };
          // The settings change, one restart after another: each adopts the version of its settings.
          for (const s of laterSettings) versions.adopt(s);
          // Every tranche of any split of the grant is judged by the project's own version.
          let paid = 0;
          for (const tranche of tranchesOf(project.grant, cuts)) {
            const version = versions.byId.get(project.versionId) as PolicyVersion;
            const check = checkUnderVersion(version, ruleId, {
              baseFen: project.baseFen,
              requestedFen: tranche,
              alreadyGrantedFen: paid,
              date: project.awardedAt,
            });
            expect(check.violations).toEqual([]);
            paid += tranche;
          }
          expect(paid).toBe(grant);
        },
      ),
    );
  });

  it('the same tranches judged by later settings would be refused (why the version is kept)', () => {
    const a = policySettings({ effectiveFrom: '2023-01-01T00:00:00+08:00' });
    const later = policySettings({ effectiveFrom: '2027-01-01T00:00:00+08:00', pmMajorRateBp: 3500 });
    const versionA = { ...versionContentOf(a), id: 'a', fingerprint: 'a' };
    const input = {
      baseFen: 10_000_000_000,
      requestedFen: 5_000_000_000,
      alreadyGrantedFen: 5_000_000_000,
      date: new Date('2026-12-05T10:00:00+08:00'),
    };
    expect(checkUnderVersion(versionA, 'art4.pm_major', input).ok).toBe(true);
    const today = checkRequest('art4.pm_major', { ...input, settings: later });
    expect(today.violations.map((v) => v.code)).toEqual(['not_in_force', 'rate_exceeded']);
  });

  it('a rule under a version carries the version numbers, not the ones a setting would supply now', () => {
    const withRatio = {
      ...versionContentOf(policySettings({ effectiveFrom: '2023-01-01', pmMajorRateBp: 3500 })),
      id: 'r',
      fingerprint: 'r',
    };
    expect(ruleUnderVersion(withRatio, 'art4.pm_major')).toMatchObject({
      rateBp: 3500,
      rateSetting: null,
      capFen: 10_000_000_000,
    });
    const without = { ...versionContentOf(policySettings({ effectiveFrom: '2023-01-01' })), id: 'n', fingerprint: 'n' };
    expect(ruleUnderVersion(without, 'art4.pm_major')).toMatchObject({ rateBp: null, rateSetting: 'pmMajorRateBp' });
    expect(() => ruleUnderVersion(without, 'art99.nothing')).toThrow(/holds no funding rule/);
  });
});
