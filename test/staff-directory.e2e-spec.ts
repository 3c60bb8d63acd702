import { TestApp, createTestApp } from './support/test-app';
import { Session, bearer, createStaff, loginAdmin, registerTeam, uniqueEmail } from './support/factories';

jest.setTimeout(60_000);
const API = '/api/v1';
const PROBLEM = /^application\/problem\+json/;
type Res = { status: number; headers: Record<string, string>; body: Record<string, any> };
type Item = { id: string; displayName: string; role: string; organizationId: string | null };

/** GET /staff: the reviewer / program-manager picker for agencies and admins. */
describe('staff directory', () => {
  let t: TestApp;
  let admin: Session;
  let agency: Session;
  let reviewer: Session;
  let pm: Session;
  let team: Session & { creditCode: string };
  const made: Record<string, string> = {};

  function expectProblem(res: Res, status: number, code?: string) {
    expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { status, ...(code ? { code } : {}) } });
    expect(res.headers['content-type']).toMatch(PROBLEM);
  }

  async function createUser(displayName: string, role: string, organizationId?: string): Promise<string> {
    const res = await t.http
      .post(`${API}/users`)
      .set(bearer(admin))
      .send({
        email: uniqueEmail(role),
        password: 'staff-password-123',
        displayName,
        role,
        ...(organizationId ? { organizationId } : {}),
      })
      .expect(201);
    made[displayName] = res.body.id;
    return res.body.id;
  }

  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en' });
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency'); // "agency user"
    reviewer = await createStaff(t.http, admin, 'reviewer'); // "reviewer user"
    pm = await createStaff(t.http, admin, 'program_manager'); // "program_manager user"
    team = await registerTeam(t.http);
    await createUser('Bravo 评审', 'reviewer');
    await createUser('alpha 评审', 'reviewer', team.organizationId as string);
    await createUser('Charlie_PM', 'program_manager');
    await createUser('Delta 100% 评审', 'reviewer');
    const gone = await createUser('Echo 停用', 'reviewer');
    await t.http.post(`${API}/users/${gone}/deactivate`).set(bearer(admin)).expect(200);
    // An agency user is an officer of an agency organisation: the directory never lists them anyway.
    await createUser('Foxtrot agency', 'agency', agency.organizationId as string);
  });
  afterAll(async () => {
    await t.close();
  });

  const list = (who: Session, query = '') => t.http.get(`${API}/staff${query}`).set(bearer(who));

  it('403 for team, reviewer and program-manager users; 401 without a token', async () => {
    for (const who of [team, reviewer, pm]) expectProblem(await list(who), 403, 'identity.role_forbidden');
    expectProblem(await t.http.get(`${API}/staff`), 401);
  });

  it('both roles by default: active users only, by display name, id/displayName/role/organizationId only', async () => {
    for (const who of [agency, admin]) {
      const res = await list(who).expect(200);
      expect(res.body.nextCursor).toBeNull();
      const items = res.body.items as Item[];
      for (const item of items) expect(Object.keys(item).sort()).toEqual(['displayName', 'id', 'organizationId', 'role']);
      expect(JSON.stringify(res.body)).not.toContain('@example.test');
      // by display name, case-insensitively (then by code point, then id)
      expect(items.map((i) => i.displayName)).toEqual([
        'alpha 评审',
        'Bravo 评审',
        'Charlie_PM',
        'Delta 100% 评审',
        'program_manager user',
        'reviewer user',
      ]);
      expect(items.find((i) => i.displayName === 'alpha 评审')).toEqual({
        id: made['alpha 评审'],
        displayName: 'alpha 评审',
        role: 'reviewer',
        organizationId: team.organizationId,
      });
      expect(items.find((i) => i.id === pm.userId)).toMatchObject({ role: 'program_manager', organizationId: null });
    }
  });

  it('role filters; anything but reviewer|program_manager is a 400', async () => {
    const reviewers = (await list(agency, '?role=reviewer').expect(200)).body.items as Item[];
    expect(reviewers.map((i) => i.role)).toEqual(reviewers.map(() => 'reviewer'));
    expect(reviewers).toHaveLength(4);
    const pms = (await list(agency, '?role=program_manager').expect(200)).body.items as Item[];
    expect(pms.map((i) => i.id).sort()).toEqual([made['Charlie_PM'], pm.userId].sort());
    for (const role of ['agency', 'team', 'admin', 'x']) {
      const bad = await list(agency, `?role=${role}`);
      expectProblem(bad, 400);
      expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'role' })]);
    }
  });

  it('q filters on the display name, case-insensitively and literally (% and _ are not wildcards)', async () => {
    const names = async (query: string) =>
      ((await list(agency, query).expect(200)).body.items as Item[]).map((i) => i.displayName);
    expect(await names('?q=ALPHA')).toEqual(['alpha 评审']);
    expect((await names(`?q=${encodeURIComponent('评审')}`)).sort()).toEqual(
      ['Bravo 评审', 'Delta 100% 评审', 'alpha 评审'].sort(),
    );
    expect(await names(`?q=${encodeURIComponent('100%')}`)).toEqual(['Delta 100% 评审']);
    expect(await names(`?q=${encodeURIComponent('%')}`)).toEqual(['Delta 100% 评审']);
    expect(await names('?q=_')).toEqual(['Charlie_PM', 'program_manager user']);
    expect(await names('?q=e_P')).toEqual(['Charlie_PM']);
    expect(await names(`?q=${encodeURIComponent('评审')}&role=program_manager`)).toEqual([]);
    expect(await names('?q=echo')).toEqual([]); // deactivated
    expect(await names('?q=foxtrot')).toEqual([]); // an agency user is not listed
    expectProblem(await list(agency, `?q=${'x'.repeat(101)}`), 400);
  });
});
