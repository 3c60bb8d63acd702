import { describe, expect, it } from 'vitest';
import { dashboardReturnPath } from './jobs';

describe('dashboardReturnPath', () => {
  it('keeps a page of the dashboard, with its query', () => {
    expect(dashboardReturnPath('/admin/queues')).toBe('/admin/queues');
    expect(dashboardReturnPath('/admin/queues/queue/mail?status=failed')).toBe('/admin/queues/queue/mail?status=failed');
  });

  it('sends anything else to the dashboard’s first page (no open redirect)', () => {
    for (const next of [
      null,
      '',
      '/',
      '/admin/users',
      '/admin/queuesX',
      '//evil.example/admin/queues',
      'https://evil.example/admin/queues',
      '/admin/queues/../../sign-in',
      '/admin/queues//evil.example',
      '/admin/queues/\\evil',
      '/admin/queues/\tx',
    ])
      expect(dashboardReturnPath(next)).toBe('/admin/queues');
  });
});
