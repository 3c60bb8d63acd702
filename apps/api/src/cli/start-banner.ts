/**
 * What `npm run demo` says once the api, the worker and the web app are up (scripts/start-all.js
 * prints it): where to open the app, who to sign in as, where mail goes and how to stop — a few plain
 * lines instead of log lines. And how the demo keeps its console short: request lines are counted and
 * summarised, not printed one by one. Pure: no I/O.
 */
import { DEMO_PASSWORD, DEMO_STAFF, DEMO_TEAMS, demoAdmin } from './demo-accounts';

type Env = Readonly<Record<string, string | undefined>>;

/** The log level the demo runs its processes at when the user set none: warnings and errors only. */
export const DEMO_LOG_LEVEL = 'warn';

export interface BannerInput {
  /** The api's port (the web app is served by the api). */
  port: number;
  /** Whether the web app answered at `/` (its production build exists). */
  webUp: boolean;
  /** The environment the api and the worker run with (SMTP_URL, ADMIN_*, LOG_LEVEL). */
  env: Env;
  /** True when the demo chose the log level (the user set no LOG_LEVEL). */
  quietLogs: boolean;
}

const ROLE_NAMES: Readonly<Record<string, string>> = {
  agency: 'agency',
  program_manager: 'program manager',
  reviewer: 'reviewer',
  team: 'team',
};

/** Where notice mail goes, said from SMTP_URL without its credentials. */
export function mailDestination(smtpUrl: string | undefined): string {
  if (!smtpUrl?.trim()) return 'mail is not sent (SMTP_URL is unset: notices show in the app only)';
  let url: URL;
  try {
    url = new URL(smtpUrl);
  } catch {
    return 'mail goes where SMTP_URL says (it is not a URL the worker accepts)';
  }
  const host = url.hostname;
  if (/mailpit/i.test(host) || url.port === '1025') {
    const web = host === 'mailpit' || host === '' ? 'localhost' : host;
    return `Mailpit catches every mail: read them at http://${web}:8025`;
  }
  return `mail is sent through ${host}${url.port ? `:${url.port}` : ''} (SMTP_URL)`;
}

/** The demo's sign-ins, one line per role: "reviewer         reviewer1@…, reviewer2@…". */
function accountLines(env: Env): string[] {
  const byRole = new Map<string, string[]>();
  for (const s of DEMO_STAFF) byRole.set(s.role, [...(byRole.get(s.role) ?? []), s.email]);
  byRole.set(
    'team',
    DEMO_TEAMS.map((t) => t.email),
  );
  const lines = [...byRole].map(([role, emails]) => `    ${(ROLE_NAMES[role] ?? role).padEnd(16)} ${emails.join(', ')}`);
  const admin = demoAdmin(env);
  return [...lines, `    ${'admin'.padEnd(16)} ${admin.email}  (password ${admin.password})`];
}

/** The lines printed once everything is up. */
export function startBanner({ port, webUp, env, quietLogs }: BannerInput): string[] {
  const url = `http://localhost:${port}`;
  const logs = quietLogs
    ? `warnings and errors only, requests summarised; LOG_LEVEL=info npm run demo logs each request`
    : `LOG_LEVEL=${env.LOG_LEVEL ?? 'info'}, as set`;
  return [
    '',
    'jiebang demo is up: the api, the worker and the web app.',
    webUp
      ? `  Open the app:  ${url}   (API docs: ${url}/docs)`
      : `  The web app is not built (npm run web:build); the API answers at ${url}/api/v1 (docs: ${url}/docs)`,
    `  Sign in with password ${DEMO_PASSWORD} as:`,
    ...accountLines(env),
    `  Mail:          ${mailDestination(env.SMTP_URL)}`,
    `  Logs:          ${logs}`,
    '  Stop:          Ctrl-C (the api finishes its requests, the worker its running jobs)',
    '',
  ];
}

/** A request line of the api's log (logging.ts `logRequests`): its status, or undefined for any other line. */
export function requestStatus(line: string): number | undefined {
  if (!line.startsWith('{') || !line.includes('"request completed"')) return undefined;
  try {
    const entry = JSON.parse(line) as { msg?: unknown; statusCode?: unknown };
    return entry.msg === 'request completed' && typeof entry.statusCode === 'number' ? entry.statusCode : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the demo's console shows a line of the api or the worker: everything but request lines
 * that did not fail on the server's side (those are counted for `requestSummary`).
 */
export function showsLine(line: string): boolean {
  const status = requestStatus(line);
  return status === undefined || status >= 500;
}

/** One line for the requests counted since the last summary (at warn, those answered 4xx), or none. */
export function requestSummary(count: number, minutes: number): string | undefined {
  if (count <= 0) return undefined;
  const requests = count === 1 ? '1 request' : `${count} requests`;
  const span = minutes === 1 ? 'minute' : `${minutes} minutes`;
  return `[demo] ${requests} answered 4xx in the last ${span} (signed out, refused or not found: usual while clicking around)`;
}
