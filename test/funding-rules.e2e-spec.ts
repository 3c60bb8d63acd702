import { TestApp, createTestApp } from './support/test-app';

const PROBLEM = /^application\/problem\+json/;
const BASE = '/api/v1/funding-rules';

/** 1 CNY = 100 fen. */
const cny = (yuan: number) => yuan * 100;

const ALL_RULE_IDS = [
  'art3.national_programme_matching',
  'art3.hk_macao_programme',
  'art4.core_tech',
  'art4.pm_major',
  'art5.key_lab',
  'art5.national_platform',
  'art6.research_infrastructure',
  'art7.incubator',
  'art7.maker_space',
  'art8.high_tech_enterprise',
  'art11.testing_verification',
  'art12.first_purchase',
  'art16.standard.international',
  'art16.standard.national',
  'art16.standard.industry',
  'art17.testing_certification_platform',
  'art17.standardisation_platform',
  'art18.approved_event',
  'art18.themed_event',
  'art18.journal_association_think_tank',
  'art20.park_operator',
  'art20.district_matching',
];

/** The eight clauses that fund "按相关政策" (or the like) without these measures setting an amount. */
const NO_AMOUNT_IDS = [
  'art3.national_programme_matching',
  'art5.national_platform',
  'art6.research_infrastructure',
  'art8.high_tech_enterprise',
  'art18.approved_event',
  'art18.themed_event',
  'art18.journal_association_think_tank',
  'art20.district_matching',
];

type Res = { status: number; headers: Record<string, string>; body: Record<string, any>; text: string };

function expectProblem(res: Res, status: number, code?: string) {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(PROBLEM);
  expect(res.body).toMatchObject({ status, type: expect.stringMatching(/^urn:jiebang:problem:/), code: expect.any(String) });
  if (code) expect(res.body.code).toBe(code);
  expect(res.text).not.toMatch(/at .+\.(ts|js):\d+/);
}

describe('funding rules (HTTP)', () => {
  let t: TestApp;
  // POLICY_EFFECTIVE_FROM defaults to 2023-01-01: the measures are in force 2023-01-01 … 2027-12-31.
  const TODAY = new Date('2024-03-15T08:00:00Z');
  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en', manualClock: TODAY });
  });
  afterAll(() => t.close());
  afterEach(() => t.clock?.set(TODAY));

  const quote = (id: string, body: object) => t.http.post(`${BASE}/${id}/quote`).send(body);
  /** Sends the JSON text as is, so numbers beyond 2^53 reach the server's JSON.parse unrounded. */
  const quoteRaw = (id: string, json: string) =>
    t.http.post(`${BASE}/${id}/quote`).set('content-type', 'application/json').send(json);

  describe('GET /funding-rules', () => {
    it('lists all 22 funding rules of the policy text, anonymously, in the order of the text', async () => {
      const res = await t.http.get(BASE).expect(200);
      expect(res.body.items.map((rule: { id: string }) => rule.id)).toEqual(ALL_RULE_IDS);
    });

    it('shows every field of a rule, with the cap formatted in CNY and the effective window', async () => {
      const res = await t.http.get(BASE).expect(200);
      const core = res.body.items.find((rule: { id: string }) => rule.id === 'art4.core_tech');
      expect(core).toEqual({
        id: 'art4.core_tech',
        clause: '四',
        clauseNumber: 4,
        title: { zh: '核心技术攻关项目', en: 'core-technology projects' },
        funds: 'core_tech_project',
        amountSet: true,
        decidedBy: null,
        base: { key: 'total_investment', zh: '总投资', en: 'total investment' },
        rateBp: 5000,
        rateSetting: null,
        capFen: 3_000_000_000,
        capCny: '30,000,000.00',
        payment: 'milestone',
        limitTextZh: '按不超过总投资的50%予以支持，单个项目资助金额不超过3000万元',
        effective: { firstDay: '2023-01-01', lastDay: '2027-12-31' },
      });
      for (const rule of res.body.items) {
        if (rule.capFen === null) expect(rule.capCny).toBeNull();
        else {
          expect(rule.capCny).toMatch(/^\d{1,3}(,\d{3})*\.\d{2}$/);
          expect(Math.round(Number(rule.capCny.replace(/,/g, '')) * 100)).toBe(rule.capFen);
        }
        expect(rule.title).toEqual({ zh: expect.any(String), en: expect.any(String) });
      }
    });

    it('lists each clause that funds without an amount, with its words and where the amount is decided', async () => {
      const res = await t.http.get(BASE).expect(200);
      const unset = res.body.items.filter((rule: { amountSet: boolean }) => !rule.amountSet);
      expect(unset.map((rule: { id: string }) => rule.id)).toEqual(NO_AMOUNT_IDS);
      for (const rule of unset) {
        expect(rule).toMatchObject({ base: null, rateBp: null, rateSetting: null, capFen: null, capCny: null });
        expect(rule.decidedBy).toEqual({ zh: expect.any(String), en: expect.any(String) });
      }
      expect(unset.find((rule: { id: string }) => rule.id === 'art5.national_platform')).toEqual({
        id: 'art5.national_platform',
        clause: '五',
        clauseNumber: 5,
        title: {
          zh: '新获批的全国重点实验室、国家工程研究中心、国家技术创新中心等国家级创新平台',
          en: expect.stringContaining('newly approved national key laboratories'),
        },
        funds: 'national_platform',
        amountSet: false,
        decidedBy: { zh: '金额按相关政策确定', en: 'it is decided under the relevant policies (按相关政策)' },
        base: null,
        rateBp: null,
        rateSetting: null,
        capFen: null,
        capCny: null,
        payment: 'not_stated',
        limitTextZh:
          '对新获批的全国重点实验室、国家基础学科研究中心、国家工程研究中心、国家技术创新中心、国家制造业创新中心、' +
          '国家产业创新中心以及国家临床医学研究中心，按相关政策予以资助',
        effective: { firstDay: '2023-01-01', lastDay: '2027-12-31' },
      });
    });

    it.each([['四'], ['4']])('filters by clause %s: the two clause-四 rules', async (clause) => {
      const res = await t.http.get(BASE).query({ clause }).expect(200);
      expect(res.body.items.map((rule: { id: string }) => rule.id)).toEqual(['art4.core_tech', 'art4.pm_major']);
    });

    it('filters by clause 十八: its three rules, none with an amount', async () => {
      const res = await t.http.get(BASE).query({ clause: '18' }).expect(200);
      expect(res.body.items.map((rule: { id: string; amountSet: boolean }) => [rule.id, rule.amountSet])).toEqual([
        ['art18.approved_event', false],
        ['art18.themed_event', false],
        ['art18.journal_association_think_tank', false],
      ]);
    });

    it('filters by what is funded, and by both filters together', async () => {
      const incubator = await t.http.get(BASE).query({ funds: 'incubator' }).expect(200);
      expect(incubator.body.items.map((rule: { id: string }) => rule.id)).toEqual(['art7.incubator']);
      const both = await t.http.get(BASE).query({ clause: '十六', funds: 'national_standard' }).expect(200);
      expect(both.body.items.map((rule: { id: string }) => rule.id)).toEqual(['art16.standard.national']);
      const none = await t.http.get(BASE).query({ clause: '四', funds: 'incubator' }).expect(200);
      expect(none.body).toEqual({ items: [] });
    });

    it('answers an empty list for a clause without rules', async () => {
      await t.http.get(BASE).query({ clause: '99' }).expect(200, { items: [] });
    });

    it('refuses an unknown funds value and an unknown query parameter with 400', async () => {
      const funds = await t.http.get(BASE).query({ funds: 'submarines' });
      expectProblem(funds, 400, 'validation_failed');
      expect(funds.body.errors).toEqual([
        { field: 'funds', message: expect.stringMatching(/^must be one of .*core_tech_project/) },
      ]);
      const unknown = await t.http.get(BASE).query({ colour: 'red' });
      expectProblem(unknown, 400, 'validation_failed');
      expect(unknown.body.errors).toEqual([{ field: 'colour', message: 'is not an allowed field' }]);
    });
  });

  describe('GET /funding-rules/:id', () => {
    it('returns one rule', async () => {
      const res = await t.http.get(`${BASE}/art16.standard.international`).expect(200);
      expect(res.body).toMatchObject({
        id: 'art16.standard.international',
        clause: '十六',
        clauseNumber: 16,
        funds: 'international_standard',
        base: null,
        rateBp: null,
        capFen: 100_000_000,
        capCny: '1,000,000.00',
        payment: 'after_publication',
      });
    });

    it('shows the project-manager track without a rate by default (the text states none)', async () => {
      const res = await t.http.get(`${BASE}/art4.pm_major`).expect(200);
      expect(res.body).toMatchObject({
        rateBp: null,
        rateSetting: 'pmMajorRateBp',
        capFen: 10_000_000_000,
        capCny: '100,000,000.00',
      });
    });

    it('answers 404 problem+json for an unknown rule', async () => {
      const res = await t.http.get(`${BASE}/art99.nothing`);
      expectProblem(res, 404, 'policy.unknown_rule');
      expect(res.body.detail).toMatch(/art99\.nothing/);
    });
  });

  describe('POST /funding-rules/:id/quote', () => {
    it('the issue’s example: 31,000,000.00 CNY asked on a 100,000,000.00 CNY investment — the cap binds', async () => {
      const res = await quote('art4.core_tech', {
        baseFen: cny(100_000_000),
        requestedFen: cny(31_000_000),
        date: '2024-03-15',
      }).expect(200);
      expect(res.body).toMatchObject({
        ruleId: 'art4.core_tech',
        inForce: true,
        date: '2024-03-15',
        allowedFen: 3_000_000_000,
        binding: 'cap',
        baseFen: 10_000_000_000,
        rateBp: 5000,
        rateLimitFen: 5_000_000_000,
        capFen: 3_000_000_000,
        alreadyGrantedFen: 0,
        remainingBudgetFen: null,
        requestedFen: 3_100_000_000,
      });
      expect(res.body.violations).toEqual([
        {
          code: 'cap_exceeded',
          limitFen: 3_000_000_000,
          exceededByFen: 100_000_000,
          message: {
            zh: expect.stringContaining('30,000,000.00'),
            en: expect.stringContaining('exceeds the cap by 1,000,000.00 CNY'),
          },
        },
      ]);
      expect(res.body.explanation.en).toContain('Requested 31,000,000.00 CNY');
      expect(res.body.explanation.en).toContain('the cap for core-technology projects under clause 4 (四) is 30,000,000.00 CNY');
      expect(res.body.explanation.en).not.toMatch(/clause [一二三四五六七八九十]/);
      expect(res.body.explanation.en).toContain('50% of the total investment 100,000,000.00 CNY would be 50,000,000.00 CNY');
      expect(res.body.explanation.en).toContain('the cap binds');
      expect(res.body.explanation.zh).toContain('上限起约束作用');
    });

    it('without requestedFen: the quote alone, no violations', async () => {
      const res = await quote('art4.core_tech', { baseFen: cny(100_000_000) }).expect(200);
      expect(res.body).toMatchObject({ allowedFen: 3_000_000_000, binding: 'cap', requestedFen: null, violations: [] });
      expect(res.body.explanation.en).not.toContain('Requested');
    });

    it('the rate binds below the cap; a request of exactly the limit passes, one fen more breaks it', async () => {
      const base = { baseFen: cny(40_000_000) }; // 50% = 20,000,000.00 CNY < the 30,000,000.00 cap
      const exact = await quote('art4.core_tech', { ...base, requestedFen: cny(20_000_000) }).expect(200);
      expect(exact.body).toMatchObject({
        allowedFen: 2_000_000_000,
        binding: 'rate',
        rateLimitFen: 2_000_000_000,
        violations: [],
      });
      expect(exact.body.explanation.en).toContain('the rate limit binds');
      const over = await quote('art4.core_tech', { ...base, requestedFen: cny(20_000_000) + 1 }).expect(200);
      expect(over.body.violations).toEqual([
        expect.objectContaining({ code: 'rate_exceeded', limitFen: 2_000_000_000, exceededByFen: 1 }),
      ]);
    });

    it('names both limits when rate and cap are equal', async () => {
      const res = await quote('art4.core_tech', { baseFen: cny(60_000_000) }).expect(200);
      expect(res.body).toMatchObject({ allowedFen: 3_000_000_000, binding: 'both' });
    });

    it('rounds 50% of an odd number of fen down', async () => {
      const res = await quote('art4.core_tech', { baseFen: 3 }).expect(200);
      expect(res.body).toMatchObject({ rateLimitFen: 1, allowedFen: 1, binding: 'rate' });
    });

    it('counts what the project was already granted against the cap', async () => {
      const res = await quote('art4.core_tech', {
        baseFen: cny(100_000_000),
        alreadyGrantedFen: cny(25_000_000),
        requestedFen: cny(6_000_000),
      }).expect(200);
      expect(res.body).toMatchObject({ alreadyGrantedFen: 2_500_000_000, allowedFen: 500_000_000, binding: 'cap' });
      expect(res.body.violations).toEqual([
        expect.objectContaining({ code: 'cap_exceeded', limitFen: 3_000_000_000, exceededByFen: 100_000_000 }),
      ]);
      expect(res.body.explanation.en).toContain('25,000,000.00 CNY has already been granted to this project under this rule');
    });

    it('lets the challenge’s remaining budget bind below the rule', async () => {
      const res = await quote('art4.core_tech', {
        baseFen: cny(100_000_000),
        remainingBudgetFen: cny(10_000_000),
        requestedFen: cny(12_000_000),
      }).expect(200);
      expect(res.body).toMatchObject({ allowedFen: 1_000_000_000, binding: 'budget', remainingBudgetFen: 1_000_000_000 });
      expect(res.body.violations).toEqual([
        expect.objectContaining({ code: 'budget_exceeded', limitFen: 1_000_000_000, exceededByFen: 200_000_000 }),
      ]);
      expect(res.body.explanation.en).toContain('the remaining budget binds');
    });

    it('quotes a fixed-cap rule without a base', async () => {
      const res = await quote('art3.hk_macao_programme', { requestedFen: cny(3_000_000) }).expect(200);
      expect(res.body).toMatchObject({
        allowedFen: 300_000_000,
        binding: 'cap',
        baseFen: null,
        rateLimitFen: null,
        violations: [],
      });
    });

    it('judges the rule on the decision date: in force on the first and last day, not a day outside', async () => {
      const body = { baseFen: cny(100_000_000), requestedFen: cny(1_000_000) };
      for (const date of ['2023-01-01', '2027-12-31', '2027-12-31T15:59:59Z']) {
        const res = await quote('art4.core_tech', { ...body, date }).expect(200);
        expect({ date, inForce: res.body.inForce, violations: res.body.violations }).toEqual({
          date,
          inForce: true,
          violations: [],
        });
      }
      // 23:59:59 UTC on 31 December is 07:59:59 on 1 January in Beijing: out.
      for (const date of ['2022-12-31', '2028-01-01', '2028-01-01T08:00:00+08:00', '2027-12-31T23:59:59Z']) {
        const res = await quote('art4.core_tech', { ...body, date }).expect(200);
        expect(res.body).toMatchObject({ inForce: false, allowedFen: 0, binding: 'window' });
        expect(res.body.violations).toEqual([
          {
            code: 'not_in_force',
            limitFen: 0,
            exceededByFen: cny(1_000_000),
            message: { zh: expect.stringContaining('不在有效期内'), en: expect.stringContaining('is not in force') },
          },
        ]);
        expect(res.body.explanation.en).toContain('in force from 2023-01-01 to 2027-12-31');
      }
    });

    describe('days are Beijing days', () => {
      const body = { baseFen: cny(100_000_000), requestedFen: cny(1_000_000) };
      // [instant, in force, the Beijing day it is judged on]. The window is 2023-01-01 … 2027-12-31.
      it.each([
        // The two instants, and their neighbours one second away.
        ['2028-01-01T04:59:59+08:00', false, '2028-01-01'],
        ['2028-01-01T05:00:00+08:00', false, '2028-01-01'],
        ['2028-01-01T05:00:01+08:00', false, '2028-01-01'],
        ['2023-01-01T07:59:58+08:00', true, '2023-01-01'],
        ['2023-01-01T07:59:59+08:00', true, '2023-01-01'],
        ['2023-01-01T08:00:00+08:00', true, '2023-01-01'],
        // Where the window really turns: Beijing midnight, one second either side.
        ['2022-12-31T23:59:59+08:00', false, '2022-12-31'],
        ['2023-01-01T00:00:00+08:00', true, '2023-01-01'],
        ['2027-12-31T23:59:59+08:00', true, '2027-12-31'],
        ['2028-01-01T00:00:00+08:00', false, '2028-01-01'],
        // The same instants in UTC.
        ['2022-12-31T16:00:00Z', true, '2023-01-01'],
        ['2027-12-31T16:00:00Z', false, '2028-01-01'],
      ])('%s: in force %p, judged on %s', async (date, inForce, day) => {
        const res = await quote('art4.core_tech', { ...body, date }).expect(200);
        expect(res.body).toMatchObject({ inForce, date: day });
        if (inForce) expect(res.body).toMatchObject({ allowedFen: 3_000_000_000, violations: [] });
        else {
          expect(res.body).toMatchObject({ allowedFen: 0, binding: 'window' });
          expect(res.body.violations.map((v: { code: string }) => v.code)).toEqual(['not_in_force']);
          expect(res.body.violations[0].message.en).toContain(`not in force on ${day}`);
          expect(res.body.violations[0].message.en).toContain('Beijing time, Asia/Shanghai');
          expect(res.body.explanation.en).toContain('in force from 2023-01-01 to 2027-12-31 (Beijing time, Asia/Shanghai)');
          expect(res.body.explanation.zh).toContain('（北京时间）');
        }
      });

      it('a plain YYYY-MM-DD is that Beijing day', async () => {
        const res = await quote('art4.core_tech', { ...body, date: '2023-01-01' }).expect(200);
        expect(res.body).toMatchObject({ inForce: true, date: '2023-01-01' });
      });

      it('the window the list shows is in Beijing days', async () => {
        const res = await t.http.get(`${BASE}/art4.core_tech`).expect(200);
        expect(res.body.effective).toEqual({ firstDay: '2023-01-01', lastDay: '2027-12-31' });
      });
    });

    describe('a clause that funds without an amount', () => {
      it.each(NO_AMOUNT_IDS.map((id) => [id]))('%s: 200, no amount, and where it is decided in zh and en', async (id) => {
        const res = await quote(id, {}).expect(200);
        const rule = (await t.http.get(`${BASE}/${id}`).expect(200)).body;
        expect(res.body).toMatchObject({
          ruleId: id,
          inForce: true,
          amountSet: false,
          decidedBy: rule.decidedBy,
          allowedFen: null,
          binding: 'not_set',
          baseFen: null,
          rateBp: null,
          rateLimitFen: null,
          capFen: null,
          violations: [],
        });
        expect(res.body.explanation.en).toContain('These measures set no amount');
        expect(res.body.explanation.en).toContain(rule.decidedBy.en);
        expect(res.body.explanation.zh).toContain('本措施未规定');
        expect(res.body.explanation.zh).toContain(rule.decidedBy.zh);
      });

      it('says who decides, as the text does: the districts for clause 八', async () => {
        const res = await quote('art8.high_tech_enterprise', {}).expect(200);
        expect(res.body.explanation).toEqual({
          zh:
            '本措施未规定第（八）条（新增及重新认定的未来产业国家高新技术企业）的资助金额：' +
            '由各区根据产业发展实际确定（本措施只是鼓励各区资助）；此处不给出可资助金额。',
          en:
            'These measures set no amount for future-industry enterprises newly recognised or re-recognised as national ' +
            'high-tech enterprises under clause 8 (八): each district decides it according to its industries (各区根据产业发展实际); ' +
            'the measures only encourage the districts to fund; no amount can be quoted here.',
        });
      });

      it('a requested amount cannot be judged: one violation saying why, and the base is ignored', async () => {
        const res = await quote('art3.national_programme_matching', {
          baseFen: cny(1_000_000),
          requestedFen: cny(500_000),
        }).expect(200);
        expect(res.body).toMatchObject({ amountSet: false, allowedFen: null, baseFen: null, requestedFen: cny(500_000) });
        expect(res.body.violations).toEqual([
          {
            code: 'amount_not_set',
            limitFen: 0,
            exceededByFen: cny(500_000),
            message: {
              zh: expect.stringContaining('配套比例和金额按相关政策确定'),
              en: expect.stringContaining('cannot be judged'),
            },
          },
        ]);
      });

      it('funded rules answer amountSet true and no decidedBy', async () => {
        const res = await quote('art3.hk_macao_programme', {}).expect(200);
        expect(res.body).toMatchObject({ amountSet: true, decidedBy: null, allowedFen: 300_000_000 });
      });
    });

    describe('the per-award maximum', () => {
      it('binds and is named as itself, not as the remaining budget', async () => {
        const res = await quote('art4.core_tech', {
          baseFen: cny(100_000_000),
          maxAwardFen: cny(20_000_000),
          remainingBudgetFen: cny(50_000_000),
          requestedFen: cny(25_000_000),
        }).expect(200);
        expect(res.body).toMatchObject({ binding: 'max_award', allowedFen: cny(20_000_000), maxAwardFen: cny(20_000_000) });
        expect(res.body.violations).toEqual([
          {
            code: 'max_award_exceeded',
            limitFen: cny(20_000_000),
            exceededByFen: cny(5_000_000),
            message: {
              zh: '申请 25,000,000.00 元超出榜单单个项目最高资助额：该最高额为 20,000,000.00 元，申请比它多 5,000,000.00 元。',
              en: "The request of 25,000,000.00 CNY exceeds the challenge's per-award maximum of 20,000,000.00 CNY by 5,000,000.00 CNY.",
            },
          },
        ]);
        expect(res.body.explanation.en).toContain('the per-award maximum binds');
        expect(res.body.explanation.en).not.toContain('remaining budget binds');
      });

      it('the budget message says in Chinese which amount exceeds which', async () => {
        const res = await quote('art4.core_tech', {
          baseFen: cny(100_000_000),
          remainingBudgetFen: cny(10_000_000),
          requestedFen: cny(25_000_000),
        }).expect(200);
        expect(res.body.violations[0].message.zh).toBe(
          '申请 25,000,000.00 元超出榜单剩余预算：剩余预算为 10,000,000.00 元，申请比它多 15,000,000.00 元。',
        );
      });

      it('refuses a bad maxAwardFen with 400 naming it', async () => {
        const res = await quote('art4.core_tech', { baseFen: 100, maxAwardFen: -1 });
        expectProblem(res, 400, 'validation_failed');
        expect(res.body.errors).toEqual([{ field: 'maxAwardFen', message: 'must not be negative' }]);
      });
    });

    it('uses today (the clock) when no date is given', async () => {
      const res = await quote('art4.core_tech', { baseFen: cny(1_000_000) }).expect(200);
      expect(res.body).toMatchObject({ date: '2024-03-15', inForce: true });
      t.clock!.set(new Date('2030-06-01T00:00:00Z'));
      const later = await quote('art4.core_tech', { baseFen: cny(1_000_000), requestedFen: 1 }).expect(200);
      expect(later.body).toMatchObject({ date: '2030-06-01', inForce: false, allowedFen: 0 });
      expect(later.body.violations.map((v: { code: string }) => v.code)).toEqual(['not_in_force']);
    });

    it('accepts the largest safe integer', async () => {
      const res = await quote('art4.core_tech', { baseFen: Number.MAX_SAFE_INTEGER, alreadyGrantedFen: 0 }).expect(200);
      expect(res.body).toMatchObject({ binding: 'cap', allowedFen: 3_000_000_000 });
    });

    describe('bad input', () => {
      it.each([
        ['a float', 'baseFen', 100.5, /whole number of fen.*not a fraction/],
        ['a negative', 'requestedFen', -1, /must not be negative/],
        ['a string', 'alreadyGrantedFen', '100', /not a string/],
        ['a boolean', 'remainingBudgetFen', true, /JSON integer number of fen/],
        ['an object', 'baseFen', { fen: 1 }, /JSON integer number of fen/],
      ])('refuses %s in %s with 400 naming the field and the reason', async (_what, field, value, message) => {
        const res = await quote('art4.core_tech', { baseFen: cny(1_000_000), [field]: value });
        expectProblem(res, 400, 'validation_failed');
        expect(res.body.errors).toEqual([{ field, message: expect.stringMatching(message) }]);
        expect(res.body.detail).toContain(field);
      });

      it.each([['baseFen'], ['requestedFen'], ['alreadyGrantedFen'], ['remainingBudgetFen']])(
        'refuses an unsafe integer in %s (9007199254740993, which JSON.parse rounds) with 400',
        async (field) => {
          const json = field === 'baseFen' ? '{"baseFen": 9007199254740993}' : `{"baseFen": 100, "${field}": 9007199254740993}`;
          const res = await quoteRaw('art4.core_tech', json);
          expectProblem(res, 400, 'validation_failed');
          expect(res.body.errors).toEqual([
            { field, message: expect.stringMatching(/too large.*MAX_SAFE_INTEGER \(9007199254740991\)/) },
          ]);
        },
      );

      it('refuses 1e21 (an integer far beyond 2^53) too', async () => {
        const res = await quoteRaw('art4.core_tech', '{"baseFen": 1e21}');
        expectProblem(res, 400);
        expect(res.body.errors).toEqual([{ field: 'baseFen', message: expect.stringMatching(/too large/) }]);
      });

      it('lists every bad field at once', async () => {
        const res = await quote('art4.core_tech', { baseFen: -5, requestedFen: 0.1, date: 'soon' });
        expectProblem(res, 400);
        expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['baseFen', 'date', 'requestedFen']);
      });

      it.each([['2023-02-30'], ['2024-13-01'], ['15/03/2024'], ['yesterday'], ['2024-03-15T08:00:00'], ['2024-W11'], [20240315]])(
        'refuses the date %p with 400',
        async (date) => {
          const res = await quote('art4.core_tech', { baseFen: 100, date });
          expectProblem(res, 400, 'validation_failed');
          expect(res.body.errors).toEqual([{ field: 'date', message: expect.stringMatching(/ISO 8601 date/) }]);
        },
      );

      it('refuses an unknown body field with 400', async () => {
        const res = await quote('art4.core_tech', { baseFen: 100, discount: 5 });
        expectProblem(res, 400, 'validation_failed');
        expect(res.body.errors).toEqual([{ field: 'discount', message: 'is not an allowed field' }]);
      });

      it('refuses a missing base for a rule with a rate, naming the field', async () => {
        const res = await quote('art4.core_tech', { requestedFen: 100 });
        expectProblem(res, 400, 'policy.invalid_amount');
        expect(res.body.errors).toEqual([{ field: 'baseFen', message: expect.stringMatching(/baseFen is required/) }]);
      });

      it('answers 404 for an unknown rule, before or after a valid body', async () => {
        expectProblem(await quote('art4.nope', { baseFen: 100 }), 404, 'policy.unknown_rule');
        expectProblem(await quote('art4.nope', {}), 404, 'policy.unknown_rule');
      });
    });
  });
});

describe('funding rules (HTTP) with a project-manager ratio configured', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ acceptLanguage: 'en', env: { PM_MAJOR_RATE_BP: '3500', POLICY_EFFECTIVE_FROM: '2024-02-29' } });
  });
  afterAll(() => t.close());

  it('shows the configured rate and the configured window', async () => {
    const res = await t.http.get(`${BASE}/art4.pm_major`).expect(200);
    expect(res.body).toMatchObject({
      rateBp: 3500,
      rateSetting: 'pmMajorRateBp',
      effective: { firstDay: '2024-02-29', lastDay: '2029-02-28' },
    });
  });

  it('applies it in quotes', async () => {
    const res = await quoteOn(t, 'art4.pm_major', {
      baseFen: cny(100_000_000),
      requestedFen: cny(40_000_000),
      date: '2025-01-01',
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rateBp: 3500, rateLimitFen: 3_500_000_000, binding: 'rate', allowedFen: 3_500_000_000 });
    expect(res.body.violations).toEqual([expect.objectContaining({ code: 'rate_exceeded', exceededByFen: cny(5_000_000) })]);
  });
});

function quoteOn(t: TestApp, id: string, body: object) {
  return t.http.post(`${BASE}/${id}/quote`).send(body);
}
