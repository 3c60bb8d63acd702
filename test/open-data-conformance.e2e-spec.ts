import { DataSource } from 'typeorm';
import { AuditService } from '@app/audit';
import { bidBody, challengeBody, passDeadline } from '@app/bids/testing/fixtures';
import { ChallengeCloseJob, ChallengeCloseSteps } from '@app/challenges';
import { OcdsFeedChecker } from './support/ocds-feed';
import { PAGINATION_EXTENSION } from './support/ocds-official';
import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

jest.setTimeout(180_000);
const API = '/api/v1';
const OD = `${API}/open-data`;

/**
 * The open-data settings a deployment sets (read from the environment at start-up, like the rest of
 * the feed's settings), the CORS policy of the public feed, and what the statistics may count.
 */
const SETTINGS = {
  OCID_PREFIX: 'ocds-a1b2c3',
  OCDS_PUBLISHER_NAME: '深圳市科技创新局',
  OCDS_PUBLISHER_SCHEME: 'CN-USCI',
  OCDS_PUBLISHER_UID: '11440300MB2C92058N',
  OCDS_PUBLISHER_URI: 'https://stic.sz.gov.cn/',
  OCDS_LICENSE: 'https://creativecommons.org/licenses/by/4.0/',
  OCDS_PUBLICATION_POLICY: 'https://data.example.cn/open-data/publication-policy',
};

describe('open data: settings, CORS, statistics', () => {
  let t: TestApp;
  let agency: Session;
  let official: OcdsFeedChecker;
  const saved: Record<string, string | undefined> = {};
  const ids: Record<'open' | 'closed' | 'cancelled', string> = { open: '', closed: '', cancelled: '' };

  const published = async (over: Record<string, unknown>) => {
    const c = await t.http.post(`${API}/challenges`).set(bearer(agency)).send(challengeBody(over));
    if (c.status !== 201) throw new Error(`create: ${c.status} ${JSON.stringify(c.body)}`);
    await t.http.post(`${API}/challenges/${c.body.id}/publish`).set(bearer(agency)).expect(200);
    return c.body.id as string;
  };

  beforeAll(async () => {
    // The open-data settings are read from the process environment at module start-up.
    for (const [k, v] of Object.entries(SETTINGS)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'PT1S' } });
    official = new OcdsFeedChecker(t.http);
    const admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    const teams = [await registerTeam(t.http), await registerTeam(t.http), await registerTeam(t.http)];
    // Still open for bids, two bids: their number is confidential until the deadline.
    ids.open = await published({ title: '未截止', industry: 'brain_science', budgetFen: 3_000_000_000 });
    await t.http.post(`${API}/challenges/${ids.open}/bids`).set(bearer(teams[0])).send(bidBody()).expect(201);
    await t.http.post(`${API}/challenges/${ids.open}/bids`).set(bearer(teams[1])).send(bidBody()).expect(201);
    // Closed at its deadline, one bid: counted.
    ids.closed = await published({ title: '已截止', industry: 'brain_science', budgetFen: 2_000_000_000 });
    await t.http.post(`${API}/challenges/${ids.closed}/bids`).set(bearer(teams[2])).send(bidBody()).expect(201);
    await passDeadline(t.databaseUrl, ids.closed);
    await new ChallengeCloseJob(t.app.get(DataSource), t.app.get(AuditService), new ChallengeCloseSteps()).handle({
      challengeId: ids.closed,
    });
    // Cancelled: its budget was never spent and is not counted.
    ids.cancelled = await published({ title: '已取消', industry: 'brain_science', budgetFen: 7_000_000_000 });
    await t.http.post(`${API}/challenges/${ids.cancelled}/cancel`).set(bearer(agency)).send({ reason: '预算调整' }).expect(200);
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await t?.close();
  });

  it('packages carry the configured prefix, publisher (CN-USCI), license and publication policy; both conform to OCDS 1.1.5', async () => {
    const page = await t.http.get(`${OD}/ocds/releases`).query({ limit: 1000 }).expect(200);
    await official.assert('releasePackage', page.body);
    const record = await t.http.get(`${OD}/ocds/records/ocds-a1b2c3-${ids.closed}`).expect(200);
    await official.assert('recordPackage', record.body);
    for (const pkg of [page.body, record.body]) {
      expect(pkg).toMatchObject({
        publisher: { name: '深圳市科技创新局', scheme: 'CN-USCI', uid: '11440300MB2C92058N', uri: 'https://stic.sz.gov.cn/' },
        license: SETTINGS.OCDS_LICENSE,
        publicationPolicy: SETTINGS.OCDS_PUBLICATION_POLICY,
      });
    }
    expect(page.body.releases.length).toBeGreaterThan(0);
    for (const r of page.body.releases) expect(r.ocid).toMatch(/^ocds-a1b2c3-[0-9a-f-]{36}$/);
  });

  it('the OCDS 1.1.5 check refuses what the feed used to publish (so a regression cannot pass)', async () => {
    const page = (await t.http.get(`${OD}/ocds/releases`).query({ limit: 1000 }).expect(200)).body;
    await official.assert('releasePackage', page);
    const check = (mutate: (pkg: any) => void) => {
      const pkg = structuredClone(page);
      mutate(pkg);
      return official.official.check('releasePackage', pkg).join('\n');
    };
    const tender = (pkg: any) => pkg.releases.find((r: any) => r.tag.includes('tender')).tender;
    // An empty page, as it used to be sent.
    expect(check((pkg) => (pkg.releases = []))).toMatch(/must NOT have fewer than 1 items/);
    // Fields of undeclared extensions: links without Pagination, tender.jiebang without ours.
    expect(check((pkg) => (pkg.extensions = pkg.extensions.filter((e: string) => e !== PAGINATION_EXTENSION)))).toMatch(
      /additional field .*: \/links/,
    );
    expect(check((pkg) => (pkg.extensions = [PAGINATION_EXTENSION]))).toMatch(/additional field .*tender\/jiebang/);
    // OCDS 1.2's Milestone.value in a 1.1 release.
    expect(
      check((pkg) => (tender(pkg).milestones = [{ id: 'm1', status: 'scheduled', value: { amount: 1, currency: 'CNY' } }])),
    ).toMatch(/additional field .*milestones\/0\/value/);
    // Language variants: the feed's tender.eligibilityCriteria_en is one OCDS allows; a variant of a
    // field that has none (procurementMethodDetails in 1.1) or a malformed tag is an additional field.
    expect(tender(page).eligibilityCriteria_en).toMatch(/^Eligible applicants/);
    expect(check((pkg) => (tender(pkg).procurementMethodDetails_en = 'x'))).toMatch(
      /additional field .*procurementMethodDetails_en/,
    );
    expect(check((pkg) => (tender(pkg).eligibilityCriteria_e = 'x'))).toMatch(/additional field .*eligibilityCriteria_e$/m);
    // A code outside a codelist, a reference to no party, an unregistrable ocid prefix.
    expect(check((pkg) => (pkg.releases[0].parties[0].roles = ['agency']))).toMatch(/'agency' is not in the codelist partyRole/);
    expect(check((pkg) => (tender(pkg).procuringEntity = { id: 'CN-USCI-nobody', name: 'x' }))).toMatch(/not in parties/);
    expect(check((pkg) => (pkg.releases[0].ocid = pkg.releases[0].ocid.replace('ocds-a1b2c3', 'ocds-jiebang')))).toMatch(
      /registered form/,
    );
  });

  it('CORS: any origin may GET the open data (no credentials) and its preflight is answered; other routes are not opened', async () => {
    const origin = 'https://tools.example.org';
    for (const url of [`${OD}/stats`, `${OD}/ocds/releases?limit=1`, `${OD}/ocds/records/ocds-a1b2c3-${ids.closed}`]) {
      const res = await t.http.get(url).set('Origin', origin).expect(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      expect(res.headers['access-control-allow-credentials']).toBeUndefined();
    }
    // Errors of the feed are readable too (a tool must see the problem, not a CORS failure).
    const bad = await t.http.get(`${OD}/ocds/releases?limit=0`).set('Origin', origin).expect(400);
    expect(bad.headers['access-control-allow-origin']).toBe('*');
    const preflight = await t.http
      .options(`${OD}/ocds/releases`)
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'GET')
      .set('Access-Control-Request-Headers', 'accept-language');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect(preflight.headers['access-control-allow-methods']).toMatch(/GET/);
    expect(preflight.headers['access-control-allow-methods']).not.toMatch(/POST|PUT|PATCH|DELETE/);
    expect(preflight.headers['access-control-allow-credentials']).toBeUndefined();
    // Only the open-data routes: the rest of the api stays same-origin.
    const other = await t.http.get(`${API}/challenges`).set('Origin', origin).expect(200);
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const otherPreflight = await t.http
      .options(`${API}/challenges`)
      .set('Origin', origin)
      .set('Access-Control-Request-Method', 'GET');
    expect(otherPreflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(otherPreflight.status).not.toBe(204);
    const login = await t.http.options(`${API}/auth/login`).set('Origin', origin).set('Access-Control-Request-Method', 'POST');
    expect(login.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('statistics: no bid count before the deadline, cancelled challenges’ budgets not in the totals', async () => {
    const s = (await t.http.get(`${OD}/stats`).expect(200)).body;
    // Two live challenges (open + closed); bids only of the closed one; the cancelled one not at all.
    expect(s.totals).toMatchObject({ challenges: 2, budgetFen: 5_000_000_000, bids: 1 });
    const brain = s.byIndustry.find((g: any) => g.key === 'brain_science');
    expect(brain).toMatchObject({ challenges: 2, budgetFen: 5_000_000_000, bids: 1 });
    // After the deadline the open challenge's bids count too.
    await passDeadline(t.databaseUrl, ids.open);
    const later = (await t.http.get(`${OD}/stats`).expect(200)).body;
    expect(later.totals).toMatchObject({ challenges: 2, budgetFen: 5_000_000_000, bids: 3 });
  });

  // Runs last: it publishes one more challenge (the statistics above count two).
  it('a call published with documents: tender.documents (and Document.jiebang, declared) conform to OCDS 1.1.5', async () => {
    const upload = async (file: Buffer, filename: string) =>
      (
        await t.http
          .post(`${API}/documents`)
          .set(bearer(agency))
          .attach('file', file, { filename, contentType: 'application/octet-stream' })
          .expect(201)
      ).body.id as string;
    const notice = await upload(Buffer.from('%PDF-1.7\n榜单公告\n'), '公告.pdf');
    const annex = await upload(Buffer.from('%PDF-1.7\n技术附件\n'), '技术附件.pdf');
    const id = await published({
      title: '带文件的榜单',
      industry: 'quantum_information',
      documents: [
        { documentId: notice, role: 'notice' },
        { documentId: annex, role: 'technical_annex' },
      ],
    });
    const ocid = `ocds-a1b2c3-${id}`;
    const page = await t.http.get(`${OD}/ocds/releases`).query({ ocid }).expect(200);
    await official.assert('releasePackage', page.body);
    const documents = page.body.releases[0].tender.documents;
    expect(documents.map((d: { documentType: string }) => d.documentType)).toEqual(['tenderNotice', 'technicalSpecifications']);
    expect(documents[0].url).toMatch(new RegExp(`^https?://[^/]+/api/v1/documents/${notice}/content$`));
    expect(documents[0].jiebang.sha256).toMatch(/^[0-9a-f]{64}$/);
    const record = await t.http.get(`${OD}/ocds/records/${ocid}`).expect(200);
    await official.assert('recordPackage', record.body);
    // Without the extension's Document.jiebang the official check must refuse it (so the declaration is what passes).
    const undeclared = structuredClone(page.body);
    undeclared.extensions = undeclared.extensions.filter((u: string) => !u.includes('/extensions/jiebang/'));
    expect(official.official.check('releasePackage', undeclared).join('\n')).toContain('/tender/documents/0/jiebang');
  });
});
