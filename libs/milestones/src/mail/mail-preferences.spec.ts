import fc from 'fast-check';
import { NOTIFICATION_KINDS } from '../notifications/notification-wording';
import { kindsForRole, mailPreferenceList } from './mail-preferences';

describe('mail preferences', () => {
  it('offers each role its kinds; an unknown role every kind', () => {
    expect(kindsForRole('team')).toContain('disbursement.paid');
    expect(kindsForRole('team')).not.toContain('stage.gate_due');
    expect(kindsForRole('agency')).toContain('stage.gate_due');
    expect(kindsForRole('admin')).toEqual(NOTIFICATION_KINDS);
    expect(kindsForRole('auditor-of-the-future')).toEqual(NOTIFICATION_KINDS);
  });

  it('is on unless set off, one entry per offered kind, whatever was saved', () => {
    const kind = fc.constantFrom(...NOTIFICATION_KINDS, 'gone.kind');
    fc.assert(
      fc.property(
        fc.array(fc.record({ kind, mail: fc.boolean() })),
        fc.constantFrom('team', 'agency', 'admin'),
        (saved, role) => {
          const unique = [...new Map(saved.map((s) => [s.kind, s])).values()];
          const list = mailPreferenceList(kindsForRole(role), unique);
          expect(list.map((p) => p.kind)).toEqual(kindsForRole(role));
          for (const p of list) expect(p.mail).toBe(unique.find((s) => s.kind === p.kind)?.mail ?? true);
        },
      ),
    );
  });
});
