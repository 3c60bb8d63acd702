import 'reflect-metadata';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AwardsJobsModule } from '@app/awards';
import { ChallengesJobsModule } from '@app/challenges';
import { AuthUser, Role } from '@app/common/auth';
import { DomainError } from '@app/common/domain-error';
import { AgenciesService, OrganizationsService, UsersService, makeCreditCode } from '@app/identity';
import { MilestonesJobsModule } from '@app/milestones';
import { AppModule } from '../app.module';
import { DEMO_PASSWORD, DEMO_STAFF, DEMO_TEAMS, demoAdmin } from './demo-accounts';
import { DEMO_STAGES, seedPast, seedPresent } from './demo-challenges';
import { DEMO_RACE_SETTINGS } from './demo-race';
import type { DemoCast } from './demo-steps';

/** The api's module plus the job handlers the seed calls in the worker's place (no worker runs). */
@Module({ imports: [AppModule, ChallengesJobsModule, AwardsJobsModule, MilestonesJobsModule] })
class SeedModule {}

/**
 * Demo data for a first look: an agency organisation with two officers, a program manager, two
 * reviewers and three teams (demo-accounts.ts), all with valid credit codes (made up for the demo:
 * well formed, not the real bodies' codes). Safe to run again: whatever exists already is left alone.
 *
 * The demo agency: a government organ (机关, code `11…`) registered in Shenzhen.
 */
const AGENCY = {
  name: '深圳市科技创新局',
  creditCode: makeCreditCode({ authority: '1', category: '1', areaCode: '440300', orgCodeBody8: 'MB2C9205' }),
};

async function ignoreDuplicates(work: () => Promise<unknown>): Promise<'created' | 'exists'> {
  try {
    await work();
    return 'created';
  } catch (err) {
    if (err instanceof DomainError && err.kind === 'conflict') return 'exists';
    throw err;
  }
}

async function authUser(users: UsersService, email: string): Promise<AuthUser> {
  const u = await users.findWithPassword(email);
  if (!u) throw new Error(`demo user ${email} is missing`);
  return { id: u.id, email: u.email, displayName: u.displayName, role: u.role, organizationId: u.organizationId };
}

async function castOf(app: INestApplicationContext): Promise<DemoCast> {
  const users = app.get(UsersService);
  return {
    agency: await authUser(users, DEMO_STAFF[0].email),
    programManager: await authUser(users, DEMO_STAFF[2].email),
    reviewers: [await authUser(users, DEMO_STAFF[3].email), await authUser(users, DEMO_STAFF[4].email)],
    teams: await Promise.all(DEMO_TEAMS.map((t) => authUser(users, t.email))),
  };
}

/** The agency, its staff and the teams (each created once); one row per account for the closing table. */
async function seedAccounts(app: INestApplicationContext): Promise<string[][]> {
  const users = app.get(UsersService);
  const organizations = app.get(OrganizationsService);
  const rows: string[][] = [];
  const agencyState = await ignoreDuplicates(() => app.get(AgenciesService).register(AGENCY, null));
  const agency = await organizations.findByCreditCode(AGENCY.creditCode);
  if (!agency) throw new Error(`demo agency ${AGENCY.creditCode} is missing`);
  rows.push([`agency organisation (${AGENCY.name}, ${AGENCY.creditCode})`, '', '', agencyState]);
  for (const s of DEMO_STAFF) {
    const organizationId = s.role === Role.Agency ? agency.id : null;
    const state = await ignoreDuplicates(() => users.create({ ...s, organizationId, password: DEMO_PASSWORD }));
    rows.push([s.role, s.email, DEMO_PASSWORD, state]);
  }
  for (const t of DEMO_TEAMS) {
    const creditCode = makeCreditCode({ authority: '9', category: '1', areaCode: '440300', orgCodeBody8: t.orgBody });
    const state = await ignoreDuplicates(() =>
      organizations.register({
        name: t.name,
        kind: t.kind,
        creditCode,
        admin: { email: t.email, password: DEMO_PASSWORD, displayName: t.displayName },
      }),
    );
    rows.push([`team (${t.name}, ${creditCode})`, t.email, DEMO_PASSWORD, state]);
  }
  return rows;
}

/** Runs `work` in an application context built under `env` (the settings are read when the context is built). */
async function withContext(env: Record<string, string | undefined>, work: (app: INestApplicationContext) => Promise<void>) {
  for (const [key, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error'] });
  try {
    await work(app);
  } finally {
    await app.close();
  }
}

function printTables(accounts: string[][]): void {
  const admin = demoAdmin(process.env);
  accounts.unshift(['admin', admin.email, admin.password, 'start-up']);
  console.log('\nDemo logins (POST /api/v1/auth/login {email, password}):');
  for (const [role, email, password, state] of accounts)
    console.log(`  ${role.padEnd(58)} ${email.padEnd(28)} ${password}  [${state}]`);
  console.log('\nDemo challenges, one per stage (team* = team1, team2, team3):');
  for (const s of DEMO_STAGES) console.log(`  ${s.stage.padEnd(54)} ${s.title.split(' ')[0].padEnd(22)} ${s.seenBy}`);
  console.log('');
}

/**
 * Two application contexts: the past, with windows of seconds (deadlines, publicity and
 * disbursement delays pass while the seed waits), then the present, with the configured settings,
 * where the award still in its publicity period is made.
 */
async function main(): Promise<void> {
  const configured = Object.fromEntries(Object.keys(DEMO_RACE_SETTINGS).map((key) => [key, process.env[key]]));
  let accounts: string[][] = [];
  await withContext(DEMO_RACE_SETTINGS, async (app) => {
    accounts = await seedAccounts(app);
    await seedPast(app, await castOf(app));
  });
  await withContext(configured, async (app) => seedPresent(app, await castOf(app)));
  printTables(accounts);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
