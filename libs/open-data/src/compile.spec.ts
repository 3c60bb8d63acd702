import { compileRelease } from './compile';
import { Release } from './ocds';

const OCID = 'ocds-xxxxxx-7d0c9a3e-5a8e-4b8f-9d58-0b6f1f1f2a01';
const base = (id: string, date: string, rest: Partial<Release>): Release => ({
  ocid: OCID,
  id,
  date,
  tag: ['tender'],
  initiationType: 'tender',
  ...rest,
});

describe('compileRelease (OCDS merge)', () => {
  const tender = base('r1', '2025-01-01T00:00:00.000Z', {
    parties: [{ id: 'CN-USCI-1', name: 'Agency', roles: ['buyer'] }],
    buyer: { id: 'CN-USCI-1', name: 'Agency' },
    tender: {
      id: 't',
      title: 'T',
      status: 'active',
      tenderPeriod: { startDate: '2025-01-01T00:00:00.000Z', endDate: '2025-02-01T00:00:00.000Z' },
      submissionMethod: ['electronicSubmission'],
      jiebang: { industry: 'i', mechanism: 'open_call', track: 'core_tech', objectives: [{ metric: 'a', target: 1, unit: 'x' }] },
    },
  });
  const amendment = base('r2', '2025-01-10T00:00:00.000Z', {
    tag: ['tenderAmendment'],
    tender: {
      id: 't',
      tenderPeriod: { endDate: '2025-03-01T00:00:00.000Z' },
      amendments: [{ id: 'a1', date: '2025-01-10T00:00:00.000Z', rationale: 'later' }],
    },
  });
  const answer = base('r3', '2025-01-12T00:00:00.000Z', {
    tag: ['tenderAmendment'],
    tender: { id: 't', hasEnquiries: true, amendments: [{ id: 'a2', date: '2025-01-12T00:00:00.000Z', description: 'Q/A' }] },
  });

  it('merges objects field by field; later values win; arrays of objects merge by id', () => {
    const compiled = compileRelease([tender, amendment, answer]);
    expect(compiled).toMatchObject({
      ocid: OCID,
      id: `${OCID}-2025-01-12T00:00:00.000Z`,
      date: '2025-01-12T00:00:00.000Z',
      tag: ['compiled'],
      initiationType: 'tender',
      buyer: { id: 'CN-USCI-1' },
      tender: {
        id: 't',
        title: 'T',
        status: 'active',
        hasEnquiries: true,
        tenderPeriod: { startDate: '2025-01-01T00:00:00.000Z', endDate: '2025-03-01T00:00:00.000Z' },
        submissionMethod: ['electronicSubmission'],
      },
    });
    expect(compiled.tender?.amendments?.map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(compiled.tender?.jiebang?.objectives).toHaveLength(1);
  });

  it('applies releases in date order whatever order they come in', () => {
    expect(compileRelease([answer, amendment, tender])).toEqual(compileRelease([tender, amendment, answer]));
  });

  it('merges an entry of a known id into the earlier one, and replaces arrays of strings whole', () => {
    const a = base('x1', '2025-01-01T00:00:00.000Z', {
      parties: [{ id: 'CN-USCI-2', name: 'S', roles: ['tenderer'] }],
      awards: [{ id: 'aw', status: 'pending', value: { amount: 1.5, currency: 'CNY' } }],
    });
    const b = base('x2', '2025-01-02T00:00:00.000Z', {
      parties: [{ id: 'CN-USCI-2', name: 'S', roles: ['supplier'] }],
      awards: [{ id: 'aw', status: 'active' }],
    });
    const c = compileRelease([a, b]);
    expect(c.parties).toEqual([{ id: 'CN-USCI-2', name: 'S', roles: ['supplier'] }]);
    expect(c.awards).toEqual([{ id: 'aw', status: 'active', value: { amount: 1.5, currency: 'CNY' } }]);
  });

  it('removes a field set to null', () => {
    const a = base('x1', '2025-01-01T00:00:00.000Z', { tender: { id: 't', title: 'old', description: 'd' } });
    const b = base('x2', '2025-01-02T00:00:00.000Z', { tender: { id: 't', description: null as unknown as string } });
    expect(compileRelease([a, b]).tender).toEqual({ id: 't', title: 'old' });
  });

  it('refuses releases of different ocids', () => {
    expect(() => compileRelease([tender, { ...answer, ocid: 'ocds-other-x' }])).toThrow();
  });
});
