import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { bidBody, challengeBody, passDeadline } from '@app/bids/testing/fixtures';
import { canonicalBid, receiptHash } from '@app/bids/receipt';
import { ChallengeCloseJob } from '@app/challenges';
import { PLAINTEXT_MARKER, pdfOf, pngOf } from './support/document-files';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';
import { TestApp, createTestApp } from './support/test-app';
import { TestWorker, createTestWorker } from './support/test-worker';

/*
 * Bid documents (issue 16, phase 2): attached in the bid's transaction, covered by its receipt,
 * readable as the sealed bid is, and listed in the bid-opening record written by the close.
 */
jest.setTimeout(120_000);
const API = '/api/v1';

type Team = Session & { creditCode: string };
interface DocView {
  id: string;
  role: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
}
interface BidAnswer {
  id: string;
  challengeId: string;
  organizationId: string;
  totalInvestmentFen: number;
  requestedFundingFen: number;
  proposal: { text: string; approach: { metric: string; plan: string }[] | null };
  consortium: { creditCode: string; role: 'lead' | 'member'; sharePercent: number }[];
  milestones: { title: string; dueAt: string; deliverable: string; trancheFen: number }[];
  documents: DocView[];
  receiptHash: string;
  submittedAt: string;
}

/** The receipt's canonical fields of a bid as the API shows it (what a team can recompute on its own). */
const fieldsOf = (b: BidAnswer, documents = b.documents) => ({
  challengeId: b.challengeId,
  organizationId: b.organizationId,
  submittedAt: new Date(b.submittedAt),
  bid: {
    totalInvestmentFen: b.totalInvestmentFen,
    requestedFundingFen: b.requestedFundingFen,
    proposal: b.proposal,
    consortium: b.consortium.map((c) => ({ creditCode: c.creditCode, role: c.role, sharePercent: c.sharePercent })),
    milestones: b.milestones.map((m) => ({ ...m, dueAt: new Date(m.dueAt) })),
  },
  documents: documents.map((d) => ({ role: d.role, sha256: d.sha256, size: d.size, name: d.name })),
});

function binary(res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
  res.on('error', (err: Error) => done(err, Buffer.concat(chunks)));
}

describe('bid documents', () => {
  let t: TestApp;
  let worker: TestWorker;
  let db: Client;
  let dir: string;
  let admin: Session;
  let agency: Session;
  let bidder: Team;
  let member: Team;
  let second: Team;
  let other: Team;
  let reviewer: Session;
  let conflicted: Session;
  let challengeId: string;
  let bid: BidAnswer;
  let secondBid: BidAnswer;

  const upload = async (s: Session, file: Buffer, filename: string): Promise<DocView> =>
    (
      await t.http
        .post(`${API}/documents`)
        .set(bearer(s))
        .attach('file', file, { filename, contentType: 'application/octet-stream' })
        .expect(201)
    ).body as DocView;
  const content = (id: string, s?: Session) => {
    const req = t.http
      .get(`${API}/documents/${id}/content`)
      .buffer(true)
      .parse(binary as never);
    return s ? req.set(bearer(s)) : req;
  };
  const submit = (s: Session, body: object) => t.http.post(`${API}/challenges/${challengeId}/bids`).set(bearer(s)).send(body);
  const opening = (s?: Session) => {
    const req = t.http.get(`${API}/challenges/${challengeId}/opening`);
    return s ? req.set(bearer(s)) : req;
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'jiebang-bid-documents-'));
    t = await createTestApp({ acceptLanguage: 'en', env: { MIN_BID_WINDOW: 'PT1S', DOCUMENTS_DIR: dir } });
    worker = await createTestWorker(t.config);
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    [bidder, member, second, other] = [
      await registerTeam(t.http),
      await registerTeam(t.http),
      await registerTeam(t.http),
      await registerTeam(t.http),
    ];
    reviewer = await createStaff(t.http, admin, 'reviewer');
    conflicted = await createStaff(t.http, admin, 'reviewer');
    const created = await t.http
      .post(`${API}/challenges`)
      .set(bearer(agency))
      .send(challengeBody({ requiredBidDocuments: ['application', 'commitment'] }))
      .expect(201);
    challengeId = created.body.id;
    await t.http.post(`${API}/challenges/${challengeId}/publish`).set(bearer(agency)).expect(200);
    await t.http
      .post(`${API}/challenges/${challengeId}/reviewers`)
      .set(bearer(agency))
      .send({ userIds: [reviewer.userId, conflicted.userId] })
      .expect(200);
  });
  afterAll(async () => {
    await worker?.close();
    await db?.end();
    await t?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const consortium = () => [
    { creditCode: bidder.creditCode, role: 'lead', sharePercent: 70 },
    { creditCode: member.creditCode, role: 'member', sharePercent: 30 },
  ];

  it('a bid missing a role the challenge requires is a 400 naming documents and the missing roles', async () => {
    const none = await submit(bidder, bidBody()).expect(400);
    expect(none.body).toMatchObject({ code: 'bids.documents_missing', missingRoles: ['application', 'commitment'] });
    expect(none.body.errors).toEqual([{ field: 'documents', message: 'missing required roles: application, commitment' }]);
    const app = await upload(bidder, pdfOf(10_000), '申报书.pdf');
    const one = await submit(bidder, bidBody({ documents: [{ documentId: app.id, role: 'application' }] })).expect(400);
    expect(one.body).toMatchObject({ code: 'bids.documents_missing', missingRoles: ['commitment'] });
    // the refused bid attached nothing
    expect((await t.http.get(`${API}/documents/${app.id}`).set(bearer(bidder)).expect(200)).body.subjectType).toBeNull();
  });

  it('refuses a document twice, more than 20, an unknown role, and another organisation’s upload', async () => {
    const app = await upload(bidder, pdfOf(5_000), 'a.pdf');
    const twice = [
      { documentId: app.id, role: 'application' },
      { documentId: app.id, role: 'commitment' },
    ];
    expect((await submit(bidder, bidBody({ documents: twice })).expect(400)).body.errors[0].field).toBe('documents');
    const many = Array.from({ length: 21 }, (_, i) => ({
      documentId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      role: 'other',
    }));
    await submit(bidder, bidBody({ documents: many })).expect(400);
    await submit(bidder, bidBody({ documents: [{ documentId: app.id, role: 'secret' }] })).expect(400);
    for (const documents of [[[]], ['x'], [null]]) {
      expect((await submit(bidder, bidBody({ documents } as never)).expect(400)).body.errors[0].field).toMatch(/^documents/);
    }
    const theirs = await upload(other, pdfOf(5_000), 'theirs.pdf');
    const refused = await submit(
      bidder,
      bidBody({
        documents: [
          { documentId: app.id, role: 'application' },
          { documentId: theirs.id, role: 'commitment' },
        ],
      }),
    ).expect(403);
    expect(refused.body.code).toBe('documents.not_uploader');
    expect((await t.http.get(`${API}/documents/${app.id}`).set(bearer(bidder)).expect(200)).body.subjectType).toBeNull();
  });

  it('submits with documents: attached to the bid, shown in order, covered by the receipt', async () => {
    const app = await upload(bidder, pdfOf(80_000), '申报书（终稿）.pdf');
    const commit = await upload(bidder, pngOf(), '承诺书.png');
    const res = await submit(
      bidder,
      bidBody({
        consortium: consortium(),
        documents: [
          { documentId: app.id, role: 'application' },
          { documentId: commit.id, role: 'commitment' },
        ],
      }),
    ).expect(201);
    bid = res.body as BidAnswer;
    expect(bid.documents).toEqual([
      {
        id: app.id,
        role: 'application',
        name: '申报书（终稿）.pdf',
        mediaType: 'application/pdf',
        size: 80_000,
        sha256: app.sha256,
      },
      { id: commit.id, role: 'commitment', name: '承诺书.png', mediaType: 'image/png', size: commit.size, sha256: commit.sha256 },
    ]);
    expect(receiptHash(fieldsOf(bid))).toBe(bid.receiptHash);
    expect(canonicalBid(fieldsOf(bid))).toContain(
      `"documents":[{"name":"申报书（终稿）.pdf","role":"application","sha256":"${app.sha256}"`,
    );
    const meta = await t.http.get(`${API}/documents/${app.id}`).set(bearer(bidder)).expect(200);
    expect(meta.body).toMatchObject({ subjectType: 'bid', subjectId: bid.id, role: 'application' });
    const read = await t.http.get(`${API}/challenges/${challengeId}/bids/${bid.id}`).set(bearer(bidder)).expect(200);
    expect(read.body.documents).toEqual(bid.documents);
    const { rows } = await db.query(`SELECT document_id, role, position FROM bid_documents WHERE bid_id = $1 ORDER BY position`, [
      bid.id,
    ]);
    expect(rows).toEqual([
      { document_id: app.id, role: 'application', position: 0 },
      { document_id: commit.id, role: 'commitment', position: 1 },
    ]);
  });

  it('the stored objects never hold the plaintext', async () => {
    for (const d of bid.documents) {
      const stored = readFileSync(join(dir, 'objects', d.id.slice(0, 2), d.id));
      expect(stored.includes(Buffer.from(PLAINTEXT_MARKER))).toBe(false);
      expect(stored.includes(Buffer.from('%PDF'))).toBe(false);
    }
  });

  it('a replace with a changed file gives a different receipt; the old file stays attached but leaves the set', async () => {
    const [oldApp, commit] = bid.documents;
    const changed = pdfOf(80_000);
    const app2 = await upload(bidder, changed, oldApp.name);
    expect(app2.sha256).toBe(createHash('sha256').update(changed).digest('hex'));
    expect(app2.sha256).not.toBe(oldApp.sha256);
    const res = await t.http
      .put(`${API}/challenges/${challengeId}/bids/${bid.id}`)
      .set(bearer(bidder))
      .send(
        bidBody({
          consortium: consortium(),
          documents: [
            { documentId: app2.id, role: 'application' },
            { documentId: commit.id, role: 'commitment' },
          ],
        }),
      )
      .expect(200);
    const replaced = res.body as BidAnswer;
    expect(replaced.documents.map((d) => d.id)).toEqual([app2.id, commit.id]);
    expect(replaced.receiptHash).not.toBe(bid.receiptHash);
    expect(receiptHash(fieldsOf(replaced))).toBe(replaced.receiptHash);
    // Same bid, same time, only the file's bytes differ: a different receipt.
    expect(receiptHash(fieldsOf(replaced, [oldApp, commit]))).not.toBe(replaced.receiptHash);
    expect((await t.http.get(`${API}/documents/${oldApp.id}`).set(bearer(bidder)).expect(200)).body).toMatchObject({
      subjectType: 'bid',
      subjectId: bid.id,
    });
    bid = replaced;
  });

  it('a file keeps the role it was first attached with: another role is a 409', async () => {
    const [app, commit] = bid.documents;
    const res = await t.http
      .put(`${API}/challenges/${challengeId}/bids/${bid.id}`)
      .set(bearer(bidder))
      .send(
        bidBody({
          consortium: consortium(),
          documents: [
            { documentId: app.id, role: 'budget' },
            { documentId: commit.id, role: 'commitment' },
            { documentId: (await upload(bidder, pdfOf(3_000), 'x.pdf')).id, role: 'application' },
          ],
        }),
      )
      .expect(409);
    expect(res.body.code).toBe('documents.already_attached');
    const read = await t.http.get(`${API}/bids/${bid.id}`).set(bearer(bidder)).expect(200);
    expect(read.body.receiptHash).toBe(bid.receiptHash);
  });

  it('a second bidder and a conflict declared before the deadline', async () => {
    const app = await upload(second, pdfOf(20_000), 'b-application.pdf');
    const commit = await upload(second, pdfOf(4_000), 'b-commitment.pdf');
    const res = await submit(
      second,
      bidBody({
        documents: [
          { documentId: commit.id, role: 'commitment' },
          { documentId: app.id, role: 'application' },
        ],
      }),
    ).expect(201);
    secondBid = res.body as BidAnswer;
    await t.http.post(`${API}/bids/${bid.id}/conflicts`).set(bearer(conflicted)).send({ reason: '曾合作' }).expect(201);
  });

  const accessTable: [string, () => Session | undefined, number, number][] = [
    // who, session, before the deadline, after it
    ['bidder member', () => bidder, 200, 200],
    ['consortium member', () => member, 200, 200],
    ['agency', () => agency, 404, 200],
    ['admin', () => admin, 404, 404],
    ['assigned reviewer', () => reviewer, 404, 200],
    ['conflicted reviewer', () => conflicted, 404, 404],
    ['other team', () => other, 404, 404],
    ['anonymous', () => undefined, 404, 404],
  ];

  const checkAccess = async (moment: 'before' | 'after') => {
    const [doc] = bid.documents;
    for (const [who, session, before, after] of accessTable) {
      const expected = moment === 'before' ? before : after;
      const res = await content(doc.id, session());
      expect({ who, moment, status: res.status }).toEqual({ who, moment, status: expected });
      const meta = await (session()
        ? t.http.get(`${API}/documents/${doc.id}`).set(bearer(session() as Session))
        : t.http.get(`${API}/documents/${doc.id}`));
      expect({ who, moment, status: meta.status }).toEqual({ who, moment, status: expected });
      if (expected === 200) {
        expect(
          createHash('sha256')
            .update(res.body as Buffer)
            .digest('hex'),
        ).toBe(doc.sha256);
        expect(res.headers['cache-control']).toBe('private, no-store');
      } else expect(JSON.parse((res.body as Buffer).toString()).code).toBe('documents.not_found');
    }
  };

  it('before the deadline only the bidder and its consortium may download', async () => {
    await checkAccess('before');
  });

  it('no opening record before the close: 404 bids.not_opened', async () => {
    expect((await opening(agency).expect(404)).body.code).toBe('bids.not_opened');
    expect((await opening().expect(404)).body.code).toBe('bids.not_opened');
  });

  it('the close opens the bids: one private ledger entry with every live bid and its files', async () => {
    // The consortium member accepts its place, or the close would not open the bid (consortium consent).
    const [request] = (await t.http.get(`${API}/consent-requests`).set(bearer(member)).expect(200)).body.items;
    await t.http.post(`${API}/consent-requests/${request.id}/accept`).set(bearer(member)).expect(200);
    await passDeadline(t.databaseUrl, challengeId);
    await worker.app.get(ChallengeCloseJob).handle({ challengeId });
    const { rows } = await db.query(
      `SELECT action, actor_id, subject_type, subject_id, public, after FROM audit_entries WHERE challenge_id = $1 AND action = 'bids.opened'`,
      [challengeId],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_id: null, subject_type: 'challenge', subject_id: challengeId, public: false });
    expect(rows[0].after.bidCount).toBe(2);
    expect(rows[0].after.entries.map((e: { bidId: string }) => e.bidId)).toEqual([bid.id, secondBid.id]);
    const open = await db.query(
      `SELECT count(*)::int AS n FROM open_data_events WHERE challenge_id = $1 AND action = 'bids.opened'`,
      [challengeId],
    );
    expect(open.rows[0].n).toBe(0);
  });

  it('after the deadline the agency and unconflicted assigned reviewers may download too', async () => {
    await checkAccess('after');
  });

  const entryOf = (b: BidAnswer, team: Team, members: Team[] = []) => ({
    bidId: b.id,
    organizationId: team.organizationId,
    organizationName: expect.stringContaining('深圳未来科技'),
    memberOrganizationIds: members.map((m) => m.organizationId),
    submittedAt: b.submittedAt,
    receiptHash: b.receiptHash,
    documents: b.documents.map((d) => ({ name: d.name, size: d.size, sha256: d.sha256, role: d.role })),
  });

  it('GET …/opening: the agency sees everything, a bidder (lead or member) its own entry, anyone else 404 before the results', async () => {
    const full = await opening(agency).expect(200);
    expect(full.body).toEqual({
      challengeId,
      openedAt: expect.any(String),
      bidCount: 2,
      entries: [entryOf(bid, bidder, [member]), entryOf(secondBid, second)],
      notOpened: [],
    });
    const closed = await t.http.get(`${API}/challenges/${challengeId}`).expect(200);
    expect(full.body.openedAt).toBe(closed.body.closedAt);
    const own = { ...full.body, entries: [entryOf(bid, bidder, [member])] };
    expect((await opening(bidder).expect(200)).body).toEqual(own);
    expect((await opening(member).expect(200)).body).toEqual(own);
    expect((await opening(second).expect(200)).body).toEqual({ ...full.body, entries: [entryOf(secondBid, second)] });
    for (const s of [other, admin, reviewer, undefined]) {
      expect((await opening(s).expect(404)).body.code).toBe('bids.opening_not_public');
    }
  });

  it('once the results are published everyone learns the number of bids, nothing more', async () => {
    // TEST-ONLY shortcut: the award path (panel, shortlist, award) is tested elsewhere.
    await db.query(`UPDATE challenges SET status = 'awarded' WHERE id = $1`, [challengeId]);
    for (const s of [other, admin, reviewer, undefined]) {
      const res = await opening(s).expect(200);
      expect(res.body).toEqual({ challengeId, openedAt: expect.any(String), bidCount: 2, entries: [], notOpened: [] });
    }
    expect((await opening(agency).expect(200)).body.entries).toHaveLength(2);
  });
});
