import 'reflect-metadata';
import { INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AwardsJobsModule } from '@app/awards';
import { ChallengesJobsModule, ChallengesService } from '@app/challenges';
import { AuthUser, Role } from '@app/common/auth';
import { DomainError } from '@app/common/domain-error';
import { AgenciesService, ApplicantKind, OrganizationsService, UsersService, makeCreditCode } from '@app/identity';
import { MilestonesJobsModule } from '@app/milestones';
import { AppModule } from '../app.module';
import { DEMO_RACE_SETTINGS, seedAwardedRace } from './demo-race';

// The awarded race plays out in seconds: short windows for this process only (see demo-race.ts).
Object.assign(process.env, DEMO_RACE_SETTINGS);

/** The api's module plus the job handlers the seed calls in the worker's place (no worker runs). */
@Module({ imports: [AppModule, ChallengesJobsModule, AwardsJobsModule, MilestonesJobsModule] })
class SeedModule {}

/**
 * Demo data for a first look: an agency organisation with two officers, a program manager, two
 * reviewers and three teams, all with valid credit codes (made up for the demo: well formed, not
 * the real bodies' codes). Safe to run again: whatever exists already is left alone.
 */
const PASSWORD = 'jiebang-demo-2026';

/** The demo agency: a government organ (机关, code `11…`) registered in Shenzhen. */
const AGENCY = {
  name: '深圳市科技创新局',
  creditCode: makeCreditCode({ authority: '1', category: '1', areaCode: '440300', orgCodeBody8: 'MB2C9205' }),
};

const STAFF: Array<{ email: string; displayName: string; role: Role }> = [
  { email: 'agency@demo.jiebang.cn', displayName: '李处长 (agency officer)', role: Role.Agency },
  { email: 'agency2@demo.jiebang.cn', displayName: '周科员 (agency officer)', role: Role.Agency },
  { email: 'pm@demo.jiebang.cn', displayName: '王项目经理 (program manager)', role: Role.ProgramManager },
  { email: 'reviewer1@demo.jiebang.cn', displayName: '陈评审 (reviewer)', role: Role.Reviewer },
  { email: 'reviewer2@demo.jiebang.cn', displayName: '刘评审 (reviewer)', role: Role.Reviewer },
];

const TEAMS: Array<{ name: string; kind: ApplicantKind; orgBody: string; email: string; displayName: string }> = [
  {
    name: '深圳光子计算科技有限公司',
    kind: 'enterprise',
    orgBody: 'MA5G0001',
    email: 'team1@demo.jiebang.cn',
    displayName: '赵工',
  },
  { name: '南方量子信息研究院', kind: 'institute', orgBody: 'MB2C0002', email: 'team2@demo.jiebang.cn', displayName: '钱博士' },
  {
    name: '深圳类脑智能大学实验室',
    kind: 'university',
    orgBody: 'MC3D0003',
    email: 'team3@demo.jiebang.cn',
    displayName: '孙教授',
  },
];

async function ignoreDuplicates(work: () => Promise<unknown>): Promise<'created' | 'exists'> {
  try {
    await work();
    return 'created';
  } catch (err) {
    if (err instanceof DomainError && err.kind === 'conflict') return 'exists';
    throw err;
  }
}

const DAY = 86_400_000;
const at = (days: number) => new Date(Date.now() + days * DAY).toISOString();

async function authUser(users: UsersService, email: string): Promise<AuthUser> {
  const u = await users.findWithPassword(email);
  if (!u) throw new Error(`demo user ${email} is missing`);
  return { id: u.id, email: u.email, displayName: u.displayName, role: u.role, organizationId: u.organizationId };
}

/**
 * Two published challenges (an open call and a horse race) and one horse race already awarded,
 * once: skipped when the agency has any challenge.
 */
async function seedChallenges(app: INestApplicationContext, users: UsersService): Promise<string[][]> {
  const challenges = app.get(ChallengesService);
  const me = await authUser(users, STAFF[0].email);
  const existing = JSON.parse(await challenges.list({ mine: true, limit: 1 } as never, me)) as { items: unknown[] };
  if (existing.items.length) return [];
  const common = {
    track: 'core_tech' as const,
    eligibility: { orgKinds: ['enterprise', 'university', 'institute'], consortiumAllowed: true, maxMembers: 5 },
    bidDeadline: at(30),
    projectEndsAt: at(3 * 365),
  };
  const drafts = [
    {
      ...common,
      title: '量子精密测量仪器核心部件攻关 Quantum precision measurement instrument core components',
      summary: '研制面向工业现场的量子精密测量仪器核心部件，实现国产化替代。',
      industry: 'quantum_information',
      field: 'test_instruments',
      mechanism: 'open_call',
      budgetFen: 2_000_000_000,
      maxAwardFen: 2_000_000_000,
      objectives: [{ metric: '磁场测量灵敏度 sensitivity', target: 10, unit: 'fT/√Hz' }],
      zone: 'guangming_science_city',
    },
    {
      ...common,
      title: '光计算芯片赛马 Optical computing chip horse race',
      summary: '三支团队并行攻关光计算芯片，两轮末位淘汰。',
      industry: 'optical_comm_computing',
      secondaryIndustry: 'brain_science',
      field: 'key_components',
      mechanism: 'horse_race',
      parallelSlots: 3,
      budgetFen: 6_000_000_000,
      maxAwardFen: 2_000_000_000,
      stages: [
        { name: '初赛 first round', endsAt: at(365), advancingSlots: 2 },
        { name: '决赛 final', endsAt: at(2 * 365), advancingSlots: 1 },
      ],
      objectives: [{ metric: '算力能效 energy efficiency', target: 100, unit: 'TOPS/W' }],
      zone: 'hitech_nanshan',
    },
  ];
  const rows: string[][] = [];
  for (const draft of drafts) {
    const created = await challenges.create(draft as never, me);
    await challenges.publish(created.id, me);
    rows.push([`challenge (${draft.mechanism})`, created.id, draft.title.split(' ')[0], 'published']);
  }
  const cast = {
    agency: me,
    programManager: await authUser(users, STAFF[2].email),
    reviewers: [await authUser(users, STAFF[3].email), await authUser(users, STAFF[4].email)],
    teams: await Promise.all(TEAMS.map((t) => authUser(users, t.email))),
  };
  rows.push(...(await seedAwardedRace(app, cast)));
  return rows;
}

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(SeedModule, { logger: ['error'] });
  try {
    const users = app.get(UsersService);
    const organizations = app.get(OrganizationsService);
    const rows: string[][] = [];
    const agencyState = await ignoreDuplicates(() => app.get(AgenciesService).register(AGENCY, null));
    const agency = await organizations.findByCreditCode(AGENCY.creditCode);
    if (!agency) throw new Error(`demo agency ${AGENCY.creditCode} is missing`);
    rows.push([`agency organisation (${AGENCY.name}, ${AGENCY.creditCode})`, '', '', agencyState]);
    for (const s of STAFF) {
      const organizationId = s.role === Role.Agency ? agency.id : null;
      const state = await ignoreDuplicates(() => users.create({ ...s, organizationId, password: PASSWORD }));
      rows.push([s.role, s.email, PASSWORD, state]);
    }
    for (const t of TEAMS) {
      const creditCode = makeCreditCode({ authority: '9', category: '1', areaCode: '440300', orgCodeBody8: t.orgBody });
      const state = await ignoreDuplicates(() =>
        organizations.register({
          name: t.name,
          kind: t.kind,
          creditCode,
          admin: { email: t.email, password: PASSWORD, displayName: t.displayName },
        }),
      );
      rows.push([`team (${t.name}, ${creditCode})`, t.email, PASSWORD, state]);
    }
    rows.push(...(await seedChallenges(app, users)));
    const admin = process.env.ADMIN_EMAIL ?? 'admin@jiebang.local';
    rows.unshift(['admin', admin, process.env.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : 'admin-password-change-me', 'start-up']);
    console.log('\nDemo logins (POST /api/v1/auth/login {email, password}) and challenges:');
    for (const [role, email, password, state] of rows)
      console.log(`  ${role.padEnd(58)} ${email.padEnd(28)} ${password}  [${state}]`);
    console.log('');
  } finally {
    await app.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
