import { DomainError } from '@app/common/domain-error';
import { assertStrongPassword } from './password-policy';
import { passwordReasons } from './password-rules';
import { zxcvbnEstimator } from './password-policy';

const team = { email: 'team.lx3k.1@example.test', displayName: '张三', organizationName: '深圳未来科技 1 有限公司' };

function refusal(password: string, context = team): DomainError {
  try {
    assertStrongPassword(password, context, 'admin.password', 'en');
  } catch (err) {
    return err as DomainError;
  }
  throw new Error(`"${password}" was accepted`);
}

/** With the real dictionaries: what the issue named as weak is refused, for the right reason. */
describe('assertStrongPassword', () => {
  it.each([
    ['aaaaaaaaaaaa', 'repeated'],
    ['password1234', 'common'],
    [' '.repeat(12), 'repeated'],
    ['abcdefghijkl', 'sequence'],
    ['team.lx3k.1@example.test', 'contains_personal'],
    ['my team.lx3k.1 secret', 'contains_personal'],
    ['short', 'too_short'],
  ])('refuses %j as %s', (password, reason) => {
    const error = refusal(password);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.kind).toBe('invalid');
    expect(error.code).toBe('validation_failed');
    expect(error.details.reason).toBe(reason);
    expect(error.fieldErrors[0]).toMatchObject({ field: 'admin.password', reason });
  });

  it('words the refusal in Chinese unless English is asked for', () => {
    let zh: DomainError | undefined;
    try {
      assertStrongPassword('password1234', team, 'password', 'zh');
    } catch (err) {
      zh = err as DomainError;
    }
    expect(zh?.message).toMatch(/密码/);
    expect(zh?.fieldErrors[0].message).toMatch(/常见密码/);
    expect(refusal('password1234').fieldErrors[0].message).toMatch(/common password/);
  });

  it('accepts a passphrase, and every password the tests, seeds and benches use', () => {
    for (const password of [
      'correct horse battery staple',
      'team-password-123',
      'agency-password-123',
      'program_manager-password-123',
      'reviewer-password-123',
      'admin-password-123',
      'staff-password-123',
      'pm-password-1234',
      'long-enough-password',
      'jiebang-demo-2026',
      'a-long-password',
    ]) {
      expect(() => assertStrongPassword(password, team, 'password', 'en')).not.toThrow();
    }
    expect(
      passwordReasons(
        'jiebang-demo-2026',
        { email: 'agency@demo.jiebang.cn', displayName: '深圳市科技创新局 (agency)' },
        zxcvbnEstimator,
      ),
    ).toEqual([]);
  });

  it('judges a long random password in bounded time (zxcvbn runs on the event loop)', () => {
    const long = Array.from({ length: 256 }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 94))).join('');
    zxcvbnEstimator('warm-up-the-dictionaries', []);
    const started = process.hrtime.bigint();
    assertStrongPassword(long, team, 'password', 'en');
    expect(Number(process.hrtime.bigint() - started) / 1e6).toBeLessThan(1000);
  });
});
