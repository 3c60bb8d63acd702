import { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { HELMET_OPTIONS, securityHeaders } from './security-headers';

describe('securityHeaders', () => {
  it('are exactly the headers helmet sets on a real response', () => {
    const req = new IncomingMessage(null as never);
    const res = new ServerResponse(req);
    res.setHeader('X-Powered-By', 'something');
    helmet(HELMET_OPTIONS)(req, res, () => undefined);
    expect(securityHeaders()).toEqual(res.getHeaders());
  });

  it('include the content security policy and nosniff', () => {
    const headers = securityHeaders();
    expect(headers['content-security-policy']).toContain(`script-src 'self' 'unsafe-inline'`);
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['x-powered-by']).toBeUndefined();
  });
});
