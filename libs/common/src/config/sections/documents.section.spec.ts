import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig } from '../app-config';
import { DEV_DOCUMENTS_KEK_ID } from './documents.section';

const kek = (id: string) => `${id}:${randomBytes(32).toString('base64')}`;
const PROD = { NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(40), ADMIN_PASSWORD: 'a-long-admin-password' };

describe('documents settings (AppConfig.documents)', () => {
  it('has working defaults outside production: disk store, a development key', () => {
    const d = loadConfig({}).documents;
    expect(d).toMatchObject({ maxBytes: 50 * 1024 * 1024, orphanTtlMs: 86_400_000, dir: './var/documents', s3: null });
    expect(d.currentKekId).toBe(DEV_DOCUMENTS_KEK_ID);
    expect(d.keks.get(DEV_DOCUMENTS_KEK_ID)).toHaveLength(32);
  });

  it('requires DOCUMENTS_KEK in production, and never prints a key', () => {
    expect(() => loadConfig(PROD)).toThrow(/DOCUMENTS_KEK: required in production/);
    const secret = randomBytes(16).toString('base64');
    try {
      loadConfig({ ...PROD, DOCUMENTS_KEK: `k1:${secret}` });
      throw new Error('accepted a 16-byte key');
    } catch (err) {
      expect((err as ConfigError).message).toMatch(/DOCUMENTS_KEK: the key "k1" must be 32 bytes/);
      expect((err as ConfigError).message).not.toContain(secret);
    }
  });

  it('reads the current and retired keys for rotation', () => {
    const d = loadConfig({
      ...PROD,
      DOCUMENTS_KEK: kek('2026-02'),
      DOCUMENTS_OLD_KEKS: `${kek('2025-01')}, ${kek('2025-07')}`,
    }).documents;
    expect(d.currentKekId).toBe('2026-02');
    expect([...d.keks.keys()].sort()).toEqual(['2025-01', '2025-07', '2026-02']);
    expect(() => loadConfig({ DOCUMENTS_KEK: kek('a'), DOCUMENTS_OLD_KEKS: kek('a') })).toThrow(/must not repeat/);
    expect(() => loadConfig({ DOCUMENTS_KEK: 'no-id-here' })).toThrow(/"<id>:<base64>"/);
  });

  it('turns the S3 store on with S3_BUCKET', () => {
    const d = loadConfig({
      S3_BUCKET: 'jiebang-documents',
      S3_ENDPOINT: 'http://minio:9000',
      S3_ACCESS_KEY_ID: 'minio',
      S3_SECRET_ACCESS_KEY: 'minio-secret',
      S3_FORCE_PATH_STYLE: 'true',
    }).documents;
    expect(d.s3).toEqual({
      bucket: 'jiebang-documents',
      endpoint: 'http://minio:9000',
      region: 'us-east-1',
      credentials: { accessKeyId: 'minio', secretAccessKey: 'minio-secret' },
      forcePathStyle: true,
    });
    expect(() => loadConfig({ S3_BUCKET: 'b', S3_ACCESS_KEY_ID: 'only-one' })).toThrow(/set both or neither/);
    expect(() => loadConfig({ S3_ENDPOINT: 'http://minio:9000' })).toThrow(/S3_BUCKET is not/);
    expect(() => loadConfig({ S3_FORCE_PATH_STYLE: 'yes' })).toThrow(/true or false/);
  });

  it('checks the limits', () => {
    expect(() => loadConfig({ DOCUMENT_MAX_BYTES: '0' })).toThrow(/DOCUMENT_MAX_BYTES/);
    expect(() => loadConfig({ DOCUMENT_ORPHAN_TTL: 'PT0S' })).toThrow(/DOCUMENT_ORPHAN_TTL/);
    expect(loadConfig({ DOCUMENT_MAX_BYTES: '1024', DOCUMENT_ORPHAN_TTL: 'PT1H' }).documents).toMatchObject({
      maxBytes: 1024,
      orphanTtlMs: 3_600_000,
    });
  });
});
