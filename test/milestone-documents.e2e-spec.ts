import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { seedProject } from '@app/milestones/testing/seed';
import { pdfOf, pngOf } from './support/document-files';
import { Session, bearer, createStaff, login, loginAdmin, registerTeam, uniqueEmail } from './support/factories';
import { TestApp, createTestApp } from './support/test-app';

/**
 * Documents of a project's life (issue 16, phase 2): evidence files of milestone submissions,
 * files of plan change requests, files of objections during publicity. Each is attached in the
 * transaction that writes its subject, shown in the subject's views, and read as its subject is.
 */
jest.setTimeout(180_000);
const API = '/api/v1';
const DAY = 86_400_000;

/** Who reads, and whether they may (200) or may not know the file exists (404). */
type Reader = [label: string, session: Session | undefined, status: 200 | 404];

describe('milestone, change-request and objection documents', () => {
  let t: TestApp;
  let db: Client;
  let dir: string;
  let admin: Session;
  let agency: Session;
  let otherAgency: Session;
  let pm: Session;
  let otherPm: Session;
  let team: Session;
  let teammate: Session;
  let otherTeam: Session;
  let otherTeamColleague: Session;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jiebang-milestone-documents-'));
    t = await createTestApp({ env: { DOCUMENTS_DIR: dir } });
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    otherAgency = await createStaff(t.http, admin, 'agency');
    pm = await createStaff(t.http, admin, 'program_manager');
    otherPm = await createStaff(t.http, admin, 'program_manager');
    team = await registerTeam(t.http);
    otherTeam = await registerTeam(t.http);
    teammate = await teamUser(team.organizationId as string);
    otherTeamColleague = await teamUser(otherTeam.organizationId as string);
  });
  afterAll(async () => {
    await db?.end();
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** A second team user of an organisation (added by the admin). */
  async function teamUser(organizationId: string): Promise<Session> {
    const email = uniqueEmail('colleague');
    const password = 'colleague-password-123';
    await t.http
      .post(`${API}/users`)
      .set(bearer(admin))
      .send({ email, password, displayName: '同事', role: 'team', organizationId })
      .expect(201);
    return login(t.http, email, password);
  }

  const project = (status: 'active' | 'publicity' = 'active') =>
    seedProject(db, {
      agencyId: agency.userId,
      organizationId: team.organizationId as string,
      programManagerId: pm.userId,
      grantedFen: 1_000_000_00,
      milestones: [
        { dueInMs: 60 * DAY, trancheFen: 600_000_00 },
        { dueInMs: 120 * DAY, trancheFen: 400_000_00 },
      ],
      status,
    });
  const upload = async (s: Session, file: Buffer, filename: string) =>
    (
      await t.http
        .post(`${API}/documents`)
        .set(bearer(s))
        .attach('file', file, { filename, contentType: 'application/octet-stream' })
        .expect(201)
    ).body as { id: string; name: string; mediaType: string; size: number; sha256: string };
  const submit = (s: Session, pid: string, mid: string, body: Record<string, unknown>) =>
    t.http
      .post(`${API}/projects/${pid}/milestones/${mid}/submissions`)
      .set(bearer(s))
      .send({ report: '样机已交付 / prototype delivered', ...body });
  const content = (id: string, s?: Session) => {
    const req = t.http
      .get(`${API}/documents/${id}/content`)
      .buffer(true)
      .parse(binary as never);
    return s ? req.set(bearer(s)) : req;
  };
  const expectReaders = async (id: string, file: Buffer, readers: Reader[]) => {
    for (const [label, s, status] of readers) {
      const res = await content(id, s);
      expect({ label, status: res.status }).toEqual({ label, status });
      if (status === 200) {
        expect(Buffer.compare(res.body as Buffer, file)).toBe(0);
        expect(res.headers['cache-control']).toBe('private, no-store');
      } else expect(JSON.parse((res.body as Buffer).toString())).toMatchObject({ code: 'documents.not_found' });
    }
  };
  const viewOf = (d: { id: string; name: string; mediaType: string; size: number; sha256: string }, role: string) => ({
    id: d.id,
    role,
    name: d.name,
    mediaType: d.mediaType,
    size: d.size,
    sha256: d.sha256,
  });
  const projectReaders = (): Reader[] => [
    ['team member', team, 200],
    ['teammate', teammate, 200],
    ['other team', otherTeam, 404],
    ['agency', agency, 200],
    ['another agency', otherAgency, 404],
    ['program manager', pm, 200],
    ['another program manager', otherPm, 404],
    ['admin', admin, 200],
    ['anonymous', undefined, 404],
  ];

  it('a submission carries its evidence files: attached with it, listed without a query per row, read as the project', async () => {
    const p = await project();
    const [m1] = p.milestoneIds;
    const file = pdfOf(120_000);
    const evidence = await upload(team, file, '验收报告.pdf');
    expect(evidence.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    const foreign = await upload(otherTeam, pdfOf(5_000), '别人的.pdf');

    // Another organisation's upload: refused, and nothing is written (the milestone stays scheduled).
    const refused = await submit(team, p.projectId, m1, { documents: [{ documentId: evidence.id }, { documentId: foreign.id }] });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'documents.not_uploader' });
    expect((await db.query(`SELECT count(*)::int AS n FROM milestone_submissions WHERE milestone_id = $1`, [m1])).rows[0].n).toBe(
      0,
    );
    expect((await db.query(`SELECT subject_type FROM documents WHERE id = $1`, [evidence.id])).rows[0].subject_type).toBeNull();
    await submit(team, p.projectId, m1, { documents: [{ documentId: '00000000-0000-4000-8000-000000000000' }] }).expect(404);
    // Validation: a documentId that is no UUID, more than 20 documents.
    const bad = await submit(team, p.projectId, m1, { documents: [{ documentId: 'not-a-uuid' }] }).expect(400);
    expect(JSON.stringify(bad.body.errors)).toMatch(/documents/);
    const many = Array.from({ length: 21 }, () => ({ documentId: evidence.id }));
    await submit(team, p.projectId, m1, { documents: many }).expect(400);
    for (const documents of [
      'x',
      {},
      [null],
      [[]],
      [{}],
      [{ documentId: '\u0000' }],
      [{ documentId: '\ud800' }],
      [{ documentId: 7 }],
    ]) {
      const res = await submit(team, p.projectId, m1, { documents });
      expect({ documents, status: res.status }).toEqual({ documents, status: 400 });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field).join()).toMatch(/^documents/);
    }

    // With the links of today alongside.
    const link = { name: 'r.pdf', sha256: 'a'.repeat(64), url: 'https://files.example/r.pdf' };
    const s = await submit(team, p.projectId, m1, { attachments: [link], documents: [{ documentId: evidence.id }] }).expect(201);
    expect(s.body).toMatchObject({ attempt: 1, status: 'submitted', documents: [viewOf(evidence, 'evidence')] });
    const meta = await t.http.get(`${API}/documents/${evidence.id}`).set(bearer(pm)).expect(200);
    expect(meta.body).toMatchObject({ subjectType: 'milestone_submission', subjectId: s.body.id, role: 'evidence' });
    await expectReaders(evidence.id, file, projectReaders());

    // Rejected, then submitted again with another file: each attempt lists its own documents.
    await t.http
      .post(`${API}/projects/${p.projectId}/milestones/${m1}/review`)
      .set(bearer(pm))
      .send({ decision: 'reject', comment: '证据不足' })
      .expect(200);
    // An attached document never moves to another subject.
    const moved = await submit(team, p.projectId, m1, { documents: [{ documentId: evidence.id }] });
    expect(moved.status).toBe(409);
    expect(moved.body).toMatchObject({ code: 'documents.already_attached' });
    const photo = await upload(teammate, pngOf(), '现场照片.png');
    const again = await submit(team, p.projectId, m1, { documents: [{ documentId: photo.id }] }).expect(201);
    expect(again.body.documents).toEqual([viewOf(photo, 'evidence')]);
    const list = await t.http.get(`${API}/projects/${p.projectId}/milestones/${m1}/submissions`).set(bearer(agency)).expect(200);
    expect(list.body.items).toMatchObject([
      { attempt: 1, attachments: [link], documents: [viewOf(evidence, 'evidence')] },
      { attempt: 2, attachments: [], documents: [viewOf(photo, 'evidence')] },
    ]);
    // Links only, as before: no documents.
    const [, m2] = p.milestoneIds;
    const plain = await submit(team, p.projectId, m2, { attachments: [link] }).expect(201);
    expect(plain.body.documents).toEqual([]);
    const audit = await db.query(
      `SELECT after FROM audit_entries WHERE action = 'milestone.submitted' AND after->>'submissionId' = $1`,
      [s.body.id],
    );
    expect(audit.rows[0].after.documents).toEqual([{ id: evidence.id, name: evidence.name, sha256: evidence.sha256 }]);
  });

  it('a change request carries its files, read as the project', async () => {
    const p = await project();
    const [m1] = p.milestoneIds;
    const file = pdfOf(40_000);
    const letter = await upload(team, file, '延期说明.pdf');
    const foreign = await upload(otherTeam, pdfOf(3_000), 'x.pdf');
    const ask = (s: Session, body: Record<string, unknown>) =>
      t.http
        .post(`${API}/projects/${p.projectId}/milestones/${m1}/change-requests`)
        .set(bearer(s))
        .send({ dueAt: new Date(Date.now() + 90 * DAY).toISOString(), reason: '设备延期', ...body });

    const refused = await ask(team, { documents: [{ documentId: foreign.id }] });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'documents.not_uploader' });
    await ask(team, { documents: [{ documentId: 42 }] }).expect(400);
    await ask(team, { documents: [[]] }).expect(400);

    const cr = await ask(team, { documents: [{ documentId: letter.id }] }).expect(201);
    expect(cr.body).toMatchObject({ status: 'pending', documents: [viewOf(letter, 'attachment')] });
    const list = await t.http.get(`${API}/projects/${p.projectId}/change-requests`).set(bearer(pm)).expect(200);
    expect(list.body.items).toMatchObject([{ id: cr.body.id, documents: [viewOf(letter, 'attachment')] }]);
    const meta = await t.http.get(`${API}/documents/${letter.id}`).set(bearer(team)).expect(200);
    expect(meta.body).toMatchObject({ subjectType: 'milestone_change_request', subjectId: cr.body.id, role: 'attachment' });
    await expectReaders(letter.id, file, projectReaders());

    // The program manager may ask too, with a file of their own (no organisation: their own upload).
    await t.http
      .post(`${API}/projects/${p.projectId}/change-requests/${cr.body.id}/decision`)
      .set(bearer(pm))
      .send({ approve: false, comment: '不同意' })
      .expect(200);
    const note = await upload(pm, pdfOf(2_000), '说明.pdf');
    const byPm = await ask(pm, { trancheFen: 500_000_00, dueAt: undefined, documents: [{ documentId: note.id }] }).expect(201);
    expect(byPm.body.documents).toEqual([viewOf(note, 'attachment')]);
    const both = await t.http.get(`${API}/projects/${p.projectId}/change-requests`).set(bearer(team)).expect(200);
    expect(both.body.items.map((i: { documents: { id: string }[] }) => i.documents.map((d) => d.id))).toEqual([
      [note.id],
      [letter.id],
    ]);
  });

  it('an objection carries its files: read by the objector’s organisation, the agency and admins only', async () => {
    const p = await project('publicity');
    await db.query(`UPDATE projects SET publicity_ends_at = now() + interval '30 days' WHERE id = $1`, [p.projectId]);
    const file = pdfOf(30_000);
    const proof = await upload(otherTeamColleague, file, '证明材料.pdf');
    const theirs = await upload(team, pdfOf(3_000), '项目方.pdf');
    const object = (s: Session, body: Record<string, unknown>) =>
      t.http
        .post(`${API}/projects/${p.projectId}/objections`)
        .set(bearer(s))
        .send({ reason: '资质存疑', ...body });

    const refused = await object(otherTeam, { documents: [{ documentId: theirs.id }] });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'documents.not_uploader' });
    expect(
      (await db.query(`SELECT count(*)::int AS n FROM project_objections WHERE project_id = $1`, [p.projectId])).rows[0].n,
    ).toBe(0);
    await object(otherTeam, { documents: [{ documentId: '' }] }).expect(400);
    await object(otherTeam, { documents: [[]] }).expect(400);

    // A colleague's upload is the organisation's: the objector may attach it.
    const o = await object(otherTeam, { documents: [{ documentId: proof.id }] }).expect(201);
    expect(o.body).toMatchObject({ status: 'open', documents: [viewOf(proof, 'attachment')] });
    const mine = await t.http.get(`${API}/projects/${p.projectId}/objections`).set(bearer(otherTeam)).expect(200);
    expect(mine.body.items).toMatchObject([{ id: o.body.id, documents: [viewOf(proof, 'attachment')] }]);
    const all = await t.http.get(`${API}/projects/${p.projectId}/objections`).set(bearer(agency)).expect(200);
    expect(all.body.items).toMatchObject([{ id: o.body.id, documents: [viewOf(proof, 'attachment')] }]);
    await expectReaders(proof.id, file, [
      ['objector', otherTeam, 200],
      ['objector’s colleague (the uploader)', otherTeamColleague, 200],
      ['agency', agency, 200],
      ['admin', admin, 200],
      ['the team objected to', team, 404],
      ['another agency', otherAgency, 404],
      ['program manager', pm, 404],
      ['anonymous', undefined, 404],
    ]);
    const author = await db.query(`SELECT after FROM audit_entries WHERE action = 'objection.author' AND subject_id = $1`, [
      o.body.id,
    ]);
    expect(author.rows[0].after.documents).toEqual([{ id: proof.id, sha256: proof.sha256 }]);
    // The public entry names no one and no file.
    const lodged = await db.query(
      `SELECT after FROM audit_entries WHERE action = 'objection.lodged' AND after->>'objectionId' = $1`,
      [o.body.id],
    );
    expect(lodged.rows[0].after).toEqual({ objectionId: o.body.id, status: 'open' });

    const resolved = await t.http
      .post(`${API}/projects/${p.projectId}/objections/${o.body.id}/resolve`)
      .set(bearer(agency))
      .send({ decision: 'dismissed', comment: '不成立' })
      .expect(200);
    expect(resolved.body.objection.documents).toEqual([viewOf(proof, 'attachment')]);
  });
});

function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
  res.on('error', (err: Error) => done(err, Buffer.concat(chunks)));
}
