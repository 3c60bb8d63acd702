/**
 * bench:documents — concurrent uploads and downloads of 20 MB files through the real api (its own
 * process), sealed at rest, on the disk store and on an S3-compatible store (s3rver, in a third
 * process), beside the same bytes moved raw in the same run:
 *
 *  - raw disk: a plain file write with fsync and a read back, in the disk store's 1 MiB pieces;
 *  - bare HTTP: the same through a bare node:http server in its own process (no framework, no
 *    multipart, no access check, no encryption): the floor that loopback HTTP with the client on
 *    the same two cores puts under any upload or download;
 *  - raw S3: a PUT and a GET to the same s3rver.
 *
 * This machine is noisy (one run's raw write swings 2×), so the operations are measured in
 * rounds, each round measuring every operation once, and each ratio is the median of the
 * per-round ratios (a baseline and what it is compared with are measured seconds apart). Reports
 * the api's RSS too: after warm-up, peak while loaded, growth.
 *
 * Env: BENCH_DOC_MB (20), BENCH_DOC_FILES (8 per direction and round), BENCH_DOC_CONCURRENCY (4),
 * BENCH_DOC_ROUNDS (3).
 * Goal (issue 16): uploads and downloads ≥ 50% of raw with encryption on; RSS growth < 100 MB.
 */
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { TestS3, connectTestS3 } from '../test/support/s3-server';
import { makeCreditCode } from '@app/identity';
import { DISK_IO_BYTES } from '../libs/documents/src/storage/disk-store';
import { dropDatabase, freshDatabase, startProcess, stopProcess } from './support/harness';
import { reportGoal } from './support/summary';

const MB = 1024 * 1024;
const FILE_MB = Number(process.env.BENCH_DOC_MB ?? 20);
const FILES = Number(process.env.BENCH_DOC_FILES ?? 8);
const CONCURRENCY = Number(process.env.BENCH_DOC_CONCURRENCY ?? 4);
const ROUNDS = Number(process.env.BENCH_DOC_ROUNDS ?? 3);
const PORTS = { disk: 3911, s3: 3913, bare: 3912, s3rver: 3914 } as const;
const BUCKET = 'jiebang-bench';
const BOUNDARY = '----jiebang-bench-boundary';
const IO = { highWaterMark: DISK_IO_BYTES };

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
function upload(port: number, token: string, path: string, size: number): Promise<string> {
  // The size first, as the web app sends it (the S3 store then writes one streamed PUT).
  const head = Buffer.from(
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="size"\r\n\r\n${size}\r\n` +
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="申报书.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  return new Promise((resolve, reject) => {
    const req = request({
      host: '127.0.0.1',
      port,
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

const download = (port: number, token: string, id: string) =>
  fetchAll(port, `/api/v1/documents/${id}/content`, { authorization: `Bearer ${token}` });

/** GETs a path and counts the bytes of the answer without keeping them. */
function fetchAll(port: number, path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let n = 0;
      res.on('data', (c: Buffer) => (n += c.length));
      res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`download answered ${res.statusCode}`))));
    })
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

/** PUTs the file as a plain body (the bare server's upload: no multipart). */
function putRaw(port: number, target: string, path: string, size: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'PUT', path: target, headers: { 'content-length': String(size) } });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 201 ? resolve() : reject(new Error(`raw PUT answered ${res.statusCode}`))));
    });
    req.on('error', reject);
    createReadStream(path).pipe(req);
  });
}

/** An api process on one store, warmed up, with a signed-in team and an RSS sampler. */
interface Api {
  port: number;
  token: string;
  process: ChildProcess;
  db: string;
  rssBase: number;
  rssPeak: number;
  sampler: NodeJS.Timeout;
}

async function startApi(label: 'disk' | 's3', env: Record<string, string>, path: string, size: number): Promise<Api> {
  const db = `jiebang_bench_documents_${label}`;
  const port = PORTS[label];
  const child = await startProcess(
    'apps/api/src/main.ts',
    {
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: await freshDatabase(db),
      REDIS_PREFIX: `bench-documents-${label}`,
      LOG_LEVEL: 'warn',
      REGISTRATION_RATE_LIMIT: '1000000',
      DOCUMENT_MAX_BYTES: String(64 * MB),
    },
    `http://127.0.0.1:${port}/api/v1/health/ready`,
  );
  const token = await signUp(`http://127.0.0.1:${port}/api/v1`);
  await download(port, token, await upload(port, token, path, size)); // warm-up, then the baseline RSS
  const api: Api = {
    port,
    token,
    process: child,
    db,
    rssBase: rssMb(child.pid as number),
    rssPeak: 0,
    sampler: undefined as never,
  };
  api.rssPeak = api.rssBase;
  api.sampler = setInterval(() => (api.rssPeak = Math.max(api.rssPeak, rssMb(child.pid as number))), 50);
  return api;
}

async function stopApi(api: Api | undefined): Promise<void> {
  if (!api) return;
  clearInterval(api.sampler);
  await stopProcess(api.process);
  await dropDatabase(api.db);
}

/** Every operation once, MB/s each. */
async function round(r: number, path: string, size: number, dir: string, s3: TestS3, apis: Record<'disk' | 's3', Api>) {
  const name = (i: number) => `r${r}-${i}`;
  const getBare = async (i: number) => {
    if ((await fetchAll(PORTS.bare, `/files/${name(i)}`)) !== size) throw new Error('short bare download');
  };
  const apiRun = async (api: Api) => {
    const ids: string[] = [];
    const up = await timed(FILES, async (i) => (ids[i] = await upload(api.port, api.token, path, size)));
    const down = await timed(FILES, async (i) => {
      if ((await download(api.port, api.token, ids[i])) !== size) throw new Error('short download');
    });
    return { up, down };
  };
  const diskWrite = await timed(FILES, (i) =>
    pipeline(createReadStream(path, IO), createWriteStream(join(dir, `raw-${name(i)}`), { ...IO, flush: true })),
  );
  const diskRead = await timed(FILES, async (i) => {
    for await (const _chunk of createReadStream(join(dir, `raw-${name(i)}`), IO)) void _chunk;
  });
  const bareUp = await timed(FILES, (i) => putRaw(PORTS.bare, `/files/${name(i)}`, path, size));
  const bareDown = await timed(FILES, getBare);
  const disk = await apiRun(apis.disk);
  const s3Put = await timed(FILES, (i) =>
    s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: name(i), Body: createReadStream(path), ContentLength: size })),
  );
  const s3Get = await timed(FILES, async (i) => {
    const out = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: name(i) }));
    for await (const _chunk of out.Body as AsyncIterable<Buffer>) void _chunk;
  });
  const onS3 = await apiRun(apis.s3);
  return { diskWrite, diskRead, bareUp, bareDown, disk, s3Put, s3Get, onS3 };
}

type Round = Awaited<ReturnType<typeof round>>;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** One line: the median MB/s and the median of the per-round ratios to each baseline. */
function line(
  rounds: Round[],
  store: string,
  operation: string,
  of: (r: Round) => number,
  ...baselines: ((r: Round) => number)[]
): string {
  const ratios = baselines.map((b) => `${(median(rounds.map((r) => of(r) / b(r))) * 100).toFixed(0)}%`);
  const cells = [store.padEnd(8), operation.padEnd(26), median(rounds.map(of)).toFixed(1).padStart(8)];
  return [...cells, ...ratios.map((x, i) => x.padStart(i === 0 ? 7 : 13))].join(' ');
}

function report(rounds: Round[], apis: Record<'disk' | 's3', Api>): void {
  const k = {
    diskWrite: (r: Round) => r.diskWrite,
    diskRead: (r: Round) => r.diskRead,
    bareUp: (r: Round) => r.bareUp,
    bareDown: (r: Round) => r.bareDown,
    s3Put: (r: Round) => r.s3Put,
    s3Get: (r: Round) => r.s3Get,
  };
  console.log(`\n${FILES} files of ${FILE_MB} MB each way, ${CONCURRENCY} at a time, ${rounds.length} rounds (medians)`);
  console.log(
    `${'store'.padEnd(8)} ${'operation'.padEnd(26)} ${'MB/s'.padStart(8)} ${'of raw'.padStart(7)} ${'of bare HTTP'.padStart(13)}`,
  );
  for (const text of [
    line(rounds, 'disk', 'raw write (fsync)', k.diskWrite, k.diskWrite),
    line(rounds, 'disk', 'bare HTTP upload (fsync)', k.bareUp, k.diskWrite, k.bareUp),
    line(rounds, 'disk', 'api upload (sealed)', (r) => r.disk.up, k.diskWrite, k.bareUp),
    line(rounds, 'disk', 'raw read (page cache)', k.diskRead, k.diskRead),
    line(rounds, 'disk', 'bare HTTP download', k.bareDown, k.diskRead, k.bareDown),
    line(rounds, 'disk', 'api download (verified)', (r) => r.disk.down, k.diskRead, k.bareDown),
    line(rounds, 's3rver', 'raw PUT', k.s3Put, k.s3Put),
    line(rounds, 's3rver', 'api upload (sealed)', (r) => r.onS3.up, k.s3Put),
    line(rounds, 's3rver', 'raw GET', k.s3Get, k.s3Get),
    line(rounds, 's3rver', 'api download (verified)', (r) => r.onS3.down, k.s3Get),
  ])
    console.log(text);
  for (const [label, api] of Object.entries(apis))
    console.log(
      `api RSS (${label}): ${api.rssBase} MB after warm-up, peak ${api.rssPeak} MB, growth ${api.rssPeak - api.rssBase} MB`,
    );
  reportDocumentGoals(rounds, apis);
}

/** Issue 16's goals: each way ≥ 50% of what the bytes cost without the api (bare HTTP on disk, raw S3), RSS growth < 100 MB. */
function reportDocumentGoals(rounds: Round[], apis: Record<'disk' | 's3', Api>): void {
  const share = (of: (r: Round) => number, base: (r: Round) => number) => median(rounds.map((r) => of(r) / base(r)));
  const growth = Math.max(...Object.values(apis).map((a) => a.rssPeak - a.rssBase));
  const ways = [
    {
      measure: 'disk upload (sealed) vs bare HTTP upload',
      x: share(
        (r) => r.disk.up,
        (r) => r.bareUp,
      ),
    },
    {
      measure: 'disk download (verified) vs bare HTTP download',
      x: share(
        (r) => r.disk.down,
        (r) => r.bareDown,
      ),
    },
    {
      measure: 'S3 upload (sealed) vs raw PUT',
      x: share(
        (r) => r.onS3.up,
        (r) => r.s3Put,
      ),
    },
    {
      measure: 'S3 download (verified) vs raw GET',
      x: share(
        (r) => r.onS3.down,
        (r) => r.s3Get,
      ),
    },
  ];
  for (const { measure, x } of ways)
    reportGoal({
      bench: 'documents',
      measure,
      now: `${(x * 100).toFixed(0)}%, RSS growth ${growth} MB`,
      goal: '≥ 50%, RSS growth < 100 MB',
      met: x >= 0.5 && growth < 100,
    });
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'jiebang-bench-documents-'));
  const path = join(work, 'file.pdf');
  const size = FILE_MB * MB;
  writeFileSync(path, Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(size - 9)]));
  const s3rver = await startProcess(
    'bench/support/s3-server-process.ts',
    { PORT: String(PORTS.s3rver), BUCKET },
    `http://127.0.0.1:${PORTS.s3rver}/${BUCKET}`,
  );
  const s3 = connectTestS3(`http://127.0.0.1:${PORTS.s3rver}`, BUCKET);
  let bare: ChildProcess | undefined;
  let disk: Api | undefined;
  let onS3: Api | undefined;
  try {
    bare = await startProcess(
      'bench/support/bare-file-server.ts',
      { PORT: String(PORTS.bare), FILES_DIR: work, IO_BYTES: String(DISK_IO_BYTES) },
      `http://127.0.0.1:${PORTS.bare}/`,
    );
    await putRaw(PORTS.bare, '/files/warm-up', path, size); // warmed up as the apis are
    await fetchAll(PORTS.bare, '/files/warm-up');
    disk = await startApi('disk', { DOCUMENTS_DIR: join(work, 'store') }, path, size);
    onS3 = await startApi('s3', s3.env, path, size);
    const rounds: Round[] = [];
    for (let r = 0; r < ROUNDS; r++) rounds.push(await round(r, path, size, work, s3, { disk, s3: onS3 }));
    report(rounds, { disk, s3: onS3 });
  } finally {
    await stopApi(disk);
    await stopApi(onS3);
    if (bare) await stopProcess(bare);
    await s3.close();
    await stopProcess(s3rver);
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
