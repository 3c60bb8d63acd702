/**
 * The demo's sign-ins: the agency's officers, a program manager, two reviewers and three teams, all
 * with one password, and the admin the api creates at start-up. The seed (seed-demo.ts) creates them
 * from here and `npm run demo`'s start-up banner (demo-banner.ts) names them from here: one list.
 */
import { Role } from '@app/common/auth';
import type { ApplicantKind } from '@app/identity';

export const DEMO_PASSWORD = 'jiebang-demo-2026';

export const DEMO_STAFF: ReadonlyArray<{ email: string; displayName: string; role: Role }> = [
  { email: 'agency@demo.jiebang.cn', displayName: '李处长 (agency officer)', role: Role.Agency },
  { email: 'agency2@demo.jiebang.cn', displayName: '周科员 (agency officer)', role: Role.Agency },
  { email: 'pm@demo.jiebang.cn', displayName: '王项目经理 (program manager)', role: Role.ProgramManager },
  { email: 'reviewer1@demo.jiebang.cn', displayName: '陈评审 (reviewer)', role: Role.Reviewer },
  { email: 'reviewer2@demo.jiebang.cn', displayName: '刘评审 (reviewer)', role: Role.Reviewer },
];

export const DEMO_TEAMS: ReadonlyArray<{
  name: string;
  kind: ApplicantKind;
  orgBody: string;
  email: string;
  displayName: string;
}> = [
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

/**
 * The admin the api creates at start-up (ADMIN_EMAIL / ADMIN_PASSWORD, with the configuration's
 * defaults); a password set in the environment is not repeated, only named.
 */
export function demoAdmin(env: Readonly<Record<string, string | undefined>>): { email: string; password: string } {
  return {
    email: env.ADMIN_EMAIL || 'admin@jiebang.local',
    password: env.ADMIN_PASSWORD ? '(ADMIN_PASSWORD)' : 'admin-password-change-me',
  };
}
