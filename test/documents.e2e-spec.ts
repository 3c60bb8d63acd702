import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { AddressInfo } from 'node:net';
import { GetObjectCommand, ListObjectsV2Command, PutObjectCommand } from '@aws-sdk/client-s3';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { Role } from '@app/common/auth';
import { DocumentAccessRegistry, KeyRing, attachDocuments, readSubjectDocuments } from '@app/documents';
import { chunkCount, sealChunk } from '@app/documents/sealing/sealed-format';
import { PLAINTEXT_MARKER, docxOf, pdfOf, pngOf, rawUpload } from './support/document-files';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';
import { TestS3, startTestS3 } from './support/s3-server';
import { TestApp, createTestApp } from './support/test-app';
import { TestWorker, createTestWorker } from './support/test-worker';

jest.setTimeout(120_000);
const API = '/api/v1';
const MAX_BYTES = 4 * 1024 * 1024; // above the disk store's 1 MiB reads, so a file can outlast its first read
const TEST_SUBJECT = 'test_subject';

/** Where the suite's store keeps its objects, as the test reads them (never through the app). */
interface StoreProbe {
  env: Record<string, string>;
  read(id: string): Promise<Buffer>;
  write(id: string, bytes: Buffer): Promise<void>;
  count(): Promise<number>;
  close(): Promise<void>;
}

function diskProbe(): StoreProbe {
  const dir = mkdtempSync(join(tmpdir(), 'jiebang-documents-'));
  const pathOf = (id: string) => join(dir, 'objects', id.slice(0, 2), id);
  const files = (sub: string): string[] => {
    try {
      return readdirSync(join(dir, sub), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name);
    } catch {
      return [];
    }
  };
  return {
    env: { DOCUMENTS_DIR: dir },
    read: async (id) => readFileSync(pathOf(id)),
    write: async (id, bytes) => {
      mkdirSync(join(pathOf(id), '..'), { recursive: true });
      writeFileSync(pathOf(id), bytes);
    },
    // Temporary files count too: a refused upload must leave nothing at all.
    count: async () => files('objects').length + files('tmp').length,
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function s3Probe(): Promise<StoreProbe> {
  const s3: TestS3 = await startTestS3();
  const key = (id: string) => `documents/${id}`;
  return {
    env: s3.env,
    read: async (id) => {
      const out = await s3.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key(id) }));
      return Buffer.from(await (out.Body as { transformToByteArray(): Promise<Uint8Array> }).transformToByteArray());
    },
    write: async (id, bytes) => {
      await s3.client.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key(id), Body: bytes }));
    },
    count: async () => (await s3.client.send(new ListObjectsV2Command({ Bucket: s3.bucket }))).KeyCount ?? 0,
    close: () => s3.close(),
  };
}

describe.each([
  ['disk', async () => diskProbe()],
  ['s3 (s3rver)', s3Probe],
])('documents on the %s store', (store, makeProbe) => {
  let t: TestApp;
  let probe: StoreProbe;
  let db: Client;
  let port: number;
  let team: Session;
  let teammate: Session;
  let otherTeam: Session;
  let agency: Session;
  let admin: Session;

  const upload = (s: Session, file: Buffer, filename: string) =>
    t.http.post(`${API}/documents`).set(bearer(s)).attach('file', file, { filename, contentType: 'application/octet-stream' });
  const rows = async () => Number((await db.query('SELECT count(*) AS n FROM documents')).rows[0].n);
  const intents = async () =>
    (await db.query('SELECT storage_key FROM document_upload_intents ORDER BY storage_key')).rows.map((r) => r.storage_key);
  const content = (id: string, s?: Session) => {
    const req = t.http
      .get(`${API}/documents/${id}/content`)
      .buffer(true)
      .parse(binary as never);
    return s ? req.set(bearer(s)) : req;
  };

  beforeAll(async () => {
    probe = await makeProbe();
    t = await createTestApp({
      acceptLanguage: 'en',
      env: { ...probe.env, DOCUMENT_MAX_BYTES: String(MAX_BYTES), DOCUMENT_ORPHAN_TTL: 'PT4S' },
    });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    admin = await loginAdmin(t.http);
    team = await registerTeam(t.http);
    teammate = await createStaff(t.http, admin, 'reviewer'); // no organisation: someone else
    otherTeam = await registerTeam(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    t.app.get(DocumentAccessRegistry).register(TEST_SUBJECT, async (doc, user) => {
      if (doc.role === 'notice') return 'public';
      if (user?.organizationId && user.organizationId === doc.organizationId) return 'allowed';
      return user?.role === Role.Agency ? 'forbidden' : 'hidden';
    });
  });

  afterAll(async () => {
    await db?.end();
    await t?.close();
    await probe?.close();
  });

  it('uploads, and downloads the same bytes with a Chinese name, nosniff and no-store', async () => {
    const file = pdfOf(300_000);
    const up = await upload(team, file, '申报书（终稿）.pdf').expect(201);
    expect(up.body).toEqual({
      id: expect.any(String),
      name: '申报书（终稿）.pdf',
      mediaType: 'application/pdf',
      size: file.length,
      sha256: require('node:crypto').createHash('sha256').update(file).digest('hex'),
      createdAt: expect.any(String),
    });
    const res = await content(up.body.id, team).expect(200);
    expect(Buffer.compare(res.body as Buffer, file)).toBe(0);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="_______.pdf"; filename*=UTF-8''${encodeURIComponent('申报书（终稿）.pdf')}`,
    );
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toBe('private, no-store');
    expect(res.headers['accept-ranges']).toBe('bytes');
    const meta = await t.http.get(`${API}/documents/${up.body.id}`).set(bearer(team)).expect(200);
    expect(meta.body).toMatchObject({ id: up.body.id, subjectType: null, role: null, attachedAt: null });
  });

  it('serves ranges (206) across chunk boundaries, and 416 outside the file', async () => {
    const file = pdfOf(200_000);
    const { body } = await upload(team, file, 'range.pdf').expect(201);
    for (const [header, start, end] of [
      ['bytes=0-99', 0, 99],
      ['bytes=65530-131080', 65530, 131080],
      ['bytes=-1000', file.length - 1000, file.length - 1],
      ['bytes=199990-', 199990, file.length - 1],
    ] as const) {
      const res = await content(body.id, team).set('range', header).expect(206);
      expect(res.headers['content-range']).toBe(`bytes ${start}-${end}/${file.length}`);
      expect(Buffer.compare(res.body as Buffer, file.subarray(start, end + 1))).toBe(0);
    }
    const out = await content(body.id, team).set('range', `bytes=${file.length}-`).expect(416);
    expect(out.headers['content-range']).toBe(`bytes */${file.length}`);
    expect(JSON.parse((out.body as Buffer).toString())).toMatchObject({ code: 'documents.range_not_satisfiable' });
  });

  it('decides the type by the bytes: PNG and DOCX accepted whatever their names, anything else 415', async () => {
    expect((await upload(team, pngOf(), 'photo.pdf').expect(201)).body.mediaType).toBe('image/png');
    expect((await upload(team, docxOf(), 'x.bin').expect(201)).body.mediaType).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    const before = [await rows(), await probe.count()];
    const html = await upload(team, Buffer.from('<html><script>alert(1)</script></html>'.padEnd(5000, ' ')), 'a.pdf').expect(415);
    expect(html.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(html.body).toMatchObject({
      code: 'documents.unsupported_type',
      accepted: expect.arrayContaining(['application/pdf']),
    });
    expect(html.body.detail).toMatch(/PDF, OFD, DOCX, XLSX, PPTX, PNG, JPEG/);
    await upload(team, Buffer.from('PK\u0003\u0004 just a zip'.padEnd(3000, 'x')), 'a.docx').expect(415);
    await t.http.post(`${API}/documents`).set(bearer(team)).send({ file: 'x' }).expect(415);
    expect([await rows(), await probe.count()]).toEqual(before);
  });

  it('never stores a byte of plaintext', async () => {
    const { body } = await upload(team, pdfOf(150_000), 'secret.pdf').expect(201);
    const stored = await probe.read(body.id);
    expect(stored.length).toBe(150_000 + 3 * 16);
    expect(stored.includes(Buffer.from(PLAINTEXT_MARKER))).toBe(false);
    expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    const png = await upload(team, pngOf(), 'p.png').expect(201);
    expect((await probe.read(png.body.id)).includes(Buffer.from(PLAINTEXT_MARKER))).toBe(false);
  });

  it('a declared size: the same document; another size 400 documents.size_mismatch, over the limit 413 at once; nothing stored', async () => {
    const file = pdfOf(200_000);
    const sized = (size: string, body: Buffer) =>
      t.http.post(`${API}/documents`).set(bearer(team)).field('size', size).attach('file', body, 'sized.pdf');
    const ok = await sized('200000', file).expect(201);
    expect(ok.body.size).toBe(200_000);
    const back = await content(ok.body.id, team).expect(200);
    expect((back.body as Buffer).equals(file)).toBe(true);
    expect((await probe.read(ok.body.id)).length).toBe(200_000 + 4 * 16);

    const before = [await rows(), await probe.count()];
    for (const declared of ['199999', '200001', '0']) {
      const res = await sized(declared, file).expect(400);
      expect(res.body).toMatchObject({ code: 'documents.size_mismatch', declared: Number(declared) });
      expect(res.body.errors).toEqual([{ field: 'size', message: expect.any(String) }]);
    }
    for (const bad of ['-1', '1.5', 'abc', '']) {
      const res = await sized(bad, file).expect(400);
      expect(res.body.errors).toEqual([{ field: 'size', message: expect.any(String) }]);
    }
    const announced = await rawUpload(port, team.token, pdfOf(MAX_BYTES + 200_000), { declaredSize: MAX_BYTES + 200_000 });
    expect(announced?.status).toBe(413);
    expect(announced?.body).toMatchObject({ code: 'documents.too_large', maxBytes: MAX_BYTES });
    await new Promise((r) => setTimeout(r, 300));
    expect(await rows()).toBe(before[0]);
    // On disk nothing at all; s3rver may finish writing an aborted PUT after the object was deleted
    // (AWS and MinIO never keep one): the failed uploads' intents stay, and the sweep removes such an
    // object again (the orphan test below counts every object at the end).
    if (store === 'disk') expect(await probe.count()).toBe(before[1]);
  });

  it('413 while streaming, and a truncated upload: nothing stored', async () => {
    const before = [await rows(), await probe.count()];
    const big = await rawUpload(port, team.token, pdfOf(MAX_BYTES + 200_000));
    expect(big?.status).toBe(413);
    expect(big?.body).toMatchObject({ code: 'documents.too_large', maxBytes: MAX_BYTES });
    const cut = await rawUpload(port, team.token, pdfOf(600_000), { cutAt: 300_000 });
    expect(cut === null || cut.status >= 400).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    expect([await rows(), await probe.count()]).toEqual(before);
    // The limit itself is allowed.
    expect((await rawUpload(port, team.token, pdfOf(MAX_BYTES), { filename: 'exact.pdf' }))?.status).toBe(201);
  });

  /** The whole content over a raw socket: a cut answer is a result here, not a client error. */
  const rawContent = (id: string, s: Session) =>
    new Promise<{ status: number; declared: number; body: Buffer; complete: boolean }>((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path: `${API}/documents/${id}/content`, headers: bearer(s) }, (res) => {
        const chunks: Buffer[] = [];
        const done = (complete: boolean) =>
          resolve({
            status: res.statusCode ?? 0,
            declared: Number(res.headers['content-length']),
            body: Buffer.concat(chunks),
            complete,
          });
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(res.complete));
        res.on('aborted', () => done(false));
        res.on('error', () => done(false));
      });
      req.on('error', reject);
      req.end();
    });

  const CHUNK = 64 * 1024;
  const sealedOffset = (plainOffset: number) => plainOffset + Math.floor(plainOffset / CHUNK) * 16;

  /** Uploads a file (by default 4 chunks, 200,000 bytes) and flips one stored byte at the plaintext offset given. */
  async function tampered(plainOffset: number, size = 200_000): Promise<{ id: string; file: Buffer }> {
    const file = pdfOf(size);
    const { body } = await upload(team, file, 'tampered.pdf').expect(201);
    const stored = await probe.read(body.id);
    stored[sealedOffset(plainOffset)] ^= 0x01;
    await probe.write(body.id, stored);
    return { id: body.id, file };
  }

  const expectIntegrity500 = async (id: string, range?: string) => {
    const req = content(id, team);
    const res = await (range ? req.set('range', range) : req).expect(500);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse((res.body as Buffer).toString());
    expect(problem.code).toBe('documents.integrity_failure');
    expect((res.body as Buffer).includes(Buffer.from(PLAINTEXT_MARKER))).toBe(false);
  };

  it('a byte flipped in the first or the final chunk is a 500 documents.integrity_failure before anything is sent', async () => {
    const last = await tampered(199_000); // the final chunk carries the commitment to the SHA-256
    for (const range of [undefined, 'bytes=0-99', 'bytes=70000-70099']) await expectIntegrity500(last.id, range);
    const first = await tampered(100);
    await expectIntegrity500(first.id);
    await expectIntegrity500(first.id, 'bytes=0-99');
    // A range that does not touch the changed chunk is authentic, and served.
    const fine = await content(first.id, team).set('range', 'bytes=70000-70099').expect(206);
    expect((fine.body as Buffer).equals(first.file.subarray(70_000, 70_100))).toBe(true);
  });

  it('a byte flipped in a middle chunk cuts the answer short before that chunk: no changed byte is ever served', async () => {
    // Past the store's first read (the disk store reads 1 MiB at a time), so the answer has started.
    const flipped = 2_500_000;
    const { id, file } = await tampered(flipped, 3 * 1024 * 1024);
    const res = await rawContent(id, team);
    expect(res.status).toBe(200);
    expect(res.declared).toBe(file.length);
    expect(res.complete).toBe(false);
    expect(res.body.length).toBeLessThanOrEqual(Math.floor(flipped / CHUNK) * CHUNK);
    expect(res.body.equals(file.subarray(0, res.body.length))).toBe(true);
  });

  if (store === 'disk')
    it('a byte flipped in a middle chunk within the first read is a 500 before anything is sent', async () => {
      const { id } = await tampered(150_000); // the third of four chunks: the disk store reads all four at once
      await expectIntegrity500(id);
    });

  /** Seals an uploaded document's object again in format 1 (as uploads were before format 2: no hash commitment). */
  async function asFormat1(id: string, file: Buffer): Promise<void> {
    const row = (await db.query('SELECT key_id, wrapped_key, nonce_prefix, chunk_size FROM documents WHERE id = $1', [id]))
      .rows[0];
    const p = {
      key: t.app.get(KeyRing).unwrap(row.key_id, row.wrapped_key, id),
      noncePrefix: row.nonce_prefix as Buffer,
      chunkSize: row.chunk_size as number,
      format: 1 as const,
    };
    const n = chunkCount(file.length, p.chunkSize);
    const chunks = Array.from({ length: n }, (_, i) =>
      sealChunk(p, i, i === n - 1, file.subarray(i * p.chunkSize, (i + 1) * p.chunkSize)),
    );
    await probe.write(id, Buffer.concat(chunks));
    await db.query('ALTER TABLE documents DISABLE TRIGGER documents_immutable');
    try {
      await db.query('UPDATE documents SET seal_format = 1 WHERE id = $1', [id]);
    } finally {
      await db.query('ALTER TABLE documents ENABLE TRIGGER documents_immutable');
    }
  }

  it('a format-1 document (sealed before format 2) is read whole and checked against its SHA-256, then served', async () => {
    const file = pdfOf(200_000);
    const { body } = await upload(team, file, 'format-1.pdf').expect(201);
    await asFormat1(body.id, file);
    expect(((await content(body.id, team).expect(200)).body as Buffer).equals(file)).toBe(true);
    const part = await content(body.id, team).set('range', 'bytes=70000-70099').expect(206);
    expect((part.body as Buffer).equals(file.subarray(70_000, 70_100))).toBe(true);
    const stored = await probe.read(body.id);
    stored[sealedOffset(150_000)] ^= 0x01;
    await probe.write(body.id, stored);
    await expectIntegrity500(body.id); // the whole file is checked before a byte is sent
    await expectIntegrity500(body.id, 'bytes=0-99');
  });

  it('a recorded SHA-256 that is not the one the file was sealed with is a 500', async () => {
    const { body } = await upload(team, pdfOf(10_000), 'rehashed.pdf').expect(201);
    await db.query('ALTER TABLE documents DISABLE TRIGGER documents_immutable');
    try {
      await db.query(`UPDATE documents SET sha256 = $2 WHERE id = $1`, [body.id, 'a'.repeat(64)]);
    } finally {
      await db.query('ALTER TABLE documents ENABLE TRIGGER documents_immutable');
    }
    await expectIntegrity500(body.id);
  });

  it('an unattached document is readable by its uploader only', async () => {
    const { body } = await upload(team, pdfOf(10_000), 'mine.pdf').expect(201);
    for (const other of [teammate, otherTeam, agency, admin]) {
      await content(body.id, other).expect(404);
      await t.http.get(`${API}/documents/${body.id}`).set(bearer(other)).expect(404);
    }
    await content(body.id).expect(404);
    await t.http.get(`${API}/documents/00000000-0000-4000-8000-000000000000`).set(bearer(team)).expect(404);
    await t.http.get(`${API}/documents/not-a-uuid`).set(bearer(team)).expect(400);
    await t.http.post(`${API}/documents`).attach('file', pdfOf(1000), 'anon.pdf').expect(401);
  });

  it('attaches through the public functions; the registered rule decides access; an attached document cannot move', async () => {
    const notice = (await upload(team, pdfOf(20_000), '公告.pdf').expect(201)).body;
    const annex = (await upload(team, docxOf(), '技术附件.docx').expect(201)).body;
    const foreign = (await upload(otherTeam, pngOf(), 'x.png').expect(201)).body;
    const subjectId = '11111111-1111-4111-8111-111111111111';
    const dataSource = t.app.get(DataSource);
    const by = { id: team.userId, organizationId: team.organizationId };
    await dataSource.transaction(async (em) => {
      await attachDocuments(em, { documentIds: [notice.id], subjectType: TEST_SUBJECT, subjectId, role: 'notice', by });
      await attachDocuments(em, { documentIds: [annex.id], subjectType: TEST_SUBJECT, subjectId, role: 'annex', by });
    });
    const listed = await readSubjectDocuments(dataSource.manager, TEST_SUBJECT, subjectId);
    expect(listed.map((d) => [d.id, d.role, d.sha256, d.size])).toEqual([
      [notice.id, 'notice', notice.sha256, notice.size],
      [annex.id, 'annex', annex.sha256, annex.size],
    ]);
    // public: anyone, cacheable
    const pub = await content(notice.id).expect(200);
    expect(pub.headers['cache-control']).toBe('public, max-age=300');
    // the annex: its organisation; the agency 403; others 404
    await content(annex.id, team).expect(200);
    await content(annex.id, agency).expect(403);
    await content(annex.id, otherTeam).expect(404);
    await content(annex.id).expect(404);
    const attach = (documentIds: string[], sid = subjectId, role = 'annex') =>
      dataSource.transaction((em) => attachDocuments(em, { documentIds, subjectType: TEST_SUBJECT, subjectId: sid, role, by }));
    await expect(attach([annex.id])).resolves.toBeUndefined(); // again, same place: a no-op
    await expect(attach([annex.id], '22222222-2222-4222-8222-222222222222')).rejects.toMatchObject({
      code: 'documents.already_attached',
    });
    await expect(attach([foreign.id])).rejects.toMatchObject({ code: 'documents.not_uploader' });
    await expect(attach(['33333333-3333-4333-8333-333333333333'])).rejects.toMatchObject({ code: 'documents.not_found' });
    // immutable in the database too
    await expect(db.query(`UPDATE documents SET name = 'x' WHERE id = $1`, [annex.id])).rejects.toThrow(/immutable/);
    await expect(
      db.query(`UPDATE documents SET subject_type = NULL, subject_id = NULL, role = NULL, attached_at = NULL WHERE id = $1`, [
        annex.id,
      ]),
    ).rejects.toThrow(/stays attached/);
  });

  it('the orphan job deletes unattached uploads (row and object), objects of unfinished uploads, and keeps attached ones', async () => {
    const orphan = (await upload(team, pdfOf(5_000), 'orphan.pdf').expect(201)).body;
    const attached = (await db.query(`SELECT id FROM documents WHERE subject_type IS NOT NULL`)).rows.map((r) => r.id as string);
    expect(attached.length).toBeGreaterThan(0);
    // Every finished upload took its intent away; failed ones leave theirs for the sweep (see above).
    const recorded = await db.query('SELECT 1 FROM documents d JOIN document_upload_intents i ON i.storage_key = d.storage_key');
    expect(recorded.rowCount).toBe(0);
    // A process that died mid-upload: its intent and its object, no row.
    const crashed = `0f0f0f0f-0000-4000-8000-${randomBytes(6).toString('hex')}`;
    await db.query('INSERT INTO document_upload_intents (storage_key) VALUES ($1)', [crashed]);
    await probe.write(crashed, randomBytes(100));
    let worker: TestWorker | undefined;
    try {
      worker = await createTestWorker(t.config);
      const deadline = Date.now() + 30_000;
      const pending = async () =>
        (await db.query('SELECT 1 FROM documents WHERE id = $1', [orphan.id])).rowCount || (await intents()).length;
      while (Date.now() < deadline && (await pending())) await new Promise((r) => setTimeout(r, 250));
    } finally {
      await worker?.close();
    }
    expect((await db.query('SELECT 1 FROM documents WHERE id = $1', [orphan.id])).rowCount).toBe(0);
    await expect(probe.read(orphan.id)).rejects.toBeDefined();
    expect(await intents()).toEqual([]);
    await expect(probe.read(crashed)).rejects.toBeDefined();
    expect(await probe.count()).toBe(attached.length);
    expect(await rows()).toBe(attached.length);
    for (const id of attached) await expect(probe.read(id)).resolves.toBeInstanceOf(Buffer);
    expect((await db.query(`SELECT count(*)::int AS n FROM documents WHERE subject_type IS NULL`)).rows[0].n).toBe(0);
  });
});

function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
  res.on('error', (err: Error) => done(err, Buffer.concat(chunks)));
}

describe('documents when the store is away', () => {
  let t: TestApp;

  beforeAll(async () => {
    // An S3 endpoint nothing listens on: every call fails to connect.
    const s3 = await startTestS3();
    const env = { ...s3.env };
    await s3.close();
    t = await createTestApp({ acceptLanguage: 'en', env });
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 503 with Retry-After and stores no row', async () => {
    const team = await registerTeam(t.http);
    const res = await t.http
      .post(`${API}/documents`)
      .set(bearer(team))
      .attach('file', pdfOf(20_000), { filename: 'a.pdf', contentType: 'application/pdf' })
      .expect(503);
    expect(res.headers['retry-after']).toBeDefined();
    expect(res.body).toMatchObject({ code: 'documents.store_unavailable' });
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    expect((await db.query('SELECT count(*)::int AS n FROM documents')).rows[0].n).toBe(0);
    await db.end();
  });
});
