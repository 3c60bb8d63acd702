import { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { MailSettings } from '@app/common/config';
import { MailSendError, SmtpMailTransport } from './smtp-mail-transport';

const PASSWORD = 'wr0ng-but-secret-Pa55';

/** A local SMTP server that refuses every login, so the transport's error is the one a bad SMTP_URL gives. */
async function refusingServer(): Promise<{ server: SMTPServer; port: number }> {
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth: (_auth, _session, done) => done(new Error('Invalid username or password')),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { server, port: (server.server.address() as AddressInfo).port };
}

const settings = (url: string): MailSettings => ({
  smtpUrl: url,
  smtpUrlRedacted: url.replace(PASSWORD, '***'),
  from: 'noreply@jiebang.local',
  fromDomain: 'jiebang.local',
});

const mail = {
  notificationId: 'n',
  recipientUserId: 'u',
  to: 'team@example.test',
  language: 'zh' as const,
  messageId: '<n.u@jiebang.local>',
  subject: 's',
  text: 't',
  html: '<p>t</p>',
};

describe('SMTP transport errors', () => {
  it('a refused login fails the send with the server’s reason and never the password', async () => {
    const { server, port } = await refusingServer();
    const transport = new SmtpMailTransport(settings(`smtp://mailer:${PASSWORD}@127.0.0.1:${port}`));
    try {
      const err = await transport.send(mail).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(MailSendError);
      const text = `${(err as Error).message} ${(err as Error).stack} ${JSON.stringify(err)}`;
      expect(text).toMatch(/535|Invalid username or password|EAUTH/);
      expect(text).toContain('***');
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toContain(Buffer.from(PASSWORD).toString('base64'));
    } finally {
      transport.onModuleDestroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });

  it('an unreachable server fails the send (the job retries), password-free', async () => {
    const { server, port } = await refusingServer();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const transport = new SmtpMailTransport(settings(`smtp://mailer:${PASSWORD}@127.0.0.1:${port}`));
    const err = (await transport.send(mail).catch((e: unknown) => e)) as MailSendError;
    expect(err).toBeInstanceOf(MailSendError);
    expect(['ESOCKET', 'ECONNECTION']).toContain(err.code);
    expect(err.message).toMatch(/ECONNREFUSED/);
    expect(err.message).not.toContain(PASSWORD);
    transport.onModuleDestroy();
  });
});
