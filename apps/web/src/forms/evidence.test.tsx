import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EvidenceForm } from '../components/projects/EvidenceForm';
import { translator } from '../i18n/i18n';
import { jsonResponse, problemResponse, renderPage } from '../test/render';
import {
  emptyEvidence,
  evidenceFieldOf,
  isHex64,
  isHttpUrl,
  normalizeSha256,
  parseAchieved,
  sha256Hex,
  toSubmissionBody,
  validateEvidence,
  type EvidenceValues,
} from './evidence';

const t = translator('en');
const objectives = [
  { metric: '算力', target: 100, unit: 'TOPS' },
  { metric: '功耗', target: 30, unit: 'W' },
];
const HASH = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'; // SHA-256("abc")

const filled = (overrides: Partial<EvidenceValues> = {}): EvidenceValues => ({
  report: '流片完成，测试通过。',
  achieved: ['120', ''],
  attachments: [{ name: 'report.pdf', url: 'https://files.example.cn/r.pdf', sha256: HASH }],
  ...overrides,
});

afterEach(() => vi.restoreAllMocks());

describe('evidence rules', () => {
  it('accepts a filled form and builds the body the server takes', () => {
    expect(validateEvidence(filled(), objectives, t)).toEqual({});
    const { body, achievedIndex } = toSubmissionBody(filled({ achieved: ['', '25.5'] }), objectives);
    expect(body).toEqual({
      report: '流片完成，测试通过。',
      achieved: [{ metric: '功耗', value: 25.5 }],
      attachments: [{ name: 'report.pdf', url: 'https://files.example.cn/r.pdf', sha256: HASH }],
    });
    // achieved[0] of the body is the second objective: a server error on it goes beside that input
    expect(achievedIndex).toEqual([1]);
    expect(evidenceFieldOf('achieved[0].value', achievedIndex)).toBe('achieved.1.value');
    expect(evidenceFieldOf('attachments[2].sha256', achievedIndex)).toBe('attachments.2.sha256');
  });

  it('omits empty achieved and attachments', () => {
    const { body } = toSubmissionBody({ ...emptyEvidence(objectives), report: ' r ' }, objectives);
    expect(body).toEqual({ report: 'r' });
  });

  it('requires a report and flags every bad attachment field', () => {
    const errors = validateEvidence(
      filled({
        report: '  ',
        achieved: ['12a', '3'],
        attachments: [
          { name: '', url: 'ftp://files.example.cn/x', sha256: 'abc' },
          { name: 'b', url: 'https://localhost/x', sha256: 'g'.repeat(64) },
        ],
      }),
      objectives,
      t,
    );
    expect(errors).toEqual({
      report: 'Required',
      'achieved.0.value': 'Enter a number',
      'attachments.0.name': 'Required',
      'attachments.0.url': expect.stringMatching(/http/),
      'attachments.0.sha256': 'A SHA-256 is 64 hexadecimal digits',
      'attachments.1.url': expect.stringMatching(/http/),
      'attachments.1.sha256': 'A SHA-256 is 64 hexadecimal digits',
    });
  });

  it('normalises a pasted upper-case digest; hex64 is exactly 64 lowercase hex digits', () => {
    expect(normalizeSha256(` ${HASH.toUpperCase().slice(0, 32)} ${HASH.toUpperCase().slice(32)} `)).toBe(HASH);
    expect(
      validateEvidence(filled({ attachments: [{ ...filled().attachments[0], sha256: HASH.toUpperCase() }] }), objectives, t),
    ).toEqual({});
    expect(isHex64(HASH)).toBe(true);
    expect(isHex64(HASH.slice(1))).toBe(false);
    expect(isHex64(`${HASH}0`)).toBe(false);
    expect(isHex64(HASH.toUpperCase())).toBe(false);
  });

  it('parses achieved values and URLs like the server', () => {
    expect(parseAchieved('1,200')).toBe(1200);
    expect(parseAchieved('-3.5')).toBe(-3.5);
    expect(parseAchieved('1e3')).toBeNull();
    expect(parseAchieved('')).toBeNull();
    expect(isHttpUrl('http://a.example.com/x?y=1')).toBe(true);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl('files.example.cn/r.pdf')).toBe(false);
  });

  it('computes SHA-256 with Web Crypto', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe(HASH);
  });
});

describe('EvidenceForm', () => {
  const PID = '7b0c7f5e-1111-4111-8111-111111111111';
  const MID = '7b0c7f5e-2222-4222-8222-222222222222';

  it('shows client errors beside the fields and sends nothing', async () => {
    const fetch = vi.spyOn(globalThis, 'fetch');
    renderPage(
      <EvidenceForm
        projectId={PID}
        milestoneId={MID}
        objectives={objectives}
        onDone={() => undefined}
        onCancel={() => undefined}
      />,
      { lang: 'en' },
    );
    await userEvent.click(screen.getByRole('button', { name: 'Add attachment' }));
    await userEvent.type(screen.getByLabelText(/Attachment 1 SHA-256/), 'xyz');
    await userEvent.click(screen.getByRole('button', { name: 'Submit evidence' }));
    expect(await screen.findByText('A SHA-256 is 64 hexadecimal digits')).toBeTruthy();
    expect(screen.getByLabelText(/Attachment 1 SHA-256/).getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByLabelText(/^Report/).getAttribute('aria-invalid')).toBe('true');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('puts the server’s field errors beside the right input and its conflicts in an alert (in Chinese)', async () => {
    const fetch = vi
      .spyOn(globalThis, 'fetch')
      .mockResolvedValueOnce(
        problemResponse(400, {
          code: 'validation_failed',
          detail: 'invalid',
          errors: [{ field: 'achieved[0].value', message: 'must be a finite number' }],
        }),
      )
      .mockResolvedValueOnce(
        problemResponse(409, {
          code: 'milestones.already_submitted',
          detail: 'A submission of this milestone is waiting for review.',
          requestId: 'req-1',
        }),
      );
    const done = vi.fn();
    renderPage(
      <EvidenceForm projectId={PID} milestoneId={MID} objectives={objectives} onDone={done} onCancel={() => undefined} />,
      {
        lang: 'zh',
      },
    );
    await userEvent.type(screen.getByLabelText(/^成果报告/), '完成');
    await userEvent.type(screen.getByLabelText(/^功耗/), '25');
    await userEvent.click(screen.getByRole('button', { name: '提交成果' }));
    await waitFor(() => expect(screen.getByLabelText(/^功耗/).getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('必须是数字')).toBeTruthy();
    const sent = fetch.mock.calls[0][0] as Request;
    expect(sent.url).toMatch(new RegExp(`/api/v1/projects/${PID}/milestones/${MID}/submissions$`));
    expect(await sent.json()).toEqual({ report: '完成', achieved: [{ metric: '功耗', value: 25 }] });
    await userEvent.click(screen.getByRole('button', { name: '提交成果' }));
    expect(await screen.findByText('该里程碑已有待验收的提交')).toBeTruthy();
    expect(screen.getByText('请求编号：req-1')).toBeTruthy();
    expect(done).not.toHaveBeenCalled();
  });

  it('calls onDone after a 201', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      jsonResponse(201, {
        id: MID,
        milestoneId: MID,
        projectId: PID,
        attempt: 1,
        status: 'submitted',
        submittedAt: '2030-01-01T00:00:00Z',
      }),
    );
    const done = vi.fn();
    renderPage(<EvidenceForm projectId={PID} milestoneId={MID} objectives={[]} onDone={done} onCancel={() => undefined} />, {
      lang: 'en',
    });
    await userEvent.type(screen.getByLabelText(/^Report/), 'ok');
    await userEvent.click(screen.getByRole('button', { name: 'Submit evidence' }));
    await waitFor(() => expect(done).toHaveBeenCalled());
  });
});
