import pino from 'pino';
import { REDACTED_PATHS, requestLogger } from './logging';

/** A pino logger writing into `lines`, with the api's redaction and no timestamp. */
function capture(lines: string[]) {
  const stream = { write: (line: string) => void lines.push(line) };
  return pino({ redact: { paths: REDACTED_PATHS, censor: '[redacted]' }, timestamp: false, base: { pid: 1 } }, stream);
}

describe('request line without redaction', () => {
  it('every redacted path names a key inside an object, never a top-level field', () => {
    for (const path of REDACTED_PATHS)
      expect(
        path
          .replace(/\[[^\]]*\]/g, '.x')
          .split('.')
          .filter(Boolean).length,
      ).toBeGreaterThan(1);
  });

  it('writes the same line as the redacting root logger for a flat line, even one naming secrets', () => {
    const line = {
      reqId: 'password',
      method: 'POST',
      url: '/api/v1/auth/login?password=x&body=y',
      statusCode: 401,
      responseTime: 3,
      remoteAddress: 'authorization',
    };
    const redacted: string[] = [];
    const plain: string[] = [];
    capture(redacted).info(line, 'request completed');
    requestLogger(capture(plain)).info(line, 'request completed');
    expect(plain).toEqual(redacted);
    expect(JSON.parse(plain[0])).toMatchObject(line);
  });

  it('the root logger still redacts nested secrets', () => {
    const lines: string[] = [];
    capture(lines).info({ req: { headers: { authorization: 'Bearer abc' } }, user: { password: 'hunter2' } }, 'x');
    expect(lines[0]).not.toContain('abc');
    expect(lines[0]).not.toContain('hunter2');
  });

  it('is one child per root logger', () => {
    const root = capture([]);
    expect(requestLogger(root)).toBe(requestLogger(root));
  });
});
