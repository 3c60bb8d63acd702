import { DEMO_PASSWORD, DEMO_STAFF, DEMO_TEAMS } from './demo-accounts';
import { mailDestination, requestStatus, requestSummary, showsLine, startBanner } from './start-banner';

const up = (env: Record<string, string | undefined> = {}, more: Partial<Parameters<typeof startBanner>[0]> = {}) =>
  startBanner({ port: 3000, webUp: true, env, quietLogs: true, ...more }).join('\n');

describe('the demo’s start-up banner', () => {
  it('says where to open the app and how to stop, in a few plain lines', () => {
    const text = up();
    expect(text).toContain('Open the app:  http://localhost:3000 ');
    expect(text).toContain('http://localhost:3000/docs');
    expect(text).toContain('Ctrl-C');
    expect(text.split('\n').length).toBeLessThanOrEqual(15);
    expect(text).not.toMatch(/^\s*\{/m); // no JSON
    expect(up({}, { port: 8080 })).toContain('http://localhost:8080');
  });

  it('names every demo sign-in from the seed’s own list, and the admin', () => {
    const text = up();
    expect(text).toContain(`password ${DEMO_PASSWORD}`);
    for (const account of [...DEMO_STAFF, ...DEMO_TEAMS]) expect(text).toContain(account.email);
    expect(text).toMatch(/reviewer +reviewer1@demo\.jiebang\.cn, reviewer2@demo\.jiebang\.cn/);
    expect(text).toMatch(/program manager +pm@demo\.jiebang\.cn/);
    expect(text).toContain('admin@jiebang.local  (password admin-password-change-me)');
    const own = up({ ADMIN_EMAIL: 'root@example.cn', ADMIN_PASSWORD: 's3cret-Passw0rd' });
    expect(own).toContain('root@example.cn  (password (ADMIN_PASSWORD))');
    expect(own).not.toContain('s3cret');
  });

  it('says where mail goes: Mailpit’s page, another server without its password, or not sent', () => {
    expect(mailDestination(undefined)).toMatch(/^mail is not sent/);
    expect(mailDestination('')).toMatch(/^mail is not sent/);
    expect(mailDestination('smtp://localhost:1025')).toBe('Mailpit catches every mail: read them at http://localhost:8025');
    expect(mailDestination('smtp://mailpit:1025')).toContain('http://localhost:8025');
    const real = mailDestination('smtp://user:hunter2@smtp.example.cn:587');
    expect(real).toBe('mail is sent through smtp.example.cn:587 (SMTP_URL)');
    expect(mailDestination('not a url')).not.toContain('not a url');
    expect(up({ SMTP_URL: 'smtp://127.0.0.1:1025' })).toContain(
      'Mail:          Mailpit catches every mail: read them at http://127.0.0.1:8025',
    );
  });

  it('says when the web app is not built, and how logging was set', () => {
    expect(up({}, { webUp: false })).toContain('The web app is not built (npm run web:build)');
    expect(up()).toContain('LOG_LEVEL=info npm run demo');
    expect(up({ LOG_LEVEL: 'debug' }, { quietLogs: false })).toContain('LOG_LEVEL=debug, as set');
  });
});

describe('the demo’s request lines', () => {
  const line = (statusCode: number) =>
    JSON.stringify({ level: 40, time: 1, reqId: 'r', method: 'GET', url: '/api/v1/me', statusCode, msg: 'request completed' });

  it('counts request lines that did not fail on the server instead of showing them; shows everything else', () => {
    expect(requestStatus(line(401))).toBe(401);
    expect(showsLine(line(401))).toBe(false);
    expect(showsLine(line(200))).toBe(false);
    expect(showsLine(line(503))).toBe(true);
    expect(showsLine(JSON.stringify({ level: 40, msg: 'ADMIN_PASSWORD is weak' }))).toBe(true);
    expect(showsLine('plain text mentioning "request completed"')).toBe(true);
    expect(showsLine('{"msg":"request completed", broken')).toBe(true);
  });

  it('summarises them in one line, or says nothing when there were none', () => {
    expect(requestSummary(0, 1)).toBeUndefined();
    expect(requestSummary(1, 1)).toMatch(/^\[demo\] 1 request answered 4xx in the last minute/);
    expect(requestSummary(7, 5)).toMatch(/^\[demo\] 7 requests answered 4xx in the last 5 minutes/);
  });
});
