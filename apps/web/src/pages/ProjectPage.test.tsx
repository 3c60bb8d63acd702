import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderPage } from '../test/render';
import ProjectPage from './ProjectPage';

const PID = '7b0c7f5e-1111-4111-8111-111111111111';
const CID = '7b0c7f5e-2222-4222-8222-222222222222';
const PM = '7b0c7f5e-3333-4333-8333-333333333333';
const ORG = '7b0c7f5e-4444-4444-8444-444444444444';
const M1 = '7b0c7f5e-5555-4555-8555-555555555555';
const M2 = '7b0c7f5e-6666-4666-8666-666666666666';

const project = {
  id: PID,
  challengeId: CID,
  bidId: PID,
  organizationId: ORG,
  organizationName: 'Quantum Devices Ltd',
  title: 'Quantum chip',
  amountFen: 1_000_000_00,
  paidFen: 0,
  capFen: 3_000_000_000,
  ruleId: 'art4.core_tech',
  status: 'publicity',
  programManagerId: PM,
  stageReached: 0,
  publicityEndsAt: '2030-01-10T02:00:00.000Z',
  consortium: [],
  createdAt: '2030-01-01T00:00:00.000Z',
  milestones: [
    {
      id: M2,
      seq: 1,
      title: 'Final',
      dueAt: '2031-01-01T00:00:00Z',
      deliverable: 'chip',
      status: 'scheduled',
      trancheFen: 400_000_00,
      stageIndex: null,
    },
    {
      id: M1,
      seq: 0,
      title: 'Tape-out',
      dueAt: '2030-06-01T00:00:00Z',
      deliverable: 'sample',
      status: 'submitted',
      trancheFen: 600_000_00,
      stageIndex: null,
    },
  ],
};

function serve(disbursements: unknown[] = [], paidFen = 0, shown: object = project) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
    const url = new URL((input as Request).url).pathname;
    const body =
      url === `/api/v1/projects/${PID}`
        ? shown
        : url === `/api/v1/challenges/${CID}`
          ? { id: CID, title: 'Challenge X', objectives: [{ metric: 'qubits', target: 100, unit: 'q' }] }
          : url.endsWith('/disbursements')
            ? { projectId: PID, grantedFen: project.amountFen, paidFen, items: disbursements, nextCursor: null }
            : url.endsWith(`/milestones/${M1}/submissions`)
              ? {
                  items: [
                    {
                      id: M1,
                      attempt: 1,
                      report: 'Taped out.',
                      achieved: [{ metric: 'qubits', value: 64 }],
                      attachments: [],
                      submittedBy: ORG,
                      submittedAt: '2030-05-01T00:00:00Z',
                      decision: null,
                      comment: null,
                      reducedTrancheFen: null,
                      decidedAt: null,
                    },
                  ],
                  nextCursor: null,
                }
              : { items: [], nextCursor: null };
    return Promise.resolve(jsonResponse(200, body));
  });
}

function signInAs(role: string, id: string, organizationId: string | null = null) {
  sessionStorage.setItem(
    'jiebang.session',
    JSON.stringify({
      token: 't',
      expiresAt: Date.now() + 3_600_000,
      user: {
        id,
        email: 'x@example.test',
        displayName: 'X',
        role,
        organizationId,
        active: true,
        createdAt: '2030-01-01T00:00:00Z',
      },
    }),
  );
}

afterEach(() => {
  vi.restoreAllMocks();
  sessionStorage.clear();
});

const render = () => renderPage(<ProjectPage />, { lang: 'en', route: '/projects/:id', path: `/projects/${PID}` });
const milestone = async (seq: number) =>
  (await screen.findAllByTestId('milestone')).find((el) => el.getAttribute('data-seq') === String(seq)) as HTMLElement;

describe('ProjectPage', () => {
  it('the program manager reviews a submitted milestone; the timeline is in plan order; publicity shows its end', async () => {
    serve();
    signInAs('program_manager', PM);
    render();
    expect(await screen.findByRole('heading', { level: 1, name: 'Quantum chip' })).toBeTruthy();
    expect(screen.getByTestId('publicity').textContent).toMatch(/2030-01-10 10:00/);
    const items = await screen.findAllByTestId('milestone');
    expect(items.map((el) => el.getAttribute('data-seq'))).toEqual(['0', '1']);
    const m1 = await milestone(0);
    expect(await within(m1).findByText('Taped out.')).toBeTruthy();
    expect(within(m1).getByRole('heading', { name: 'Review' })).toBeTruthy();
    expect(within(m1).queryByRole('button', { name: 'Submit evidence' })).toBeNull();
    // the PM may also ask for a change of an open milestone, but never submits evidence
    const m2 = await milestone(1);
    expect(within(m2).getByRole('button', { name: 'Ask for a change' })).toBeTruthy();
    expect(within(m2).queryByRole('button', { name: 'Submit evidence' })).toBeNull();
  });

  it('the team may submit evidence on open milestones, not review', async () => {
    serve();
    signInAs('team', ORG, ORG);
    render();
    const m2 = await milestone(1);
    expect(within(m2).getByRole('button', { name: 'Submit evidence' })).toBeTruthy();
    const m1 = await milestone(0);
    expect(within(m1).queryByRole('heading', { name: 'Review' })).toBeNull();
    expect(within(m1).queryByRole('button', { name: 'Submit evidence' })).toBeNull();
  });

  it('an agency only reads; the paid total comes from the disbursements answer', async () => {
    serve(
      [
        {
          id: M1,
          milestoneId: M1,
          milestoneSeq: 0,
          milestoneTitle: 'Tape-out',
          amountFen: 600_000_00,
          status: 'paid',
          scheduledFor: '2030-05-02T00:00:00Z',
          paidAt: '2030-05-02T00:00:01Z',
          reason: null,
        },
      ],
      600_000_00,
    );
    signInAs('agency', '7b0c7f5e-7777-4777-8777-777777777777');
    render();
    await waitFor(() => expect(screen.getByTestId('paid').textContent).toBe('¥600,000.00'));
    expect(screen.getByTestId('paid-text').textContent).toBe('Paid ¥600,000.00 of ¥1,000,000.00 (60%)');
    const m2 = await milestone(1);
    expect(within(m2).queryAllByRole('button')).toHaveLength(0);
  });

  it('names the organisation under the title, and each consortium member by name with its credit code beside it', async () => {
    const consortium = [
      {
        organizationId: ORG,
        organizationName: 'Quantum Devices Ltd',
        creditCode: '91110000MA01ABCD1X',
        role: 'lead',
        sharePercent: 70,
      },
      {
        organizationId: M1,
        organizationName: 'Tsinghua Lab',
        creditCode: '12100000400000624D',
        role: 'member',
        sharePercent: 30,
      },
    ];
    serve([], 0, { ...project, consortium });
    signInAs('program_manager', PM);
    render();
    expect(await screen.findByTestId('project-organization')).toHaveTextContent('Organisation: Quantum Devices Ltd');
    const members = within(await screen.findByTestId('consortium')).getAllByRole('listitem');
    expect(members.map((li) => li.textContent)).toEqual([
      'Quantum Devices Ltd(lead 70%)91110000MA01ABCD1X',
      'Tsinghua Lab(member 30%)12100000400000624D',
    ]);
  });
});
