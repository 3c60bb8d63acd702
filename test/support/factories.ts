import { randomInt } from 'node:crypto';
import TestAgent from 'supertest/lib/agent';
import { makeCreditCode } from '@app/identity/credit-code';
import { TEST_ADMIN } from './test-app';

const ORG_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A valid, random unified social credit code of a Shenzhen enterprise. */
export function randomCreditCode(): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += ORG_ALPHABET[randomInt(ORG_ALPHABET.length)];
  return makeCreditCode({ authority: '9', category: '1', areaCode: '440300', orgCodeBody8: body });
}

/** A valid, random unified social credit code of a Shenzhen government organ (机关: an agency's). */
export function randomAgencyCreditCode(category: '1' | '2' | '3' | '9' = '1'): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += ORG_ALPHABET[randomInt(ORG_ALPHABET.length)];
  return makeCreditCode({ authority: '1', category, areaCode: '440300', orgCodeBody8: body });
}

let counter = 0;
export const uniqueEmail = (label = 'user') => `${label}.${Date.now().toString(36)}.${++counter}@example.test`;

export interface Session {
  token: string;
  userId: string;
  organizationId: string | null;
  email: string;
  password: string;
}

export const bearer = (s: Session | string) => ({ Authorization: `Bearer ${typeof s === 'string' ? s : s.token}` });

export async function login(http: TestAgent, email: string, password: string): Promise<Session> {
  const res = await http.post('/api/v1/auth/login').send({ email, password }).expect(200);
  return { token: res.body.accessToken, userId: res.body.user.id, organizationId: res.body.user.organizationId, email, password };
}

export const loginAdmin = (http: TestAgent) => login(http, TEST_ADMIN.email, TEST_ADMIN.password);

export function organizationBody(overrides: Record<string, unknown> = {}) {
  return {
    name: `深圳未来科技 ${++counter} 有限公司`,
    kind: 'enterprise',
    creditCode: randomCreditCode(),
    admin: { email: uniqueEmail('team'), password: 'team-password-123', displayName: '张三' },
    ...overrides,
  };
}

/** Registers an organisation and signs its first user in. */
export async function registerTeam(
  http: TestAgent,
  overrides: Record<string, unknown> = {},
): Promise<Session & { creditCode: string }> {
  const body = organizationBody(overrides);
  await http.post('/api/v1/organizations').send(body).expect(201);
  const session = await login(http, body.admin.email, body.admin.password);
  return { ...session, creditCode: body.creditCode as string };
}

/** An admin registers an agency organisation (POST /agencies). */
export async function registerAgency(
  http: TestAgent,
  admin: Session,
  overrides: { name?: string; creditCode?: string } = {},
): Promise<{ id: string; name: string; creditCode: string }> {
  const body = { name: `深圳市测试局 ${++counter}`, creditCode: randomAgencyCreditCode(), ...overrides };
  const res = await http.post('/api/v1/agencies').set(bearer(admin)).send(body).expect(201);
  return { id: res.body.id, name: body.name, creditCode: body.creditCode };
}

/**
 * An admin creates a staff user (agency, program manager, reviewer) who then signs in. An agency
 * user is an officer of an agency organisation: of `organizationId`, or of a new one registered here.
 */
export async function createStaff(
  http: TestAgent,
  admin: Session,
  role: 'agency' | 'program_manager' | 'reviewer' | 'admin' | 'auditor',
  organizationId?: string,
): Promise<Session> {
  if (role === 'agency' && !organizationId) organizationId = (await registerAgency(http, admin)).id;
  const email = uniqueEmail(role);
  const password = `${role}-password-123`;
  await http
    .post('/api/v1/users')
    .set(bearer(admin))
    .send({ email, password, displayName: `${role} user`, role, ...(organizationId ? { organizationId } : {}) })
    .expect(201);
  return login(http, email, password);
}
