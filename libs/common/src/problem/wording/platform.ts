/** The wording of the problems the HTTP layer itself answers (filter, pipes, parsers, idempotency, paging). */
import { fieldName } from './field-labels';
import { ProblemParams, WordingTable, fixed } from './words';

/**
 * `validation_failed` and kin: the worded field errors, one per line, in the reader's language, each
 * field by its name where field-labels.ts has one ("揭榜截止时间：须在…"), else by its path.
 */
export const fieldSummary = (p: ProblemParams, zhIntro: string, enIntro: string): string => {
  const errors = p.get('errors');
  if (!Array.isArray(errors) || !errors.length) return p.lang === 'zh' ? `${zhIntro}。` : `${enIntro}.`;
  const lines = (errors as { field: string; message: string }[]).map((e) =>
    p.lang === 'zh' ? `${fieldName(e.field, 'zh')}：${e.message}` : `${fieldName(e.field, 'en')} ${e.message}`,
  );
  return p.lang === 'zh' ? `${zhIntro}：${lines.join('；')}` : `${enIntro}: ${lines.join('; ')}`;
};

const retry = (p: ProblemParams, zh: string, en: string) =>
  p.lang === 'zh' ? `${zh}请在 ${p.seconds('retryAfter')}后重试。` : `${en} Try again in ${p.seconds('retryAfter')}.`;

export const PLATFORM_WORDING: WordingTable = {
  bad_request: fixed('请求无效。', 'The request is not valid.'),
  unauthenticated: fixed('请先登录。', 'Please sign in first.'),
  forbidden: fixed('您无权执行此操作。', 'You may not do this.'),
  not_found: fixed('请求的内容不存在。', 'Nothing was found at this address.'),
  method_not_allowed: fixed('此地址不支持该请求方法。', 'This address does not allow this method.'),
  body_too_large: fixed('请求内容过大。', 'The request body is too large.'),
  uri_too_long: fixed('请求地址中的参数过长。', 'A path parameter is too long.'),
  unsupported_media_type: fixed('不支持该请求内容类型，请以 JSON 发送。', 'This content type is not supported; send JSON.'),
  too_many_requests: {
    zh: (p) => retry(p, '请求过于频繁。', 'Too many requests.'),
    en: (p) => retry(p, '请求过于频繁。', 'Too many requests.'),
  },
  service_unavailable: fixed(
    '依赖的服务暂时不可用，请求未能完成，请稍后重试。',
    'A service we depend on is briefly unavailable, so the request could not be completed. Please retry shortly.',
  ),
  malformed_json: fixed('请求内容不是有效的 JSON。', 'The request body is not valid JSON.'),
  malformed_url: fixed('请求地址编码不正确。', 'The URL is not correctly encoded.'),
  json_too_deep: {
    zh: (p) => fieldSummary(p, 'JSON 请求内容嵌套过深', 'The JSON body nests too deeply'),
    en: (p) => fieldSummary(p, 'JSON 请求内容嵌套过深', 'The JSON body nests too deeply'),
  },
  duplicate: fixed('该记录已存在。', 'This already exists.'),
  invalid_identifier: fixed('请求中的标识符格式不正确。', 'An identifier in the request is malformed.'),
  internal: fixed('服务器内部出错，请稍后重试。', 'Something went wrong on our side.'),
  'funding.limit_enforced_by_database': fixed(
    '数据库拒绝了一项会超出资助限额的更改。',
    'The database refused a change that would exceed a funding limit.',
  ),
  validation_failed: {
    zh: (p) => fieldSummary(p, '输入有误', 'The request body is not valid'),
    en: (p) => fieldSummary(p, '输入有误', 'The request body is not valid'),
  },
  invalid_cursor: fixed(
    '翻页游标无效，请从第一页重新开始。',
    'The cursor is not one this API issued; start again from the first page.',
  ),
  invalid_stage: fixed('阶段编号须为 1、2……', 'n must be a stage number (1, 2, …).'),
  'idempotency.invalid_key': fixed(
    'Idempotency-Key 须为 1–255 个可见 ASCII 字符。',
    'Idempotency-Key must be 1–255 visible ASCII characters.',
  ),
  'idempotency.key_reused': fixed(
    '该 Idempotency-Key 已用于另一个请求；新请求请使用新的键。',
    'This Idempotency-Key was already used for a different request; use a new key for a new request.',
  ),
  'idempotency.in_flight': fixed(
    '使用同一 Idempotency-Key 的请求仍在处理中，请稍后重试。',
    'A request with this Idempotency-Key is still being processed; retry shortly.',
  ),
  'audit.full_verify_forbidden': fixed(
    '完整重算台账仅限审计和管理员。',
    'A full recompute of the ledger is for auditors and admins.',
  ),
  'open_data.invalid_cursor': fixed('游标不是本数据源签发的。', 'The cursor is not one this feed issued.'),
  'open_data.process_not_found': {
    zh: (p) => `没有 ocid 为 ${p.text('ocid')} 的已公开采购流程。`,
    en: (p) => `No published contracting process has the ocid ${p.text('ocid')}.`,
  },
  'open_data.record_not_found': {
    zh: (p) => `没有 ocid 为 ${p.text('ocid')} 的已公开记录。`,
    en: (p) => `No published record has the ocid ${p.text('ocid')}.`,
  },
  'evaluation.not_found': fixed('未找到您可查看的该榜单评估。', 'No evaluation of this challenge that you may see.'),
  'evaluation.other_agency': fixed('发榜机构只能评估本机构的项目群。', 'An agency evaluates its own programme only.'),
  'evaluation.not_allowed': fixed('绩效评估仅限发榜机构、管理员和审计。', 'Evaluations are for agencies, admins and auditors.'),
  'ledger.not_found': fixed('未找到您可查看的台账。', 'No ledger you may see.'),
  'portfolio.not_allowed': fixed(
    '项目组合仅限项目经理、发榜机构和管理员。',
    'The portfolio is for program managers, agencies and admins.',
  ),
  'notifications.not_found': fixed('未找到您的这条通知。', 'No such notification of yours.'),
  'documents.not_uploader': fixed(
    '该文件由您机构以外的人上传，请自行上传。',
    'This document was uploaded by someone outside your organisation; upload it yourself.',
  ),
  'documents.already_attached': fixed(
    '该文件已附加在别处，已附加的文件不能移动。',
    'This document is already attached elsewhere; an attached document cannot move.',
  ),
  'documents.file_missing': fixed('请求中没有文件。', 'The request carries no file.'),
  'documents.upload_incomplete': fixed(
    '文件未完整上传，未保存任何内容。',
    'The upload ended before the whole file arrived; nothing was stored.',
  ),
  'documents.not_found': fixed('该文件不存在。', 'No such document.'),
  'documents.forbidden': fixed('您无权读取该文件。', 'You may not read this document.'),
  'documents.store_unavailable': fixed(
    '文件存储暂时不可用，请求未能完成，请稍后重试。',
    'The document store is briefly unavailable, so the request could not be completed. Please retry shortly.',
  ),
  'documents.size_invalid': fixed('声明的大小须为整数字节。', 'The declared size must be a whole number of bytes.'),
  'documents.too_large': {
    zh: (p) => `文件超过大小上限（${p.text('maxBytes')} 字节）。`,
    en: (p) => `The file is larger than the limit of ${p.text('maxBytes')} bytes.`,
  },
  'documents.unsupported_type': {
    zh: (p) => `不接受此类文件（按文件内容而非文件名判断）。可接受：${p.list('acceptedFormats')}。`,
    en: (p) =>
      `This type of file is not accepted (decided by the file’s content, not its name). Accepted: ${p.list('acceptedFormats')}.`,
  },
  'documents.not_multipart': fixed(
    '请以 multipart/form-data 发送文件，字段名为 file。',
    'Send the file as multipart/form-data, in a part named "file".',
  ),
  'documents.range_not_satisfiable': {
    zh: (p) => `请求的范围超出文件大小（${p.text('size')} 字节）。`,
    en: (p) => `The requested range is outside the file (${p.text('size')} bytes).`,
  },
  'documents.integrity_failure': fixed(
    '存储的文件与上传时不一致，不予提供；已通知运维人员。',
    'The stored file does not match what was uploaded; it is not served. The operators have been alerted.',
  ),
  'documents.size_mismatch': {
    zh: (p) => `文件大小与声明的 ${p.text('declared')} 字节不符，未保存任何内容。`,
    en: (p) => `The file is not the ${p.text('declared')} bytes declared in "size"; nothing was stored.`,
  },
  // The admin's job queues (libs/jobs, GET /api/v1/jobs).
  'jobs.job_not_found': fixed(
    '该任务不存在（失败的任务保留 30 天后会被清除）。',
    'No such job (a failed job is removed 30 days after it failed).',
  ),
  'jobs.job_not_failed': fixed(
    '该任务已不处于失败状态（可能已被重试），无需再次重试。',
    'The job is no longer failed (it may have been retried already); there is nothing to retry.',
  ),
};
