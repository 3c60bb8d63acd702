import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { KeyRing, rewrapDocumentKeys } from '@app/documents';
import { pdfOf } from './support/document-files';
import { Session, bearer, registerTeam } from './support/factories';
import { TestApp, createTestApp } from './support/test-app';

jest.setTimeout(120_000);
const API = '/api/v1';

/**
 * KEK rotation: documents sealed under key k1 are re-wrapped under k2 by `rewrapDocumentKeys` (the
 * `npm run documents:rewrap` command), without touching the files; afterwards k1 is not needed.
 */
describe('documents: key-encryption key rotation', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);
  const dir = mkdtempSync(join(tmpdir(), 'jiebang-documents-rotation-'));
  let t: TestApp;
  let team: Session;
  let dataSource: DataSource;

  beforeAll(async () => {
    // The app wraps new keys under k1 and still reads k2 (as after a rollback of a rotation).
    t = await createTestApp({
      env: {
        DOCUMENTS_DIR: dir,
        DOCUMENTS_KEK: `k1:${k1.toString('base64')}`,
        DOCUMENTS_OLD_KEKS: `k2:${k2.toString('base64')}`,
      },
    });
    team = await registerTeam(t.http);
    dataSource = t.app.get(DataSource);
  });
  afterAll(async () => {
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const upload = async (file: Buffer): Promise<string> =>
    (await t.http.post(`${API}/documents`).set(bearer(team)).attach('file', file, 'r.pdf').expect(201)).body.id;
  const keysOf = async (ids: string[]) =>
    (await dataSource.query(`SELECT id, key_id, wrapped_key FROM documents WHERE id = ANY($1) ORDER BY id`, [ids])) as Array<{
      id: string;
      key_id: string;
      wrapped_key: Buffer;
    }>;

  it('re-wraps every data key under the new key; the files still open; the retired key is no longer needed', async () => {
    const files = [pdfOf(70_000), pdfOf(1_000)];
    const ids = [await upload(files[0]), await upload(files[1])];
    expect((await keysOf(ids)).map((r) => r.key_id)).toEqual(['k1', 'k1']);

    const rotated = new KeyRing(
      'k2',
      new Map([
        ['k1', k1],
        ['k2', k2],
      ]),
    );
    const first = await rewrapDocumentKeys(dataSource, rotated, 1);
    expect(first.rewrapped).toBeGreaterThanOrEqual(2);
    expect(first.unavailable).toEqual([]);
    const rows = await keysOf(ids);
    expect(rows.map((r) => r.key_id)).toEqual(['k2', 'k2']);

    const onlyK2 = new KeyRing('k2', new Map([['k2', k2]]));
    for (const r of rows) expect(onlyK2.unwrap(r.key_id, r.wrapped_key, r.id)).toHaveLength(32);
    // The app reads k2 too: the re-wrapped keys open the very same files.
    for (const [i, id] of ids.entries()) {
      const res = await t.http
        .get(`${API}/documents/${id}/content`)
        .set(bearer(team))
        .buffer(true)
        .parse(binary as never)
        .expect(200);
      expect((res.body as Buffer).equals(files[i])).toBe(true);
    }
    // Run again: nothing left to do.
    expect(await rewrapDocumentKeys(dataSource, rotated)).toEqual({ rewrapped: 0, unavailable: [] });
  });

  it('reports the documents whose key no configured KEK opens, by id, and leaves them as they are', async () => {
    const id = await upload(pdfOf(2_000));
    const [before] = await keysOf([id]);
    // Wrapped under a key the rotation does not have (k1 is gone from its ring).
    const withoutK1 = new KeyRing('k2', new Map([['k2', k2]]));
    const report = await rewrapDocumentKeys(dataSource, withoutK1);
    expect(report.unavailable).toContain(id);
    expect(JSON.stringify(report)).not.toContain(k1.toString('base64'));
    expect(await keysOf([id])).toEqual([before]);
  });
});

function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}
