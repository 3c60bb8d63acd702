/** The wording of identity's problems: accounts, organisations, sign-in. */
import { fieldSummary } from './platform';
import { ProblemParams, ROLE_NAMES, WordingTable, fixed, words } from './words';

const retryIn = (p: ProblemParams) => p.seconds('retryAfter');

export const IDENTITY_WORDING: WordingTable = {
  'identity.unauthenticated': fixed(
    '请先登录（登录已失效或缺少凭证）。',
    'Please sign in (the session is missing, expired or not valid).',
  ),
  'identity.invalid_credentials': fixed('邮箱或密码不正确。', 'The email or password is not correct.'),
  'identity.login_locked': {
    zh: (p) => `该账号登录失败次数过多，已暂时锁定，请在 ${retryIn(p)}后重试。`,
    en: (p) => `Too many failed sign-ins for this account: it is locked for a while. Try again in ${retryIn(p)}.`,
  },
  'identity.login_throttled': {
    zh: (p) => `来自该地址的登录失败次数过多，请在 ${retryIn(p)}后重试。`,
    en: (p) => `Too many failed sign-ins from this address. Try again in ${retryIn(p)}.`,
  },
  'identity.registration_throttled': {
    zh: (p) => `来自该地址注册的机构过多，请在 ${retryIn(p)}后重试。`,
    en: (p) => `Too many organisations registered from this address. Try again in ${retryIn(p)}.`,
  },
  'identity.password_hashing_busy': fixed(
    '同时登录和注册的人太多，请稍后重试。',
    'Too many sign-ins and registrations at once; please retry shortly.',
  ),
  'identity.user_deactivated': fixed('该账号已停用。', 'This account has been deactivated.'),
  'identity.read_only_role': fixed('该账号只能查看，不能做任何更改。', 'This account may only read: it cannot change anything.'),
  'identity.role_forbidden': {
    zh: (p) => (p.has('roles') ? `此操作仅限${words(p, 'roles', ROLE_NAMES)}用户。` : '您的角色无权执行此操作。'),
    en: (p) => (p.has('roles') ? `This action is for ${words(p, 'roles', ROLE_NAMES)} users.` : 'Your role may not do this.'),
  },
  'identity.agency_not_found': fixed('该发榜机构不存在。', 'No such agency organisation.'),
  'identity.organization_exists': {
    zh: (p) => `统一社会信用代码为 ${p.text('creditCode')} 的机构已经注册。`,
    en: (p) => `An organisation with credit code ${p.text('creditCode')} is already registered.`,
  },
  'identity.user_not_found': fixed('该用户不存在。', 'No such user.'),
  'identity.not_an_agency_user': {
    zh: (p) => fieldSummary(p, '只有发榜机构用户才能成为机构的经办人', 'Only agency users can be officers of an agency'),
    en: (p) => fieldSummary(p, '只有发榜机构用户才能成为机构的经办人', 'Only agency users can be officers of an agency'),
  },
  'identity.officer_not_found': fixed('该用户不是此发榜机构的经办人。', 'This user is not an officer of this agency.'),
  'identity.invalid_credit_code': {
    zh: (p) => fieldSummary(p, '统一社会信用代码无效', 'Invalid unified social credit code'),
    en: (p) => fieldSummary(p, '统一社会信用代码无效', 'Invalid unified social credit code'),
  },
  'identity.not_an_agency_code': {
    zh: (p) => fieldSummary(p, '这不是发榜机构（机关、事业单位）的代码', 'Not an agency’s code'),
    en: (p) => fieldSummary(p, '这不是发榜机构（机关、事业单位）的代码', 'Not an agency’s code'),
  },
  'identity.organization_not_found': fixed('该机构不存在。', 'No such organisation.'),
  'identity.organization_required': fixed('揭榜团队用户须属于一个机构。', 'A team user belongs to an organisation.'),
  'identity.email_taken': fixed('使用该邮箱的用户已存在。', 'A user with this email already exists.'),
  'identity.agency_organization_required': fixed(
    '发榜机构用户须是某个发榜机构的经办人。',
    'An agency user is an officer of an agency organisation.',
  ),
  'identity.organization_kind_mismatch': {
    zh: (p) => fieldSummary(p, '该角色与机构类型不符', 'The role does not fit the organisation’s kind'),
    en: (p) => fieldSummary(p, '该角色与机构类型不符', 'The role does not fit the organisation’s kind'),
  },
  'identity.cannot_deactivate_self': fixed('管理员不能停用自己的账号。', 'An admin cannot deactivate their own account.'),
};
