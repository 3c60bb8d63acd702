import { TestApp, createTestApp } from './support/test-app';
import {
  bearer,
  createStaff,
  loginAdmin,
  organizationBody,
  registerAgency,
  registerTeam,
  type Session,
} from './support/factories';

const API = '/api/v1';

interface Listed {
  id: string;
  name: string;
  kind: string;
  creditCode: string | null;
  createdAt: string;
  userCount: number;
}

/**
 * The admin's list of registered organisations (GET /organizations, issue 19 item 4): search by a
 * part of the name or of the credit code, filter by kind, keyset pages; admins and auditors only.
 */
describe('GET /organizations (the admin’s registry)', () => {
  let t: TestApp;
  let admin: Session;
  let team: Session & { creditCode: string };
  const teamName = `深圳机构检索 ${Date.now().toString(36)} 有限公司`;

  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en' });
    admin = await loginAdmin(t.http);
    team = await registerTeam(t.http, { name: teamName, kind: 'university' });
  });
  afterAll(() => t.close());

  const list = async (query: string, who: Session = admin) =>
    (await t.http.get(`${API}/organizations?${query}`).set(bearer(who)).expect(200)).body as {
      items: Listed[];
      nextCursor: string | null;
    };

  it('refuses a visitor (401) and a team, agency, reviewer or program manager (403)', async () => {
    await t.http.get(`${API}/organizations`).expect(401);
    const agency = await createStaff(t.http, admin, 'agency');
    const reviewer = await createStaff(t.http, admin, 'reviewer');
    const manager = await createStaff(t.http, admin, 'program_manager');
    for (const who of [team, agency, reviewer, manager]) {
      const res = await t.http.get(`${API}/organizations`).set(bearer(who)).expect(403);
      expect(res.body.code).toBeDefined();
    }
  });

  it('lets an auditor read it (oversight), as the admin', async () => {
    const auditor = await createStaff(t.http, admin, 'auditor');
    const found = await list(`q=${encodeURIComponent(teamName)}`, auditor);
    expect(found.items.map((o) => o.id)).toEqual([team.organizationId]);
  });

  it('finds by a part of the name, and by a part of the credit code in any case, with its number of users', async () => {
    const byName = await list(`q=${encodeURIComponent(teamName.slice(2, 10))}`);
    expect(byName.items).toContainEqual({
      id: team.organizationId,
      name: teamName,
      kind: 'university',
      creditCode: team.creditCode,
      createdAt: expect.any(String),
      userCount: 1,
    });
    const byCode = await list(`q=${team.creditCode.slice(4, 14).toLowerCase()}`);
    expect(byCode.items.map((o) => o.id)).toEqual([team.organizationId]);
    expect((await list('q=%25')).items).toEqual([]);
  });

  it('filters by kind: agencies are listed too, with their officers counted', async () => {
    const agency = await registerAgency(t.http, admin, { name: `深圳市机构清单局 ${Date.now().toString(36)}` });
    await createStaff(t.http, admin, 'agency', agency.id);
    await createStaff(t.http, admin, 'agency', agency.id);
    const agencies = await list(`kind=agency&q=${encodeURIComponent(agency.name)}`);
    expect(agencies.items).toEqual([expect.objectContaining({ id: agency.id, kind: 'agency', userCount: 2 })]);
    expect((await list(`kind=enterprise&q=${encodeURIComponent(agency.name)}`)).items).toEqual([]);
    const res = await t.http.get(`${API}/organizations?kind=bank`).set(bearer(admin)).expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'kind' })]);
  });

  it('pages newest first by a cursor, neither skipping nor repeating', async () => {
    const prefix = `翻页机构 ${Date.now().toString(36)}`;
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const body = organizationBody({ name: `${prefix} ${i}` });
      ids.push((await t.http.post(`${API}/organizations`).send(body).expect(201)).body.id);
    }
    const seen: Listed[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Listed[]; nextCursor: string | null } = await list(
        `q=${encodeURIComponent(prefix)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.map((o) => o.id).sort()).toEqual([...ids].sort());
    const times = seen.map((o) => Date.parse(o.createdAt));
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });
});
