import { bidBody, challengeBody, isoIn } from '@app/bids/testing/fixtures';
import { Session, bearer, createStaff, loginAdmin, organizationBody, registerTeam, uniqueEmail } from './support/factories';
import { TestApp, createTestApp } from './support/test-app';

const API = '/api/v1';
const DAY = 86_400_000;

/** Latin words in a Chinese sentence, once codes, field paths, numbers, UUIDs and credit codes are taken out. */
function latinWords(zh: string): string[] {
  return (
    zh
      .replace(/\b[a-z][a-zA-Z]*(\[\d+\])?(\.[a-zA-Z]+(\[\d+\])?)*\b/g, '') // field paths and codes: bidDeadline, admin.email
      .replace(/\b[0-9A-Z]{18}\b/g, '') // a unified social credit code
      .match(/[A-Za-z]{2,}/g) ?? []
  );
}

/**
 * The same refusals in Chinese (no header, zh-CN) and English: `detail` and each field message are
 * worded from the catalog in the caller's language, Content-Language says which, and the machine
 * parts (code, type, fields, extra members) do not change.
 */
describe('problems in the caller’s language', () => {
  let t: TestApp;
  let admin: Session;
  let agency: Session;

  beforeAll(async () => {
    t = await createTestApp({ env: { MIN_BID_WINDOW: 'P7D' } });
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
  });
  afterAll(() => t.close());

  const LANGUAGES = [
    { label: 'no header', header: undefined, lang: 'zh' },
    { label: 'zh-CN', header: 'zh-CN,zh;q=0.9', lang: 'zh' },
    { label: 'en', header: 'en-GB,en;q=0.9,zh;q=0.5', lang: 'en' },
  ] as const;

  /** Sends `request` once per language; returns the three answers, checked alike for their machine parts. */
  async function inEachLanguage(send: (header: string | undefined) => Promise<{ status: number; body: any; headers: any }>) {
    const answers = [];
    for (const l of LANGUAGES) {
      const res = await send(l.header);
      expect(res.headers['content-language']).toBe(l.lang);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      answers.push({ ...l, res });
    }
    const machine = (b: any) => ({
      ...b,
      detail: undefined,
      requestId: undefined,
      date: undefined,
      errors: b.errors?.map((e: any) => e.field),
    });
    expect(machine(answers[1].res.body)).toEqual(machine(answers[0].res.body));
    expect(machine(answers[2].res.body)).toEqual(machine(answers[0].res.body));
    for (const a of answers) {
      if (a.lang === 'zh') {
        expect(a.res.body.detail).toMatch(/[\u4e00-\u9fff]/);
        expect(latinWords(a.res.body.detail)).toEqual([]);
        for (const e of a.res.body.errors ?? []) expect(latinWords(e.message)).toEqual([]);
      } else {
        // Chinese only as a clause's own numeral: `clause 4 (四)`.
        expect(a.res.body.detail.replace(/\([\u4e00-\u9fff]+\)/g, '')).not.toMatch(/[\u4e00-\u9fff]/);
      }
    }
    return { zh: answers[0].res, zhCn: answers[1].res, en: answers[2].res };
  }
  const withLanguage = <T extends { set(k: string, v: string): T }>(req: T, header: string | undefined) =>
    header ? req.set('accept-language', header) : req;

  it('an over-cap bid (422 policy.cap_exceeded): the amounts in yuan, the clause', async () => {
    const created = await t.http
      .post(`${API}/challenges`)
      .set(bearer(agency))
      .send(challengeBody({ budgetFen: 20_000_000_000, bidDeadline: isoIn(8 * DAY) }))
      .expect(201);
    await t.http.post(`${API}/challenges/${created.body.id}/publish`).set(bearer(agency)).expect(200);
    const body = bidBody({ requestedFundingFen: 3_000_000_001, totalInvestmentFen: 10_000_000_000, parts: 1 });
    const teams = [await registerTeam(t.http), await registerTeam(t.http), await registerTeam(t.http)];
    let i = 0;
    const { zh, en } = await inEachLanguage((h) =>
      withLanguage(t.http.post(`${API}/challenges/${created.body.id}/bids`).set(bearer(teams[i++])), h).send(body),
    );
    expect(zh.status).toBe(422);
    expect(zh.body).toMatchObject({ code: 'policy.cap_exceeded', capFen: 3_000_000_000, requestedFen: 3_000_000_001 });
    expect(zh.body.detail).toContain('30,000,000.01');
    expect(zh.body.detail).toMatch(/第（?四）?条/); // the policy engine's own clause reference
    expect(en.body.detail).toContain('30,000,000.01');
    expect(en.body.detail).toMatch(/exceeds the cap/);
  });

  it('a duplicate credit code (409 identity.organization_exists), naming the code', async () => {
    const first = organizationBody();
    await t.http.post(`${API}/organizations`).send(first).expect(201);
    const again = () => organizationBody({ creditCode: first.creditCode, admin: { ...first.admin, email: uniqueEmail() } });
    const { zh, en } = await inEachLanguage((h) => withLanguage(t.http.post(`${API}/organizations`), h).send(again()));
    expect(zh.status).toBe(409);
    expect(zh.body.code).toBe('identity.organization_exists');
    expect(zh.body.detail).toBe(`统一社会信用代码为 ${first.creditCode} 的机构已经注册。`);
    expect(en.body.detail).toBe(`An organisation with credit code ${first.creditCode} is already registered.`);
  });

  it('a bid deadline too early to publish (400): the window in words, the earliest instant in Beijing time', async () => {
    const c = await t.http
      .post(`${API}/challenges`)
      .set(bearer(agency))
      .send(challengeBody({ bidDeadline: isoIn(DAY) }))
      .expect(201);
    const { zh, en } = await inEachLanguage((h) =>
      withLanguage(t.http.post(`${API}/challenges/${c.body.id}/publish`).set(bearer(agency)), h).send(),
    );
    expect(zh.status).toBe(400);
    expect(zh.body.errors).toEqual([
      {
        field: 'bidDeadline',
        message: expect.stringMatching(/^须在发布后至少 7 天（不早于 \d{4}年\d+月\d+日 \d\d:\d\d（北京时间））$/),
      },
    ]);
    expect(en.body.errors[0].message).toMatch(
      /^must be at least 7 days after publishing \(not before \d+ [A-Z][a-z]{2} \d{4}, \d\d:\d\d \(Beijing time\)\)$/,
    );
    // The instant said is Beijing time: the same minute as the earliest allowed instant in UTC+8.
    const earliest = new Date(Date.now() + 7 * DAY + 8 * 3_600_000);
    const hhmm = /(\d\d):(\d\d)/.exec(zh.body.errors[0].message)!;
    expect(
      Math.abs(Number(hhmm[1]) * 60 + Number(hhmm[2]) - (earliest.getUTCHours() * 60 + earliest.getUTCMinutes())) % 1439,
    ).toBeLessThanOrEqual(2);
    // The detail names the field for a reader; errors[].field above stays the machine path.
    expect(zh.body.detail).toMatch(/^[^：]+：揭榜截止时间：须在发布后至少 7 天（/);
    expect(zh.body.detail).not.toContain('bidDeadline');
    expect(en.body.detail).toMatch(/^[^:]+: Bid deadline must be at least 7 days after publishing/);
    expect(en.body.errors[0].field).toBe('bidDeadline');
  });

  it('a deactivated user (403 identity.user_deactivated)', async () => {
    const team = await registerTeam(t.http);
    await t.http.post(`${API}/users/${team.userId}/deactivate`).set(bearer(admin)).expect(200);
    const { zh, en } = await inEachLanguage((h) => withLanguage(t.http.get(`${API}/me`).set(bearer(team)), h));
    expect(zh.status).toBe(403);
    expect(zh.body.detail).toBe('该账号已停用。');
    expect(en.body.detail).toBe('This account has been deactivated.');
  });

  it('a body with several invalid fields (400 validation_failed): each field named, worded from the constraint', async () => {
    const bad = {
      name: 'x'.repeat(300),
      kind: 'planet',
      creditCode: 42,
      admin: { email: 'not-an-email', password: 'p', displayName: '张三' },
      extra: true,
    };
    const { zh, en } = await inEachLanguage((h) => withLanguage(t.http.post(`${API}/organizations`), h).send(bad));
    expect(zh.status).toBe(400);
    expect(zh.body.code).toBe('validation_failed');
    const fields = zh.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['name', 'kind', 'creditCode', 'admin.email', 'extra']));
    const zhOf = (field: string) => zh.body.errors.filter((e: any) => e.field === field).map((e: any) => e.message);
    expect(zhOf('extra')).toEqual(['不是允许的字段']);
    expect(zhOf('name').join()).toMatch(/不能超过 \d+ 个字符/);
    expect(en.body.errors.find((e: any) => e.field === 'extra').message).toBe('is not an allowed field');
    expect(zh.body.detail).toMatch(/^输入有误：/);
    // Labelled fields by name, unknown ones (extra) by their path.
    expect(zh.body.detail).toContain('单位类型：');
    expect(zh.body.detail).toContain('电子邮箱：');
    expect(zh.body.detail).toContain('extra：不是允许的字段');
    expect(en.body.detail).toContain('Kind of organisation ');
  });
});
