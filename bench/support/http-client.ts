import { Agent, request } from 'node:http';

/** Small node:http client for closed-loop benchmarks (less client CPU than fetch, on a shared 2-core box). */

export interface Answer {
  status: number;
  text: string;
}

/** One HTTP request (on a kept-alive socket of `agent`); 0 as the status when the connection failed. */
export function send(
  agent: Agent,
  method: string,
  url: string,
  headers: Record<string, string> = {},
  body?: string,
  timeoutMs = 30_000,
): Promise<Answer> {
  return new Promise((resolve) => {
    const req = request(
      url,
      {
        method,
        agent,
        timeout: timeoutMs,
        headers:
          body === undefined
            ? headers
            : { ...headers, 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => resolve({ status: 0, text: String(err) }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', (err) => resolve({ status: 0, text: String(err) }));
    req.end(body);
  });
}

/** The p-th percentile (nearest rank) of ascending-sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Counts by key, e.g. status codes. */
export function tally<K extends string | number>(counts: Map<K, number>, key: K): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
