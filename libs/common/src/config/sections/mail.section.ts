import { EnvReader } from '../env-reader';

/**
 * Mail (libs/milestones sends notices through it).
 * - `SMTP_URL` (optional): `smtp://user:password@host:587` (STARTTLS when the server offers it) or
 *   `smtps://…:465` (TLS from the start). Unset: notices are stored and shown in the app, and the
 *   mail step only logs one line per mail. The password never appears in a log or a problem message.
 * - `MAIL_FROM` (default `揭榜 jiebang <noreply@jiebang.local>`): the From address; its domain also
 *   ends every Message-ID (`<notification id>.<user id>@domain`).
 */
export interface MailSettings {
  /** The whole URL, password included: handed to nodemailer only, never logged. */
  smtpUrl: string | null;
  /** `smtp://user@host:port` with the password removed, for logs and the health of the mail step. */
  smtpUrlRedacted: string | null;
  from: string;
  /** The domain of the From address (for Message-IDs). */
  fromDomain: string;
}

const DEFAULT_FROM = '揭榜 jiebang <noreply@jiebang.local>';

export function readMailSettings(reader: EnvReader): MailSettings {
  const from = reader.optional('MAIL_FROM') ?? DEFAULT_FROM;
  const address = /<([^<>\s]+@[^<>\s]+)>\s*$/.exec(from)?.[1] ?? (/^[^@\s<>]+@[^@\s<>]+$/.test(from) ? from : null);
  if (!address) reader.problem(`MAIL_FROM=${JSON.stringify(from)}: must be an address, or a name and <address>`);
  const smtp = readSmtpUrl(reader);
  return {
    smtpUrl: smtp?.url ?? null,
    smtpUrlRedacted: smtp?.redacted ?? null,
    from,
    fromDomain: address ? address.slice(address.lastIndexOf('@') + 1).toLowerCase() : 'jiebang.local',
  };
}

/** SMTP_URL, checked; problem messages name the variable and show the URL without its password. */
function readSmtpUrl(reader: EnvReader): { url: string; redacted: string } | undefined {
  const raw = reader.optional('SMTP_URL');
  if (raw === undefined) return undefined;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    reader.problem('SMTP_URL: must be a URL like smtp://user:password@host:587 (the value is not shown: it may hold a password)');
    return undefined;
  }
  const redacted = redactUrl(u);
  if (u.protocol !== 'smtp:' && u.protocol !== 'smtps:') reader.problem(`SMTP_URL=${redacted}: must be an smtp: or smtps: URL`);
  else if (!u.hostname) reader.problem(`SMTP_URL=${redacted}: must name a host`);
  else return { url: raw, redacted };
  return undefined;
}

/** The URL with its password replaced by `***` (user, host, port and options kept). */
export function redactUrl(u: URL): string {
  const copy = new URL(u.href);
  if (copy.password) copy.password = '***';
  return copy.href;
}
