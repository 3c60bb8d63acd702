import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Role } from '@app/common/auth';
import { DomainError } from '@app/common/domain-error';
import { OrganizationKind, OrganizationsService, UsersService, makeCreditCode } from '@app/identity';
import { AppModule } from '../app.module';

/**
 * Demo data for a first look: an agency, a program manager, two reviewers and three teams with
 * valid credit codes. Safe to run again: whatever exists already is left alone.
 */
const PASSWORD = 'jiebang-demo-2026';

const STAFF: Array<{ email: string; displayName: string; role: Role }> = [
  { email: 'agency@demo.jiebang.cn', displayName: '深圳市科技创新局 (agency)', role: Role.Agency },
  { email: 'pm@demo.jiebang.cn', displayName: '王项目经理 (program manager)', role: Role.ProgramManager },
  { email: 'reviewer1@demo.jiebang.cn', displayName: '陈评审 (reviewer)', role: Role.Reviewer },
  { email: 'reviewer2@demo.jiebang.cn', displayName: '刘评审 (reviewer)', role: Role.Reviewer },
];

const TEAMS: Array<{ name: string; kind: OrganizationKind; orgBody: string; email: string; displayName: string }> = [
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

async function main(): Promise<void> {
  const app = await NestFactory.createApplicationContext(AppModule, { logger: ['error'] });
  try {
    const users = app.get(UsersService);
    const organizations = app.get(OrganizationsService);
    const rows: string[][] = [];
    for (const s of STAFF) {
      const state = await ignoreDuplicates(() => users.create({ ...s, password: PASSWORD }));
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
    const admin = process.env.ADMIN_EMAIL ?? 'admin@jiebang.local';
    rows.unshift(['admin', admin, process.env.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : 'admin-password-change-me', 'start-up']);
    console.log('\nDemo logins (POST /api/v1/auth/login {email, password}):');
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
