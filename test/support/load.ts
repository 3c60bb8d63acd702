import { Response } from 'supertest';

/** Every answer a load loop received: status, Retry-After and problem code, per request kind. */
export interface Answer {
  kind: string;
  status: number;
  retryAfter?: string;
  code?: string;
}

/**
 * Runs `clients` loops of `request` until `stop()` is called, recording every answer. A request
 * that throws (a socket error) is recorded as status 0, which no fault test accepts.
 */
export function runLoad(
  kind: string,
  clients: number,
  request: (i: number) => Promise<Response>,
): { answers: Answer[]; stop: () => Promise<void> } {
  const answers: Answer[] = [];
  let running = true;
  let n = 0;
  const loop = async () => {
    while (running) {
      try {
        const res = await request(n++);
        answers.push({ kind, status: res.status, retryAfter: res.headers['retry-after'], code: res.body?.code });
      } catch {
        answers.push({ kind, status: 0 });
      }
    }
  };
  const loops = Array.from({ length: clients }, loop);
  return {
    answers,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

/** The answers that break the contract under a fault: anything but success or a 503 with Retry-After. */
export const unexpectedAnswers = (answers: Answer[], ok: (a: Answer) => boolean) =>
  answers.filter((a) => !ok(a) && !(a.status === 503 && Number(a.retryAfter) > 0 && a.code === 'service_unavailable'));

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `check` until it returns true or `timeoutMs` passes (then returns false). */
export async function eventually(check: () => Promise<boolean>, timeoutMs: number, everyMs = 200): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return true;
    await sleep(everyMs);
  }
  return false;
}
