/**
 * The milestone evidence form's rules (pure), as POST /projects/:id/milestones/:mid/submissions
 * takes them: a report, an achieved value per objective metric of the challenge (optional each),
 * attachments as name + http(s) URL + SHA-256 (64 lowercase hex digits).
 */
import type { MessageKey } from '../i18n/zh';

export interface Objective {
  metric: string;
  target: number;
  unit: string;
}

export interface AttachmentValues {
  name: string;
  url: string;
  sha256: string;
}

export interface EvidenceValues {
  report: string;
  /** One entry per objective of the challenge, in its order ('' = not reported). */
  achieved: string[];
  attachments: AttachmentValues[];
}

export interface SubmissionBody {
  report: string;
  achieved?: { metric: string; value: number }[];
  attachments?: { name: string; sha256: string; url: string }[];
  /** Files uploaded through POST /documents, attached as the submission's evidence. */
  documents?: { documentId: string }[];
}

export type EvidenceErrors = Record<string, string>;
type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export const REPORT_MAX = 20_000;
export const ATTACHMENTS_MAX = 100;

export const emptyAttachment = (): AttachmentValues => ({ name: '', url: '', sha256: '' });

export function emptyEvidence(objectives: readonly Objective[]): EvidenceValues {
  return { report: '', achieved: objectives.map(() => ''), attachments: [] };
}

/** What a person pastes as a digest: spaces dropped, upper-case hex accepted (the server wants lower case). */
export function normalizeSha256(text: string): string {
  return text.replace(/\s+/g, '').toLowerCase();
}

export function isHex64(text: string): boolean {
  return /^[0-9a-f]{64}$/.test(text);
}

/** An absolute http(s) URL with a host that has a dot (the server's IsUrl requires a top-level domain). */
export function isHttpUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return false;
  }
  return (url.protocol === 'https:' || url.protocol === 'http:') && /\.[a-z]{2,}$/i.test(url.hostname);
}

/** An achieved value as typed ("120", "99.5", "-3", "1,200"); null when it is not a finite number. */
export function parseAchieved(text: string): number | null {
  const s = text.replace(/[\s,，]/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export function validateEvidence(values: EvidenceValues, objectives: readonly Objective[], t: T): EvidenceErrors {
  const errors: EvidenceErrors = {};
  if (!values.report.trim()) errors.report = t('projects.err.required');
  else if (values.report.length > REPORT_MAX) errors.report = t('projects.err.tooLong', { n: REPORT_MAX });
  objectives.forEach((_, i) => {
    const text = values.achieved[i] ?? '';
    if (text.trim() && parseAchieved(text) === null) errors[`achieved.${i}.value`] = t('projects.err.number');
  });
  if (values.attachments.length > ATTACHMENTS_MAX) errors.attachments = t('projects.err.tooMany', { n: ATTACHMENTS_MAX });
  values.attachments.forEach((a, i) => {
    if (!a.name.trim()) errors[`attachments.${i}.name`] = t('projects.err.required');
    else if (a.name.length > 300) errors[`attachments.${i}.name`] = t('projects.err.tooLong', { n: 300 });
    if (!a.url.trim()) errors[`attachments.${i}.url`] = t('projects.err.required');
    else if (!isHttpUrl(a.url) || a.url.length > 2000) errors[`attachments.${i}.url`] = t('projects.err.url');
    const digest = normalizeSha256(a.sha256);
    if (!digest) errors[`attachments.${i}.sha256`] = t('projects.err.required');
    else if (!isHex64(digest)) errors[`attachments.${i}.sha256`] = t('projects.err.hex64');
  });
  return errors;
}

/**
 * The request body, and for each `achieved[k]` sent the objective index it came from (so a server
 * error on `achieved[k].value` lands beside the right input).
 */
export function toSubmissionBody(
  values: EvidenceValues,
  objectives: readonly Objective[],
): { body: SubmissionBody; achievedIndex: number[] } {
  const achieved: { metric: string; value: number }[] = [];
  const achievedIndex: number[] = [];
  objectives.forEach((o, i) => {
    const value = parseAchieved(values.achieved[i] ?? '');
    if (value === null) return;
    achieved.push({ metric: o.metric, value });
    achievedIndex.push(i);
  });
  const body: SubmissionBody = { report: values.report.trim() };
  if (achieved.length) body.achieved = achieved;
  if (values.attachments.length)
    body.attachments = values.attachments.map((a) => ({
      name: a.name.trim(),
      url: a.url.trim(),
      sha256: normalizeSha256(a.sha256),
    }));
  return { body, achievedIndex };
}

/** A server field path of the submission (`achieved[1].value`, `attachments[0].sha256`) → the form's path. */
export function evidenceFieldOf(apiPath: string, achievedIndex: number[]): string {
  const path = apiPath.replace(/\[(\d+)\]/g, '.$1');
  const m = /^achieved\.(\d+)\.(\w+)$/.exec(path);
  if (m) return `achieved.${achievedIndex[Number(m[1])] ?? m[1]}.value`;
  return path;
}

/** SHA-256 of bytes as 64 lowercase hex digits (Web Crypto, in the browser: the file never leaves the device). */
export async function sha256Hex(data: ArrayBuffer | Uint8Array): Promise<string> {
  const digest = await globalThis.crypto.subtle.digest('SHA-256', data as BufferSource);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}
