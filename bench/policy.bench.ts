/**
 * `npm run bench:policy` — one million random checkRequest calls in-process.
 *
 * Machines are noisy, so the same run also times a baseline: the same loop over the same inputs
 * doing only the bare arithmetic (min of rate limit and cap, minus prior grants). The ratio
 * check/baseline is what to compare across machines; the goal is 1,000,000 checks in under 1 s.
 */
import { checkRequest, FUNDING_RULES, policySettings, type CheckInput, type FundingRule } from '@app/policy';
import { reportGoal } from './support/summary';

const CHECKS = 1_000_000;
const ROUNDS = 5;
const POOL = 1 << 16; // inputs are generated up front so random-number generation is not timed

// Seeded xorshift32, so every run checks the same inputs.
let seed = 0x9e3779b9;
const random = () => {
  seed ^= seed << 13;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  return (seed >>> 0) / 4_294_967_296;
};
const upTo = (max: number) => Math.floor(random() * (max + 1));

const settings = policySettings({ effectiveFrom: '2023-06-01' });
const dates = [new Date('2024-01-01'), new Date('2026-07-15T10:00:00Z'), new Date('2028-06-01')]; // last one: out
const rules: FundingRule[] = [];
const inputs: CheckInput[] = [];
for (let i = 0; i < POOL; i++) {
  const rule = FUNDING_RULES[upTo(FUNDING_RULES.length - 1)];
  const cap = rule.capFen ?? 10_000_000_000;
  rules.push(rule);
  inputs.push({
    baseFen: upTo(cap * 3),
    requestedFen: upTo(cap),
    alreadyGrantedFen: random() < 0.5 ? 0 : upTo(cap),
    remainingBudgetFen: random() < 0.5 ? undefined : upTo(cap * 2),
    date: dates[random() < 0.95 ? upTo(1) : 2],
    settings,
  });
}

function timeChecks(): { ms: number; sink: number } {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < CHECKS; i++) {
    const j = i & (POOL - 1);
    const result = checkRequest(rules[j], inputs[j]);
    sink += result.ok ? 1 : result.violations.length;
  }
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, sink };
}

function timeBaseline(): { ms: number; sink: number } {
  let sink = 0;
  const start = process.hrtime.bigint();
  for (let i = 0; i < CHECKS; i++) {
    const j = i & (POOL - 1);
    const rule = rules[j];
    const input = inputs[j];
    const byRate = rule.rateBp === null ? Infinity : Math.floor(((input.baseFen as number) * rule.rateBp) / 10_000);
    const allowed = Math.max(0, Math.min(byRate, rule.capFen ?? Infinity) - (input.alreadyGrantedFen as number));
    sink += input.requestedFen <= allowed ? 1 : 0;
  }
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, sink };
}

timeChecks(); // warm up the JIT on both loops before timing
timeBaseline();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const checkMs: number[] = [];
const baseMs: number[] = [];
let sink = 0;
for (let round = 0; round < ROUNDS; round++) {
  const c = timeChecks();
  const b = timeBaseline();
  checkMs.push(c.ms);
  baseMs.push(b.ms);
  sink += c.sink + b.sink;
}

const perSecond = (ms: number) => Math.round((CHECKS / ms) * 1000).toLocaleString('en-US');
const c = median(checkMs);
const b = median(baseMs);
console.log(`policy bench: ${CHECKS.toLocaleString('en-US')} random checkRequest calls, median of ${ROUNDS} rounds`);
console.log(
  `  checkRequest: ${c.toFixed(1)} ms  (${perSecond(c)} checks/s)   rounds: ${checkMs.map((x) => x.toFixed(0)).join(', ')} ms`,
);
console.log(`  baseline:     ${b.toFixed(1)} ms  (${perSecond(b)} ops/s)      bare min()/floor arithmetic, same inputs`);
console.log(`  ratio check/baseline: ${(c / b).toFixed(1)}×`);
console.log(`  goal 1,000,000 checks < 1000 ms: ${c < 1000 ? 'met' : 'NOT met'}   (sink ${sink})`);
reportGoal({
  bench: 'policy',
  measure: `${CHECKS.toLocaleString('en-US')} checkRequest calls (median of ${ROUNDS})`,
  now: `${c.toFixed(0)} ms = ${(c / b).toFixed(1)}× bare arithmetic`,
  goal: '< 1,000 ms',
  met: c < 1000,
});
