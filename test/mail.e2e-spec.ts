import { LoggerService } from '@nestjs/common';
import { Client } from 'pg';
import { JobName, JobScheduler, ReconcileService, jobIds } from '@app/jobs';
import { eventually, seedProject } from '@app/milestones/testing/seed';
import { TestApp, createTestApp } from './support/test-app';
import { TestWorker, createTestWorker } from './support/test-worker';
import { SmtpCatcher } from './support/smtp-catcher';
import { Session, bearer, createStaff, loginAdmin, registerTeam } from './support/factories';

jest.setTimeout(180_000);
const API = '/api/v1';
const DAY = 86_400_000;
const SMTP_PASSWORD = 'smtp-Pa55word-never-logged';
const MAIL_DOMAIN = 'kjj.example.cn';

/** Every line the worker's and the api's loggers write, to prove the SMTP password is never among them. */
class CollectingLogger implements LoggerService {
  constructor(readonly lines: string[]) {}
  private keep(...args: unknown[]) {
    const errors = (_k: string, v: unknown) => (v instanceof Error ? { name: v.name, message: v.message, stack: v.stack } : v);
    this.lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a, errors))).join(' '));
  }
  log = (...a: unknown[]) => this.keep(...a);
  error = (...a: unknown[]) => this.keep(...a);
  warn = (...a: unknown[]) => this.keep(...a);
  debug = (...a: unknown[]) => this.keep(...a);
  verbose = (...a: unknown[]) => this.keep(...a);
}

describe('notices by mail (a real SMTP server)', () => {
  const smtp = new SmtpCatcher({ user: 'jiebang-mailer', pass: SMTP_PASSWORD });
  const logLines: string[] = [];
  let t: TestApp;
  let worker: TestWorker;
  let db: Client;
  let admin: Session;
  let agency: Session;
  let pm: Session;

  beforeAll(async () => {
    await smtp.start();
    t = await createTestApp({
      env: {
        SMTP_URL: smtp.url,
        MAIL_FROM: `科技局 <notice@${MAIL_DOMAIN}>`,
        DISBURSEMENT_DELAY: 'PT0S',
        RECONCILE_EVERY: 'PT1H',
      },
      logLines,
    });
    worker = await createTestWorker(t.config);
    worker.app.useLogger(new CollectingLogger(logLines));
    db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    admin = await loginAdmin(t.http);
    agency = await createStaff(t.http, admin, 'agency');
    pm = await createStaff(t.http, admin, 'program_manager');
  });
  afterAll(async () => {
    await worker?.close();
    await db?.end();
    await t?.close();
    await smtp.stop();
  });

  /** A team with an active project of one milestone, submitted; the PM accepts it (the tranche is paid at once). */
  async function acceptMilestone(team: Session, trancheFen: number) {
    const p = await seedProject(db, {
      agencyId: agency.userId,
      organizationId: team.organizationId as string,
      programManagerId: pm.userId,
      grantedFen: trancheFen,
      milestones: [{ dueInMs: 60 * DAY, trancheFen }],
    });
    const [mid] = p.milestoneIds;
    await t.http
      .post(`${API}/projects/${p.projectId}/milestones/${mid}/submissions`)
      .set(bearer(team))
      .send({ report: '完成 / done', achieved: [], attachments: [] })
      .expect(201);
    await t.http
      .post(`${API}/projects/${p.projectId}/milestones/${mid}/review`)
      .set(bearer(pm))
      .send({ decision: 'accept', comment: '验收通过' })
      .expect(200);
    const notice = await eventually(async () => {
      const r = await db.query(
        `SELECT n.id FROM notifications n JOIN disbursements d ON d.id = n.subject_id
          WHERE n.kind = 'disbursement.paid' AND d.milestone_id = $1`,
        [mid],
      );
      return r.rows[0] as { id: string } | undefined;
    });
    return { ...p, milestoneId: mid, notificationId: notice.id };
  }

  const mailSettled = (notificationId: string) =>
    eventually(
      async () =>
        (await db.query(`SELECT mail_pending FROM notifications WHERE id = $1`, [notificationId])).rows[0].mail_pending === false,
    );
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('an accepted milestone sends the team one mail, in Chinese by default, with the ¥ amount', async () => {
    const team = await registerTeam(t.http);
    const { notificationId } = await acceptMilestone(team, 720_000_000);
    const [mail] = await eventually(async () => (smtp.to(team.email).length ? smtp.to(team.email) : null));
    await mailSettled(notificationId);
    await pause(1_000);
    expect(smtp.to(team.email)).toHaveLength(1);
    expect(mail.parsed.subject).toMatch(/^拨款已支付：/);
    expect(mail.parsed.text).toContain('¥720万');
    expect(mail.parsed.text).toContain('已支付');
    expect(mail.parsed.html).toContain('¥720万');
    expect(mail.parsed.messageId).toBe(`<${notificationId}.${team.userId}@${MAIL_DOMAIN}>`);
    expect(mail.parsed.from?.value[0].address).toBe(`notice@${MAIL_DOMAIN}`);
    const n = await t.http.get(`${API}/notifications`).set(bearer(team)).expect(200);
    expect(n.body.items.find((i: { id: string }) => i.id === notificationId).emailedAt).not.toBeNull();
  });

  it('in English for a user who chose English', async () => {
    const team = await registerTeam(t.http);
    const before = await t.http.get(`${API}/me/notification-preferences`).set(bearer(team)).expect(200);
    expect(before.body.language).toBe('zh');
    expect(before.body.kinds).toContainEqual({ kind: 'disbursement.paid', mail: true });
    await t.http.put(`${API}/me/notification-preferences`).set(bearer(team)).send({ language: 'en' }).expect(200);
    await acceptMilestone(team, 45_678_900);
    const [mail] = await eventually(async () => (smtp.to(team.email).length ? smtp.to(team.email) : null));
    expect(mail.parsed.subject).toMatch(/^Tranche paid: /);
    expect(mail.parsed.text).toContain('¥456,789.00 has been paid');
    expect(mail.parsed.text).not.toContain('拨款');
    expect(mail.parsed.html).toContain('lang="en"');
  });

  it('a rejected milestone mails the team the program manager’s comment (the review’s own notice)', async () => {
    const team = await registerTeam(t.http);
    const p = await seedProject(db, {
      agencyId: agency.userId,
      organizationId: team.organizationId as string,
      programManagerId: pm.userId,
      grantedFen: 50_000_00,
      milestones: [{ dueInMs: 60 * DAY, trancheFen: 50_000_00 }],
    });
    const [mid] = p.milestoneIds;
    await t.http
      .post(`${API}/projects/${p.projectId}/milestones/${mid}/submissions`)
      .set(bearer(team))
      .send({ report: '完成 / done', achieved: [], attachments: [] })
      .expect(201);
    await t.http
      .post(`${API}/projects/${p.projectId}/milestones/${mid}/review`)
      .set(bearer(pm))
      .send({ decision: 'reject', comment: '测试报告缺少第三方检测数据' })
      .expect(200);
    const [mail] = await eventually(async () => (smtp.to(team.email).length ? smtp.to(team.email) : null));
    expect(mail.parsed.subject).toMatch(/^里程碑未通过：/);
    expect(mail.parsed.text).toContain('测试报告缺少第三方检测数据');
  });

  it('no mail when the user switched that kind off; the notice is still in the app', async () => {
    const team = await registerTeam(t.http);
    const put = await t.http
      .put(`${API}/me/notification-preferences`)
      .set(bearer(team))
      .send({ kinds: [{ kind: 'disbursement.paid', mail: false }] })
      .expect(200);
    expect(put.body.kinds).toContainEqual({ kind: 'disbursement.paid', mail: false });
    expect(put.body.kinds).toContainEqual({ kind: 'milestone.rejected', mail: true });
    const { notificationId } = await acceptMilestone(team, 10_000_00);
    await mailSettled(notificationId);
    await pause(500);
    expect(smtp.to(team.email)).toHaveLength(0);
    const n = await t.http.get(`${API}/notifications`).set(bearer(team)).expect(200);
    expect(n.body.items.find((i: { id: string }) => i.id === notificationId)).toMatchObject({ emailedAt: null });
  });

  it('preferences: bad input is a 400 naming the field; each user sees only their own', async () => {
    const team = await registerTeam(t.http);
    const bad = await t.http.put(`${API}/me/notification-preferences`).set(bearer(team)).send({ language: 'fr' }).expect(400);
    expect(JSON.stringify(bad.body)).toContain('language');
    const kind = await t.http
      .put(`${API}/me/notification-preferences`)
      .set(bearer(team))
      .send({ kinds: [{ kind: 'no.such', mail: false }] })
      .expect(400);
    expect(JSON.stringify(kind.body)).toContain('kind');
    await t.http
      .put(`${API}/me/notification-preferences`)
      .set(bearer(team))
      .send({
        kinds: [
          { kind: 'disbursement.paid', mail: false },
          { kind: 'disbursement.paid', mail: true },
        ],
      })
      .expect(400);
    await t.http.get(`${API}/me/notification-preferences`).expect(401);
    const agencyPrefs = await t.http.get(`${API}/me/notification-preferences`).set(bearer(agency)).expect(200);
    expect(agencyPrefs.body.kinds.map((k: { kind: string }) => k.kind)).toContain('stage.gate_due');
    expect(agencyPrefs.body.kinds.every((k: { mail: boolean }) => k.mail)).toBe(true);
  });

  it('SMTP server down, then up: the job retries and delivers once; running the job again sends nothing', async () => {
    const team = await registerTeam(t.http);
    await smtp.stop();
    const { notificationId } = await acceptMilestone(team, 30_000_00);
    const scheduler = t.app.get(JobScheduler);
    const failed = await eventually(async () => {
      const job = await scheduler.find(JobName.NotificationMail, jobIds.notificationMail(notificationId));
      return job && job.attemptsMade >= 1 ? job : null;
    });
    expect(failed.failedReason).toMatch(/SMTP/);
    expect(`${failed.failedReason} ${(failed.stacktrace ?? []).join(' ')}`).not.toContain(SMTP_PASSWORD);
    expect(smtp.to(team.email)).toHaveLength(0);
    await smtp.start();
    await eventually(async () => smtp.to(team.email).length > 0, 60_000);
    await mailSettled(notificationId);
    // The job once more (as after a crash before it finished): the mail is recorded as sent.
    await db.query(`UPDATE notifications SET mail_pending = true WHERE id = $1`, [notificationId]);
    await scheduler.schedule(
      JobName.NotificationMail,
      { notificationId },
      { jobId: `${jobIds.notificationMail(notificationId)}:again` },
    );
    await mailSettled(notificationId);
    await pause(1_000);
    expect(smtp.to(team.email)).toHaveLength(1);
    const sent = await db.query(
      `SELECT count(*)::int AS n FROM notification_mails WHERE notification_id = $1 AND sent_at IS NOT NULL`,
      [notificationId],
    );
    expect(sent.rows[0].n).toBe(1);
  });

  it('a notice whose job was lost (written, never scheduled) is mailed by the reconciler, in Beijing time', async () => {
    const team = await registerTeam(t.http);
    const { rows } = await db.query(
      `INSERT INTO notifications (kind, subject_id, offset_key, recipient_organization_id, params)
       VALUES ('milestone.reminder', gen_random_uuid(), 'P3D', $1,
               jsonb_build_object('milestoneId', gen_random_uuid(), 'milestoneTitle', '中试线', 'projectTitle', '固态电池',
                                  'dueAt', '2030-01-31T16:00:00.000Z'))
       RETURNING id`,
      [team.organizationId],
    );
    await worker.app.get(ReconcileService).runAll();
    const [mail] = await eventually(async () => (smtp.to(team.email).length ? smtp.to(team.email) : null));
    expect(mail.parsed.subject).toBe('里程碑即将到期：中试线');
    expect(mail.parsed.text).toContain('项目「固态电池」的里程碑「中试线」将于 2030年2月1日 00:00（北京时间） 到期。');
    await mailSettled(rows[0].id);
  });

  it('the SMTP password is in no log line', () => {
    const all = logLines.join('\n');
    // The worker's lines were collected (a failed mail job, the mails sent), so the check means something.
    expect(all).toMatch(/failed/);
    expect(all).toMatch(/mail sent|notice mailed/);
    expect(all).not.toContain(SMTP_PASSWORD);
    expect(all).not.toContain(Buffer.from(SMTP_PASSWORD).toString('base64'));
  });
});
