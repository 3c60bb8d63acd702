import fc from 'fast-check';
import {
  NOTIFICATION_KINDS,
  NotificationEvent,
  formatBeijingTime,
  formatMoney,
  noticeLink,
  wordNotification,
} from './notification-wording';

/** Back from the words to fen, by digits: `¥7,200,000.00` or `¥720万` / `¥123.45万`. */
function fenFromWords(text: string): number {
  const m = /(-?)¥([\d,]+)(?:\.(\d+))?(万)?/.exec(text);
  if (!m) throw new Error(`no amount in ${text}`);
  const whole = m[2].replace(/,/g, '');
  const frac = m[3] ?? '';
  const digits = m[4] ? `${whole}${frac.padEnd(4, '0')}00` : `${whole}${frac.padEnd(2, '0')}`;
  return Number(`${m[1]}${BigInt(digits)}`);
}

// Titles without digits, so any digits in the words come from the formatted amounts and dates.
const title = fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.replace(/[0-9]/g, 'x').replace(/fen/gi, 'f'));
const instant = fc
  .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2040-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => d.toISOString());
const uuid = fc.uuid();
const amountFen = fc.oneof(
  fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
  fc.integer({ min: 100, max: 100_000_000_00 }),
  fc.constant(720_000_000),
);

const milestoneDue = fc.record({ milestoneId: uuid, milestoneTitle: title, projectTitle: title, dueAt: instant });
const events: fc.Arbitrary<NotificationEvent> = fc.oneof(
  fc.record({
    kind: fc.constant('disbursement.paid' as const),
    params: fc.record({ disbursementId: uuid, milestoneId: uuid, milestoneTitle: title, amountFen }),
  }),
  fc.record({
    kind: fc.constant('milestone.rejected' as const),
    params: fc.record({ milestoneId: uuid, milestoneTitle: title, dueAt: instant, comment: title }),
  }),
  fc.record({ kind: fc.constant('milestone.reminder' as const), params: milestoneDue }),
  fc.record({ kind: fc.constant('milestone.overdue' as const), params: milestoneDue }),
  fc.record({ kind: fc.constant('milestone.not_met' as const), params: milestoneDue }),
  fc.record({
    kind: fc.constant('review.sla' as const),
    params: fc.record({ submissionId: uuid, milestoneId: uuid, milestoneTitle: title, submittedAt: instant }),
  }),
  ...(['award.objected', 'award.objection_dismissed', 'award.revoked', 'award.final'] as const).map((kind) =>
    fc.record({
      kind: fc.constant(kind),
      params: fc.record({
        challengeId: uuid,
        challengeTitle: title,
        projectId: uuid,
        projectTitle: title,
        amountFen,
        comment: title,
        activatedAt: instant,
      }),
    }),
  ),
  ...(['consent.requested', 'consent.reminder'] as const).map((kind) =>
    fc.record({
      kind: fc.constant(kind),
      params: fc.record({
        challengeId: uuid,
        challengeTitle: title,
        bidId: uuid,
        bidDeadline: instant,
        leadOrganizationName: title,
        sharePercent: fc.option(fc.integer({ min: 1, max: 99 }), { nil: null }),
      }),
    }),
  ),
  fc.record({
    kind: fc.constant('consent.declined' as const),
    params: fc.record({
      challengeId: uuid,
      challengeTitle: title,
      bidId: uuid,
      bidDeadline: instant,
      memberOrganizationName: title,
      reasonGiven: fc.boolean(),
    }),
  }),
  fc.record({
    kind: fc.constant('consent.incomplete' as const),
    params: fc.record({
      challengeId: uuid,
      challengeTitle: title,
      bidId: uuid,
      bidDeadline: instant,
      members: fc.array(fc.record({ organizationName: title, state: fc.constantFrom('pending', 'declined') }), { maxLength: 3 }),
    }),
  }),
  fc.record({
    kind: fc.constant('stage.gate_due' as const),
    params: fc.record({
      challengeId: uuid,
      challengeTitle: title,
      stage: fc.integer({ min: 1, max: 9 }),
      stageName: title,
      endsAt: instant,
    }),
  }),
);

describe('notification wording', () => {
  it('words every kind in Chinese and English, never as "fen" or a raw fen number', () => {
    fc.assert(
      fc.property(events, (event) => {
        for (const lang of ['zh', 'en'] as const) {
          const { title: t, body } = wordNotification(event.kind, event.params, lang);
          const text = `${t}\n${body}`;
          expect(t.length).toBeGreaterThan(0);
          expect(text).not.toMatch(/fen/i);
          if (event.kind.startsWith('consent.')) {
            // Names, never ids: no uuid of the params is shown.
            for (const v of Object.values(event.params))
              if (typeof v === 'string' && /^[0-9a-f-]{36}$/.test(v)) expect(text).not.toContain(v);
          }
          if (event.kind === 'disbursement.paid' || event.kind.startsWith('award.')) {
            const fen = (event.params as { amountFen: number }).amountFen;
            if (fen >= 100) expect(text).not.toContain(String(fen));
            expect(fenFromWords(text)).toBe(fen);
          }
        }
      }),
      { numRuns: 500 },
    );
  });

  it('covers every kind it declares', () => {
    for (const kind of NOTIFICATION_KINDS) expect(wordNotification(kind, {}, 'en').title).not.toBe(kind);
  });

  it('formats fen exactly: ¥7,200,000.00 in English, ¥720万 in Chinese', () => {
    expect(formatMoney(720_000_000, 'en')).toBe('¥7,200,000.00');
    expect(formatMoney(720_000_000, 'zh')).toBe('¥720万');
    expect(formatMoney(123_450_000, 'zh')).toBe('¥123.45万');
    expect(formatMoney(123_456_789, 'zh')).toBe('¥1,234,567.89');
    expect(formatMoney(5, 'en')).toBe('¥0.05');
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'en')).toBe('¥90,071,992,547,409.91');
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('zh' as const, 'en' as const),
        (fen, lang) => {
          expect(fenFromWords(formatMoney(fen, lang))).toBe(fen);
        },
      ),
    );
  });

  it('shows instants in Beijing time', () => {
    expect(formatBeijingTime('2030-01-31T16:00:00.000Z', 'zh')).toBe('2030年2月1日 00:00（北京时间）');
    expect(formatBeijingTime('2030-01-31T16:00:00.000Z', 'en')).toBe('1 Feb 2030, 00:00 (Beijing time)');
  });

  it('a payment reads as money, and an old row of another kind keeps its words', () => {
    const paid = { disbursementId: 'd', milestoneId: 'm', milestoneTitle: '样机', amountFen: 720_000_000 };
    expect(wordNotification('disbursement.paid', paid, 'en').body).toBe('¥7,200,000.00 has been paid for milestone “样机”.');
    expect(wordNotification('disbursement.paid', paid, 'zh').body).toBe('里程碑「样机」的拨款 ¥720万 已支付。');
    expect(wordNotification('legacy.kind', { title: 'Old', body: 'words' }, 'zh')).toEqual({ title: 'Old', body: 'words' });
    expect(wordNotification('legacy.kind', null, 'en')).toEqual({ title: 'legacy.kind', body: '' });
    expect(wordNotification('milestone.overdue', { title: '里程碑逾期 / Milestone overdue: A', body: 'old' }, 'en')).toEqual({
      title: '里程碑逾期 / Milestone overdue: A',
      body: 'old',
    });
  });
});

describe('wording of the notices derived from the ledger', () => {
  const about = { challengeId: 'c', challengeTitle: '光芯片' };

  it('a receipt names the revision, the Beijing time and the hash; an award the ¥ amount', () => {
    const receipt = { ...about, bidId: 'b', receiptHash: 'ab12', revision: 2, submittedAt: '2030-01-31T16:00:00.000Z' };
    expect(wordNotification('bid.received', receipt, 'zh').body).toBe(
      '您对榜单「光芯片」的申报（第 2 版）已于 2030年2月1日 00:00（北京时间） 收到并密封。回执哈希：ab12',
    );
    expect(wordNotification('bid.received', receipt, 'en').title).toBe('Bid received: 光芯片');
    const award = { ...about, projectId: 'p', projectTitle: 'x', amountFen: 720_000_000 };
    expect(wordNotification('award.granted', award, 'zh').body).toContain('¥720万');
    expect(wordNotification('award.granted', award, 'en').body).toContain('¥7,200,000.00');
  });

  it('a gate result says advanced or stopped, published or final; an objection says where it was lodged', () => {
    const gate = { ...about, projectId: 'p', projectTitle: '甲', stage: 2, stageName: '样机', advanced: false, final: false };
    expect(wordNotification('gate.result', gate, 'zh')).toEqual({
      title: '阶段评估结果公示：光芯片 第 2 阶段',
      body: '项目「甲」止步于本阶段。公示期内可提出异议。',
    });
    expect(wordNotification('gate.result', { ...gate, advanced: true, final: true }, 'en')).toEqual({
      title: 'Stage gate result final: 光芯片, stage 2',
      body: 'Project “甲” advances to the next stage.',
    });
    const objection = { ...about, projectId: 'p', projectTitle: '甲', objectionId: 'o' };
    expect(wordNotification('objection.lodged', { ...objection, stage: null }, 'en').body).toBe(
      'Project “甲” in publicity received an objection; please decide it.',
    );
    expect(wordNotification('objection.lodged', { ...objection, stage: 1 }, 'zh').body).toBe(
      '「光芯片」第 1 阶段评估（项目「甲」）收到一项异议，请处理。',
    );
    expect(wordNotification('objection.decided', { ...objection, decision: 'dismissed', comment: '理由不足' }, 'zh')).toEqual({
      title: '您的异议被驳回：甲',
      body: '理由不足',
    });
  });

  it('a team hears of an objection to its award, its dismissal, a revocation and the award final: ¥, names, no ids', () => {
    const award = { ...about, projectId: 'p-1', projectTitle: '固态电池中试', amountFen: 720_000_000 };
    expect(wordNotification('award.objected', award, 'zh')).toEqual({
      title: '您的立项收到异议：固态电池中试',
      body: '公示期内有人对您的团队在榜单「光芯片」的立项「固态电池中试」（资助 ¥720万）提出异议。榜单方处理前，立项暂不生效。',
    });
    expect(wordNotification('award.objection_dismissed', { ...award, comment: '理由不足' }, 'en').body).toBe(
      'Your award “固态电池中试” for “光芯片” (¥7,200,000.00) stands. Reason: 理由不足',
    );
    expect(wordNotification('award.revoked', { ...award, comment: '资质不符' }, 'zh')).toEqual({
      title: '立项已撤销：固态电池中试',
      body: '公示期异议成立，榜单「光芯片」的立项「固态电池中试」已撤销，资助 ¥720万 不再拨付。理由：资质不符',
    });
    const final = wordNotification('award.final', { ...award, activatedAt: '2030-01-31T16:00:00.000Z' }, 'zh');
    expect(final.body).toBe(
      '公示期已于 2030年2月1日 00:00（北京时间） 结束，榜单「光芯片」的立项「固态电池中试」（资助 ¥720万）正式生效，项目开始执行。',
    );
    for (const kind of ['award.objected', 'award.objection_dismissed', 'award.revoked', 'award.final']) {
      for (const lang of ['zh', 'en'] as const) expect(JSON.stringify(wordNotification(kind, award, lang))).not.toContain('p-1');
      expect(noticeLink(kind, award)).toBe('/projects/p-1');
    }
  });

  it('consortium consent: the member is asked by the lead’s name with its share; the lead hears answers and what is missing', () => {
    const asked = {
      ...about,
      bidId: 'b-1',
      bidDeadline: '2030-01-31T16:00:00.000Z',
      leadOrganizationName: '牵头公司',
      sharePercent: 30,
    };
    expect(wordNotification('consent.requested', asked, 'zh')).toEqual({
      title: '联合体成员邀请：光芯片',
      body: '「牵头公司」在榜单「光芯片」的申报中将贵单位列为联合体成员（份额 30%），请于 2030年2月1日 00:00（北京时间） 申报截止前同意或拒绝。截止时未获全部成员同意的申报不予开启。',
    });
    expect(wordNotification('consent.requested', asked, 'en').body).toBe(
      '“牵头公司” names your organisation as a consortium member (30% share) in its bid for “光芯片”. Please accept or decline before bids close on 1 Feb 2030, 00:00 (Beijing time); a bid not accepted by every member is not opened at the deadline.',
    );
    const answer = { ...about, bidId: 'b-1', bidDeadline: '2030-01-31T16:00:00.000Z', memberOrganizationName: '成员甲' };
    expect(wordNotification('consent.accepted', answer, 'zh').title).toBe('联合体成员已同意：成员甲');
    expect(wordNotification('consent.declined', { ...answer, reasonGiven: true }, 'zh').body).toBe(
      '「成员甲」拒绝作为联合体成员参与您在榜单「光芯片」的申报，并说明了理由（请在申报页面查看）。如不调整联合体，该申报在 2030年2月1日 00:00（北京时间） 截止时不予开启。',
    );
    expect(wordNotification('consent.declined', { ...answer, reasonGiven: false }, 'en').body).toBe(
      '“成员甲” declined its place in your consortium’s bid for “光芯片”. Unless you change the consortium, the bid will not be opened when bids close on 1 Feb 2030, 00:00 (Beijing time).',
    );
    const missing = {
      ...about,
      bidId: 'b-1',
      bidDeadline: '2030-01-31T16:00:00.000Z',
      members: [
        { organizationName: '成员甲', state: 'pending' },
        { organizationName: '成员乙', state: 'declined' },
      ],
    };
    expect(wordNotification('consent.incomplete', missing, 'zh').body).toBe(
      '榜单「光芯片」将于 2030年2月1日 00:00（北京时间） 截止申报，以下联合体成员尚未同意：「成员甲」（尚未答复）、「成员乙」（已拒绝）。截止时仍未获全部成员同意的申报不予开启。',
    );
    expect(wordNotification('consent.incomplete', missing, 'en').body).toContain(
      'these consortium members have not accepted: “成员甲” (no answer yet), “成员乙” (declined).',
    );
    expect(wordNotification('consent.reminder', asked, 'en').title).toBe('Consortium consent awaited: 光芯片');
    for (const kind of ['consent.requested', 'consent.reminder']) expect(noticeLink(kind, asked)).toBe('/consents');
    for (const kind of ['consent.accepted', 'consent.declined', 'consent.incomplete'])
      expect(noticeLink(kind, answer)).toBe('/challenges/c/bid');
    for (const [kind, params] of [
      ['consent.requested', asked],
      ['consent.declined', answer],
      ['consent.incomplete', missing],
    ] as const)
      for (const lang of ['zh', 'en'] as const) expect(JSON.stringify(wordNotification(kind, params, lang))).not.toContain('b-1');
  });

  it('links each notice to its object in the web app', () => {
    expect(noticeLink('question.asked', about)).toBe('/challenges/c');
    expect(noticeLink('review.assigned', about)).toBe('/review/c');
    expect(noticeLink('bid.received', about)).toBe('/bids/mine');
    expect(noticeLink('award.granted', { ...about, projectId: 'p' })).toBe('/projects/p');
    expect(noticeLink('review.assigned', {})).toBeNull();
  });
});
