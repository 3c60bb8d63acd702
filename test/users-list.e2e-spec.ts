import { TestApp, createTestApp } from './support/test-app';
import { bearer, createStaff, loginAdmin, registerAgency, type Session } from './support/factories';

/**
 * The admin's user list (GET /users): `q` finds a part of the email or display name, and each item
 * names its organisation, so the users page needs no request per row.
 */
describe('GET /users (search and organisation names)', () => {
  let t: TestApp;
  let admin: Session;
  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en' });
    admin = await loginAdmin(t.http);
  });
  afterAll(() => t.close());

  const list = async (query: string) =>
    (await t.http.get(`/api/v1/users?${query}`).set(bearer(admin)).expect(200)).body as {
      items: { id: string; email: string; displayName: string; organizationName: string | null; role: string }[];
    };

  it('finds a user by a part of the email, in any case, and names their agency', async () => {
    const agency = await registerAgency(t.http, admin, { name: '深圳市检索测试局' });
    const officer = await createStaff(t.http, admin, 'agency', agency.id);
    const part = officer.email.split('@')[0].toUpperCase();
    const found = await list(`q=${encodeURIComponent(part)}`);
    expect(found.items).toEqual([expect.objectContaining({ id: officer.userId, organizationName: '深圳市检索测试局' })]);
  });

  it('finds by display name, with the role filter too; a user without an organisation has null', async () => {
    const manager = await createStaff(t.http, admin, 'program_manager');
    const byName = await list(`q=${encodeURIComponent('program_manager user')}&role=program_manager&limit=100`);
    expect(byName.items.map((u) => u.id)).toContain(manager.userId);
    expect(byName.items.every((u) => u.role === 'program_manager')).toBe(true);
    expect(byName.items.find((u) => u.id === manager.userId)?.organizationName).toBeNull();
    expect((await list(`q=${encodeURIComponent(manager.email)}&role=reviewer`)).items).toEqual([]);
  });

  it('takes LIKE wildcards literally and refuses a search over 100 characters', async () => {
    expect((await list('q=%25')).items).toEqual([]);
    expect((await list('q=_')).items.every((u) => `${u.email} ${u.displayName}`.includes('_'))).toBe(true);
    const res = await t.http
      .get(`/api/v1/users?q=${'x'.repeat(101)}`)
      .set(bearer(admin))
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'q' })]);
  });
});
