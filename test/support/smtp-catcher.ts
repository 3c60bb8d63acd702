import { AddressInfo } from 'node:net';
import { ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface CaughtMail {
  /** Envelope recipients (RCPT TO). */
  to: string[];
  parsed: ParsedMail;
}

/**
 * A real SMTP server (the `smtp-server` package) on 127.0.0.1 for the tests: it asks for a user
 * and password (plain AUTH without TLS, as a local relay would), keeps every message it accepts,
 * and can be stopped and started again on the same port (a mail server that went away).
 */
export class SmtpCatcher {
  readonly mails: CaughtMail[] = [];
  private server?: SMTPServer;
  port = 0;

  constructor(private readonly credentials: { user: string; pass: string }) {}

  get url(): string {
    return `smtp://${encodeURIComponent(this.credentials.user)}:${encodeURIComponent(this.credentials.pass)}@127.0.0.1:${this.port}`;
  }

  async start(): Promise<void> {
    const server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      authMethods: ['PLAIN', 'LOGIN'],
      logger: false,
      onAuth: (auth, _session, done) =>
        auth.username === this.credentials.user && auth.password === this.credentials.pass
          ? done(null, { user: auth.username })
          : done(new Error('Invalid username or password')),
      onData: (stream, session, done) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          simpleParser(Buffer.concat(chunks))
            .then((parsed) => {
              this.mails.push({ to: session.envelope.rcptTo.map((r) => r.address), parsed });
              done();
            })
            .catch(done);
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  to(address: string): CaughtMail[] {
    return this.mails.filter((m) => m.to.includes(address.toLowerCase()));
  }
}
