import { ConfigError, loadConfig } from '../app-config';

describe('mail settings (AppConfig.mail)', () => {
  it('has no SMTP by default (notices are stored and logged) and a From address', () => {
    const m = loadConfig({}).mail;
    expect(m).toEqual({
      smtpUrl: null,
      smtpUrlRedacted: null,
      from: '揭榜 jiebang <noreply@jiebang.local>',
      fromDomain: 'jiebang.local',
    });
  });

  it('reads SMTP_URL and MAIL_FROM; the redacted URL has no password', () => {
    const m = loadConfig({
      SMTP_URL: 'smtp://mailer:Pa55-word!@mail.example.cn:587',
      MAIL_FROM: 'noreply@Agency.Example.cn',
    }).mail;
    expect(m.smtpUrl).toBe('smtp://mailer:Pa55-word!@mail.example.cn:587');
    expect(m.smtpUrlRedacted).toBe('smtp://mailer:***@mail.example.cn:587');
    expect(m).toMatchObject({ from: 'noreply@Agency.Example.cn', fromDomain: 'agency.example.cn' });
    expect(loadConfig({ MAIL_FROM: '科技局 <notice@kjj.example.cn>' }).mail.fromDomain).toBe('kjj.example.cn');
  });

  it('refuses a bad SMTP_URL or MAIL_FROM without printing the password', () => {
    const secret = 'do-not-print-me-42';
    for (const bad of [`http://u:${secret}@host:25`, `not a url ${secret}`]) {
      try {
        loadConfig({ SMTP_URL: bad });
        throw new Error(`accepted ${bad}`);
      } catch (err) {
        expect(err).toBeInstanceOf(ConfigError);
        expect((err as ConfigError).message).toMatch(/SMTP_URL/);
        expect((err as ConfigError).message).not.toContain(secret);
      }
    }
    expect(() => loadConfig({ MAIL_FROM: 'nobody' })).toThrow(/MAIL_FROM/);
  });
});
