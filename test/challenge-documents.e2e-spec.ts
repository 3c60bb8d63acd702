import { createHash } from 'node:crypto';
import { Client } from 'pg';
import { challengeBody } from '@app/bids/testing/fixtures';
import { docxOf, pdfOf } from './support/document-files';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';
import { OcdsFeedChecker } from './support/ocds-feed';
import { TestApp, createTestApp } from './support/test-app';

jest.setTimeout(120_000);
const API = '/api/v1';
const PROBLEM = /^application\/problem\+json/;
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** supertest's buffer parser, for reading a download's bytes whatever its media type. */
const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/**
 * A challenge's own documents (issue 16, phase 2): the agency attaches its notice and technical
 * annexes to a draft and names the documents every bid must carry; a draft's files are its agency's
 * (and admins') only, a published challenge's files are public and cacheable, and the set is frozen
 * at publication; the OCDS tender release lists them with their public URL.
 */
describe('challenge documents', () => {
  let t: TestApp;
  let admin: Session;
  let agency: Session;
  let otherAgency: Session;
  let team: Session;
  let db: Client;
  let official: OcdsFeedChecker;

  const notice = pdfOf(70_000, '榜单公告');
  const annex = docxOf('技术附件');
  const laterAnnex = pdfOf(3_000, '补充技术附件');
  const ids = { notice: '', annex: '', laterAnnex: '', foreign: '', challenge: '' };

  const upload = async (s: Session, file: Buffer, filename: string): Promise<string> => {
    const res = await t.http
      .post(`${API}/documents`)
      .set(bearer(s))
      .attach('file', file, { filename, contentType: 'application/octet-stream' });
    if (res.status !== 201) throw new Error(`upload: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.id as string;
  };
  const content = (id: string, s?: Session) => {
    const req = t.http
      .get(`${API}/documents/${id}/content`)
      .buffer(true)
      .parse(binary as never);
    return s ? req.set(bearer(s)) : req;
  };

  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S' } });
    official = new OcdsFeedChecker(t.http);
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    otherAgency = await createStaff(t.http, admin, 'agency');
    team = await registerTeam(t.http);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    ids.notice = await upload(agency, notice, '榜单公告.pdf');
    ids.annex = await upload(agency, annex, '技术附件.docx');
    ids.laterAnnex = await upload(agency, laterAnnex, '补充技术附件.pdf');
    ids.foreign = await upload(otherAgency, pdfOf(2_000), '别家的文件.pdf');
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
  });

  it('the agency creates a draft with its notice, its annex and the documents every bid must carry, and reads them back', async () => {
    const res = await t.http
      .post(`${API}/challenges`)
      .set(bearer(agency))
      .send(
        challengeBody({
          requiredBidDocuments: ['application', 'budget'],
          documents: [
            { documentId: ids.notice, role: 'notice' },
            { documentId: ids.annex, role: 'technical_annex' },
          ],
        }),
      )
      .expect(201);
    ids.challenge = res.body.id;
    expect(res.body.requiredBidDocuments).toEqual(['application', 'budget']);
    expect(res.body.documents).toEqual([
      {
        id: ids.notice,
        role: 'notice',
        name: '榜单公告.pdf',
        mediaType: 'application/pdf',
        size: notice.length,
        sha256: sha256(notice),
      },
      {
        id: ids.annex,
        role: 'technical_annex',
        name: '技术附件.docx',
        mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        size: annex.length,
        sha256: sha256(annex),
      },
    ]);
    const read = await t.http.get(`${API}/challenges/${ids.challenge}`).set(bearer(agency)).expect(200);
    expect(read.body).toEqual(res.body);
    // The list carries the same (built by its own JSON writer): equal to the single view.
    const list = await t.http.get(`${API}/challenges`).query({ mine: true }).set(bearer(agency)).expect(200);
    expect(list.body.items.find((i: { id: string }) => i.id === ids.challenge)).toEqual(read.body);
    const meta = await t.http.get(`${API}/documents/${ids.notice}`).set(bearer(agency)).expect(200);
    expect(meta.body).toMatchObject({ subjectType: 'challenge', subjectId: ids.challenge, role: 'notice' });
    // The ledger (not public while a draft) keeps what was attached, with the files' SHA-256.
    const { rows } = await db.query(
      `SELECT after, public FROM audit_entries WHERE challenge_id = $1 AND action = 'challenge.created'`,
      [ids.challenge],
    );
    expect(rows[0].public).toBe(false);
    expect(rows[0].after.requiredBidDocuments).toEqual(['application', 'budget']);
    expect(rows[0].after.documents.map((d: { sha256: string }) => d.sha256)).toEqual([sha256(notice), sha256(annex)]);
  });

  it('a draft’s document is 404 to a team and to anyone without a token, 200 to its agency (never cached) and to admins', async () => {
    for (const id of [ids.notice, ids.annex]) {
      const anon = await content(id).expect(404);
      expect(anon.headers['content-type']).toMatch(PROBLEM);
      expect(JSON.parse(anon.body.toString()).code).toBe('documents.not_found');
      await content(id, team).expect(404);
      await content(id, otherAgency).expect(404);
      await t.http.get(`${API}/documents/${id}`).set(bearer(team)).expect(404);
    }
    const own = await content(ids.notice, agency).expect(200);
    expect(Buffer.compare(own.body, notice)).toBe(0);
    expect(own.headers['cache-control']).toBe('private, no-store');
    await content(ids.annex, admin).expect(200);
  });

  it('refuses bad bodies: a role twice, a role that cannot be required, a bid role for a challenge document, too many documents', async () => {
    const refused = async (over: Record<string, unknown>, field: string) => {
      const res = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody(over));
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(JSON.stringify(res.body.errors ?? [])).toContain(field);
    };
    await refused({ requiredBidDocuments: ['application', 'application'] }, 'requiredBidDocuments');
    await refused({ requiredBidDocuments: ['other'] }, 'requiredBidDocuments');
    await refused({ requiredBidDocuments: 'application' }, 'requiredBidDocuments');
    await refused({ documents: [{ documentId: ids.laterAnnex, role: 'application' }] }, 'documents');
    await refused({ documents: [{ documentId: 'not-a-uuid', role: 'notice' }] }, 'documents');
    for (const nested of [[[]], ['x'], [null]]) await refused({ documents: nested }, 'documents');
    await refused(
      { documents: Array.from({ length: 21 }, () => ({ documentId: ids.laterAnnex, role: 'technical_annex' })) },
      'documents',
    );
    await refused(
      {
        documents: [
          { documentId: ids.laterAnnex, role: 'technical_annex' },
          { documentId: ids.laterAnnex, role: 'notice' },
        ],
      },
      'documents',
    );
    // None of these attached anything.
    const meta = await t.http.get(`${API}/documents/${ids.laterAnnex}`).set(bearer(agency)).expect(200);
    expect(meta.body.subjectType).toBeNull();
  });

  it('another agency’s upload cannot be attached (403 documents.not_uploader), and the draft is not written', async () => {
    const before = (await db.query(`SELECT count(*)::int AS n FROM challenges`)).rows[0].n;
    const res = await t.http
      .post(`${API}/challenges`)
      .set(bearer(agency))
      .send(challengeBody({ documents: [{ documentId: ids.foreign, role: 'notice' }] }))
      .expect(403);
    expect(res.body.code).toBe('documents.not_uploader');
    expect((await db.query(`SELECT count(*)::int AS n FROM challenges`)).rows[0].n).toBe(before);
    // Nor through an edit of an existing draft.
    const edit = await t.http
      .patch(`${API}/challenges/${ids.challenge}`)
      .set(bearer(agency))
      .send({ documents: [{ documentId: ids.foreign, role: 'technical_annex' }] })
      .expect(403);
    expect(edit.body.code).toBe('documents.not_uploader');
    const meta = await t.http.get(`${API}/documents/${ids.foreign}`).set(bearer(otherAgency)).expect(200);
    expect(meta.body.subjectType).toBeNull();
  });

  it('an edit of the draft adds documents (attaching one again is a no-op) and changes the required documents', async () => {
    const res = await t.http
      .patch(`${API}/challenges/${ids.challenge}`)
      .set(bearer(agency))
      .send({
        requiredBidDocuments: ['application', 'commitment', 'budget'],
        documents: [
          { documentId: ids.notice, role: 'notice' },
          { documentId: ids.laterAnnex, role: 'technical_annex' },
        ],
      })
      .expect(200);
    expect(res.body.requiredBidDocuments).toEqual(['application', 'commitment', 'budget']);
    expect(res.body.documents.map((d: { id: string; role: string }) => [d.id, d.role])).toEqual([
      [ids.notice, 'notice'],
      [ids.annex, 'technical_annex'],
      [ids.laterAnnex, 'technical_annex'],
    ]);
    // An attached document does not change role.
    const moved = await t.http
      .patch(`${API}/challenges/${ids.challenge}`)
      .set(bearer(agency))
      .send({ documents: [{ documentId: ids.annex, role: 'notice' }] })
      .expect(409);
    expect(moved.body.code).toBe('documents.already_attached');
    // An edit without documents leaves them as they are.
    const titled = await t.http.patch(`${API}/challenges/${ids.challenge}`).set(bearer(agency)).send({ title: '带附件的榜单' });
    expect(titled.status).toBe(200);
    expect(titled.body.documents).toHaveLength(3);
    expect(titled.body.requiredBidDocuments).toEqual(['application', 'commitment', 'budget']);
    const { rows } = await db.query(
      `SELECT after FROM audit_entries WHERE challenge_id = $1 AND action = 'challenge.updated' ORDER BY seq`,
      [ids.challenge],
    );
    expect(rows[0].after.requiredBidDocuments).toEqual(['application', 'commitment', 'budget']);
    expect(rows[0].after.documentsAdded.map((d: { id: string }) => d.id)).toEqual([ids.laterAnnex]);
  });

  it('once published the files are public (no token, cacheable) and the set is frozen (409 challenges.documents_frozen)', async () => {
    const pub = await t.http.post(`${API}/challenges/${ids.challenge}/publish`).set(bearer(agency)).expect(200);
    expect(pub.body.documents).toHaveLength(3);
    const anon = await content(ids.notice).expect(200);
    expect(Buffer.compare(anon.body, notice)).toBe(0);
    expect(anon.headers['cache-control']).toBe('public, max-age=300');
    expect(anon.headers.etag).toBe(`"sha256-${sha256(notice)}"`);
    await content(ids.annex, team).expect(200);
    const seen = await t.http.get(`${API}/challenges/${ids.challenge}`).expect(200);
    expect(seen.body.documents.map((d: { id: string }) => d.id)).toEqual([ids.notice, ids.annex, ids.laterAnnex]);
    expect(seen.body.requiredBidDocuments).toEqual(['application', 'commitment', 'budget']);

    const another = await upload(agency, pdfOf(1_000), '迟到的附件.pdf');
    for (const body of [
      { documents: [{ documentId: another, role: 'technical_annex' }] },
      { documents: [] },
      { requiredBidDocuments: ['application'] },
    ]) {
      const res = await t.http.patch(`${API}/challenges/${ids.challenge}`).set(bearer(agency)).send(body).expect(409);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.code).toBe('challenges.documents_frozen');
    }
    expect((await t.http.get(`${API}/documents/${another}`).set(bearer(agency)).expect(200)).body.subjectType).toBeNull();
    // The public ledger entry of the publication commits to the files' SHA-256.
    const { rows } = await db.query(
      `SELECT after FROM audit_entries WHERE challenge_id = $1 AND action = 'challenge.published' AND public`,
      [ids.challenge],
    );
    expect(rows[0].after.documents.map((d: { sha256: string }) => d.sha256)).toEqual([
      sha256(notice),
      sha256(annex),
      sha256(laterAnnex),
    ]);
  });

  it('the OCDS tender release lists them as tender.documents (public URL, documentType by role), conformant to OCDS 1.1.5', async () => {
    const page = await t.http.get(`${API}/open-data/ocds/releases`).query({ limit: 1000 }).expect(200);
    await official.assert('releasePackage', page.body);
    const tender = page.body.releases.find(
      (r: { tag: string[]; tender: { id: string } }) => r.tag.includes('tender') && r.tender.id === ids.challenge,
    );
    expect(tender).toBeDefined();
    const extension = (page.body.extensions as string[]).find((u) => u.includes('/extensions/jiebang/'))!;
    const base = extension.slice(0, extension.indexOf('/api/v1/'));
    const publishedAt = (await t.http.get(`${API}/challenges/${ids.challenge}`).expect(200)).body.publishedAt;
    expect(tender.tender.documents).toEqual([
      {
        id: ids.notice,
        documentType: 'tenderNotice',
        title: '榜单公告.pdf',
        url: `${base}/api/v1/documents/${ids.notice}/content`,
        datePublished: publishedAt,
        format: 'application/pdf',
        language: 'zh',
        jiebang: { sha256: sha256(notice), size: notice.length },
      },
      expect.objectContaining({ id: ids.annex, documentType: 'technicalSpecifications', title: '技术附件.docx' }),
      expect.objectContaining({ id: ids.laterAnnex, documentType: 'technicalSpecifications' }),
    ]);
    // The URL is the public download: anyone fetches the very bytes the hash names.
    const got = await content(ids.laterAnnex).expect(200);
    expect(new URL(tender.tender.documents[2].url).pathname).toBe(`${API}/documents/${ids.laterAnnex}/content`);
    expect(sha256(got.body)).toBe(tender.tender.documents[2].jiebang.sha256);
    // The record compiles them once each, and conforms too.
    const record = await t.http.get(`${API}/open-data/ocds/records/${tender.ocid}`).expect(200);
    await official.assert('recordPackage', record.body);
    expect(record.body.records[0].compiledRelease.tender.documents.map((d: { id: string }) => d.id)).toEqual([
      ids.notice,
      ids.annex,
      ids.laterAnnex,
    ]);
  });

  it('the feed’s own extension declares Document.jiebang', async () => {
    const meta = await t.http.get(`${API}/open-data/ocds/extensions/jiebang/extension.json`).expect(200);
    expect(meta.body.description.en).toContain('Document.jiebang');
    const patch = await t.http.get(`${API}/open-data/ocds/extensions/jiebang/release-schema.json`).expect(200);
    expect(patch.body.definitions.Document.properties.jiebang.$ref).toBe('#/definitions/JiebangDocumentIntegrity');
    expect(patch.body.definitions.JiebangDocumentIntegrity.required).toEqual(['sha256', 'size']);
  });

  it('a draft never published has no release, and its files stay private even to the open-data feed', async () => {
    const doc = await upload(agency, pdfOf(1_500), '草稿公告.pdf');
    const draft = await t.http
      .post(`${API}/challenges`)
      .set(bearer(agency))
      .send(challengeBody({ documents: [{ documentId: doc, role: 'notice' }] }))
      .expect(201);
    const page = await t.http.get(`${API}/open-data/ocds/releases`).query({ limit: 1000 }).expect(200);
    expect(JSON.stringify(page.body)).not.toContain(doc);
    await content(doc).expect(404);
    // Cancelling the draft does not publish its files either.
    await t.http.post(`${API}/challenges/${draft.body.id}/cancel`).set(bearer(agency)).send({}).expect(200);
    await content(doc).expect(404);
    await content(doc, agency).expect(200);
  });
});
