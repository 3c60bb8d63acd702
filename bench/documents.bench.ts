/**
 * bench:documents — concurrent uploads and downloads of 20 MB files through the real api (its own
 * process), sealed at rest, against the disk store and an S3-compatible store (s3rver, in this
 * process); in the same run, the same bytes written raw: to disk (a plain file write with fsync)
 * and as a raw S3 PUT to the same s3rver. Reports MB/s for each and the api's RSS (baseline after
 * warm-up, peak while loaded, growth).
 *
 * Env: BENCH_DOC_MB (20), BENCH_DOC_FILES (8 per direction), BENCH_DOC_CONCURRENCY (4).
 * Goal (issue 16): uploads and downloads ≥ 50% of raw with encryption on; RSS growth < 100 MB.
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { TestS3, startTestS3 } from '../test/support/s3-server';
import { makeCreditCode } from '@app/identity';
import { dropDatabase, freshDatabase, startProcess, stopProcess } from './support/harness';

const MB = 1024 * 1024;
const FILE_MB = Number(process.env.BENCH_DOC_MB ?? 20);
const FILES = Number(process.env.BENCH_DOC_FILES ?? 8);
const CONCURRENCY = Number(process.env.BENCH_DOC_CONCURRENCY ?? 4);
const PORT = 3911;
const BOUNDARY = '----jiebang-bench-boundary';

interface Row {
  store: string;
  operation: string;
  mbPerSec: number;
  ofRaw: string;
}

async function pool<T>(n: number, work: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await work(i);
      }
    }),
  );
  return out;
}

async function timed(n: number, work: (i: number) => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await pool(n, work);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return (n * FILE_MB) / seconds;
}

/** Streams the file from disk into a multipart body (the client holds no more than a chunk either). */
function upload(token: string, path: string, size: number): Promise<string> {
  // The size first, as the web app sends it (the S3 store then writes one streamed PUT).
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="size"\r\n\r\n${size}\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="申报书.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port: PORT,
      method: 'POST',
      path: '/api/v1/documents',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
        'content-length': String(head.length + size + tail.length),
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = JSON.parse(Buffer.concat(chunks).toString()) as { id?: string };
        if (res.statusCode !== 201 || !body.id) reject(new Error(`upload answered ${res.statusCode}: ${JSON.stringify(body)}`));
        else resolve(body.id);
      });
    });
    req.on('error', reject);
    req.write(head);
    const file = createReadStream(path);
    file.on('end', () => req.end(tail));
    file.pipe(req, { end: false });
  });
}

function download(token: string, id: string): Promise<number> {
  return new Promise((resolve, reject) => {
    request(
      { host: '127.0.0.1', port: PORT, path: `/api/v1/documents/${id}/content`, headers: { authorization: `Bearer ${token}` } },
      (res) => {
        let n = 0;
        res.on('data', (c: Buffer) => (n += c.length));
        res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`download answered ${res.statusCode}`))));
      },
    )
      .on('error', reject)
      .end();
  });
}

function rssMb(pid: number): number {
  const line =
    readFileSync(`/proc/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmRSS:')) ?? 'VmRSS: 0 kB';
  return Math.round(Number(line.replace(/\D+/g, '')) / 1024);
}

async function signUp(base: string): Promise<string> {
  const suffix = randomBytes(4).toString('hex');
  const admin = { email: `bench.${suffix}@example.test`, password: 'bench-team-password-123', displayName: '张三' };
  const body8 = Array.from({ length: 8 }, () => '0123456789ABCDEFGHJKLMNPQRTUWXY'[Math.floor(Math.random() * 31)]).join('');
  const code = makeCreditCode({ authority: '9', category: '1', areaCode: '440300', orgCodeBody8: body8 });
  const reg = await fetch(`${base}/organizations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: `基准测试 ${suffix} 有限公司`, kind: 'enterprise', creditCode: code, admin }),
  });
  if (reg.status !== 201) throw new Error(`registration answered ${reg.status}: ${await reg.text()}`);
  const login = await fetch(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: admin.email, password: admin.password }),
  });
  return ((await login.json()) as { accessToken: string }).accessToken;
}

/** The same bytes, written raw: a plain file write with fsync, and a raw S3 PUT, to the same targets the stores use. */
async function rawBaselines(
  path: string,
  size: number,
  s3: TestS3,
  dir: string,
): Promise<{ disk: number; diskRead: number; s3Put: number; s3Get: number }> {
  const disk = await timed(FILES, (i) =>
    pipeline(createReadStream(path), createWriteStream(join(dir, `raw-${i}`), { flush: true })),
  );
  const diskRead = await timed(FILES, async (i) => {
    for await (const _chunk of createReadStream(join(dir, `raw-${i}`))) void _chunk;
  });
  const s3Put = await timed(FILES, (i) =>
    s3.client.send(
      new PutObjectCommand({ Bucket: s3.bucket, Key: `raw/${i}`, Body: createReadStream(path), ContentLength: size }),
    ),
  );
  const s3Get = await timed(FILES, async (i) => {
    const out = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `raw/${i}` }));
    for await (const _chunk of out.Body as AsyncIterable<Buffer>) void _chunk;
  });
  return { disk, diskRead, s3Put, s3Get };
}

interface StoreRun {
  up: number;
  down: number;
  rssBase: number;
  rssPeak: number;
}

async function runStore(label: string, env: Record<string, string>, path: string, size: number): Promise<StoreRun> {
  const db = `jiebang_bench_documents_${label}`;
  const databaseUrl = await freshDatabase(db);
  const api = await startProcess(
    'apps/api/src/main.ts',
    {
      ...env,
      PORT: String(PORT),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      REDIS_PREFIX: `bench-documents-${label}`,
      LOG_LEVEL: 'warn',
      REGISTRATION_RATE_LIMIT: '1000000',
      DOCUMENT_MAX_BYTES: String(64 * MB),
    },
    `http://127.0.0.1:${PORT}/api/v1/health/ready`,
  );
  try {
    const token = await signUp(`http://127.0.0.1:${PORT}/api/v1`);
    // Warm-up: one file each way, then the baseline RSS.
    await download(token, await upload(token, path, size));
    const rssBase = rssMb(api.pid as number);
    let rssPeak = rssBase;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(api.pid as number))), 50);
    const ids: string[] = [];
    const up = await timed(FILES, async (i) => (ids[i] = await upload(token, path, size)));
    const down = await timed(FILES, async (i) => {
      if ((await download(token, ids[i])) !== size) throw new Error('short download');
    });
    clearInterval(sampler);
    return { up, down, rssBase, rssPeak };
  } finally {
    await stopProcess(api);
    await dropDatabase(db);
  }
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'jiebang-bench-documents-'));
  const path = join(work, 'file.pdf');
  const size = FILE_MB * MB;
  writeFileSync(path, Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]));
  const s3 = await startTestS3('jiebang-bench');
  try {
    const raw = await rawBaselines(path, size, s3, work);
    const disk = await runStore('disk', { DOCUMENTS_DIR: join(work, 'store') }, path, size);
    const onS3 = await runStore('s3', s3.env, path, size);
    const rows: Row[] = [
      { store: 'disk', operation: 'raw write (fsync)', mbPerSec: raw.disk, ofRaw: '100%' },
      { store: 'disk', operation: 'api upload (sealed)', mbPerSec: disk.up, ofRaw: pct(disk.up, raw.disk) },
      { store: 'disk', operation: 'raw read', mbPerSec: raw.diskRead, ofRaw: '100%' },
      { store: 'disk', operation: 'api download (verified)', mbPerSec: disk.down, ofRaw: pct(disk.down, raw.diskRead) },
      { store: 's3rver', operation: 'raw PUT', mbPerSec: raw.s3Put, ofRaw: '100%' },
      { store: 's3rver', operation: 'api upload (sealed)', mbPerSec: onS3.up, ofRaw: pct(onS3.up, raw.s3Put) },
      { store: 's3rver', operation: 'raw GET', mbPerSec: raw.s3Get, ofRaw: '100%' },
      { store: 's3rver', operation: 'api download (verified)', mbPerSec: onS3.down, ofRaw: pct(onS3.down, raw.s3Get) },
    ];
    console.log(`\n${FILES} files of ${FILE_MB} MB each way, ${CONCURRENCY} at a time`);
    console.log(`${'store'.padEnd(8)} ${'operation'.padEnd(26)} ${'MB/s'.padStart(8)} ${'of raw'.padStart(7)}`);
    for (const r of rows)
      console.log(`${r.store.padEnd(8)} ${r.operation.padEnd(26)} ${r.mbPerSec.toFixed(1).padStart(8)} ${r.ofRaw.padStart(7)}`);
    for (const [label, r] of [
      ['disk', disk],
      ['s3rver', onS3],
    ] as const)
      console.log(`api RSS (${label}): ${r.rssBase} MB after warm-up, peak ${r.rssPeak} MB, growth ${r.rssPeak - r.rssBase} MB`);
  } finally {
    await s3.close();
    rmSync(work, { recursive: true, force: true });
  }
}

const pct = (a: number, b: number) => `${((a / b) * 100).toFixed(0)}%`;

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
