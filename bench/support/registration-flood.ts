/**
 * The anonymous registration flood of `npm run bench:abuse`, in a process of its own (so the load
 * generator does not share the event loop of the latency probe). FLOOD_CLIENTS closed-loop clients
 * POST /organizations with valid, never-repeated registrations (a unique valid credit code, email
 * and name; a strong random password) until FLOOD_SECONDS have passed, FLOOD_MAX_REQUESTS were
 * sent, or the parent says stop. Answers are counted by status (and problem code); the result goes
 * back to the parent over IPC.
 */
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { performance } from 'node:perf_hooks';
import { makeCreditCode } from '../../libs/identity/src/credit-code';
import { percentile, send, tally } from './http-client';

export interface FloodResult {
  sent: number;
  seconds: number;
  byStatus: Record<string, number>;
  byCode: Record<string, number>;
  createdP50: number;
  createdP95: number;
}

const ORG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** The n-th valid unified social credit code of a Shenzhen enterprise (distinct for every n < 31^8). */
export function nthCreditCode(n: number): string {
  let body = '';
  let x = n;
  for (let i = 0; i < 8; i++) {
    body = ORG_ALPHABET[x % ORG_ALPHABET.length] + body;
    x = Math.floor(x / ORG_ALPHABET.length);
  }
  return makeCreditCode({ authority: '9', category: '1', areaCode: '440300', orgCodeBody8: body });
}

function registration(n: number): string {
  return JSON.stringify({
    name: `深圳压测科技第 ${n} 有限公司`,
    kind: 'enterprise',
    creditCode: nthCreditCode(n),
    admin: { email: `flood.${n}@bench.test`, password: randomBytes(18).toString('base64url'), displayName: `压测 ${n}` },
  });
}

async function main(): Promise<void> {
  const url = process.env.FLOOD_URL ?? '';
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`FLOOD_URL must be on 127.0.0.1, not ${url}`);
  const clients = Number(process.env.FLOOD_CLIENTS ?? 30);
  const seconds = Number(process.env.FLOOD_SECONDS ?? 12);
  const maxRequests = Number(process.env.FLOOD_MAX_REQUESTS ?? 200_000);
  const first = Number(process.env.FLOOD_FIRST ?? 1_000_000);

  const agent = new Agent({ keepAlive: true, maxSockets: clients });
  const byStatus = new Map<string, number>();
  const byCode = new Map<string, number>();
  const created: number[] = [];
  let next = 0;
  let stopped = false;
  process.on('message', (m) => {
    if (m === 'stop') stopped = true;
  });
  const start = performance.now();
  const deadline = start + seconds * 1000;

  const client = async () => {
    while (!stopped && performance.now() < deadline && next < maxRequests) {
      const n = first + next++;
      const body = registration(n);
      const t0 = performance.now();
      const answer = await send(agent, 'POST', url, {}, body);
      const ms = performance.now() - t0;
      tally(byStatus, String(answer.status));
      if (answer.status === 201) created.push(ms);
      else if (answer.status !== 0) {
        try {
          tally(byCode, `${answer.status} ${(JSON.parse(answer.text) as { code?: string }).code ?? '?'}`);
        } catch {
          tally(byCode, `${answer.status} (not problem+json)`);
        }
      } else tally(byCode, `connection error: ${answer.text.slice(0, 60)}`);
    }
  };
  process.send?.('started');
  await Promise.all(Array.from({ length: clients }, client));
  agent.destroy();
  created.sort((a, b) => a - b);
  const result: FloodResult = {
    sent: next,
    seconds: (performance.now() - start) / 1000,
    byStatus: Object.fromEntries(byStatus),
    byCode: Object.fromEntries(byCode),
    createdP50: percentile(created, 50),
    createdP95: percentile(created, 95),
  };
  process.send?.({ result }, () => process.exit(0));
}

if (require.main === module) {
  main().catch((err) => {
    console.error(err);
    process.exit(1);
  });
}
