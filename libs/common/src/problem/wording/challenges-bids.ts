/** The wording of the problems of challenges (发榜), bids (揭榜) and their review. */
import { fieldSummary } from './platform';
import { ProblemParams, ProblemWording, STATUS_NAMES, WordingTable, fixed } from './words';

const status = (p: ProblemParams) => p.word('status', STATUS_NAMES);
const fields = (zh: string, en: string): ProblemWording => ({
  zh: (p) => fieldSummary(p, zh, en),
  en: (p) => fieldSummary(p, zh, en),
});

export const CHALLENGE_WORDING: WordingTable = {
  'challenges.invalid': fields('榜单信息有误', 'The challenge is not valid'),
  'challenges.documents_frozen': {
    zh: (p) => `榜单${status(p)}，其附件已在发布时锁定，不能再更改。`,
    en: (p) => `The documents of a challenge that is ${status(p)} cannot change; they were frozen when it was published.`,
  },
  'challenges.too_many_documents': fields('榜单附件过多', 'A challenge carries too many documents'),
  'challenges.wrong_state': {
    zh: (p) => `榜单当前${status(p)}，不能执行此操作。`,
    en: (p) => `The challenge is ${status(p)}; this cannot be done now.`,
  },
  'challenges.not_allowed': fixed('您的角色不能对榜单执行此操作。', 'Your role may not do this to a challenge.'),
  'challenges.mine_for_agencies': fixed(
    '“我的榜单”只列出发榜机构自己的榜单，请以发榜机构身份登录。',
    'mine=true lists an agency’s own challenges; sign in as an agency.',
  ),
  'challenges.deadline_not_later': {
    zh: (p) => `新的揭榜截止时间须晚于当前截止时间 ${p.time('currentDeadline')}。`,
    en: (p) => `bidDeadline must be later than the current deadline, ${p.time('currentDeadline')}.`,
  },
  'challenges.deadline_passed': {
    zh: (p) => `揭榜截止时间 ${p.time('bidDeadline')} 已过。`,
    en: (p) => `The bid deadline, ${p.time('bidDeadline')}, has passed.`,
  },
  'challenges.question_not_found': fixed('该榜单没有这个问题。', 'No such question on this challenge.'),
  'challenges.question_already_answered': fixed('该问题已经答复。', 'This question has already been answered.'),
  'challenges.extension_breaks_schedule': fixed(
    '此答复临近截止时间，会把截止时间延后到第一个阶段关口或项目结束之后，不能答复。',
    'This answer comes so close to the deadline that it would extend it past the first stage gate or the project’s end.',
  ),
  'challenges.not_found': fixed('该榜单不存在。', 'No such challenge.'),
  'challenges.agency_without_organization': fixed(
    '该发榜机构账号不属于任何发榜机构，须由管理员先将其加入。',
    'This agency account belongs to no agency organisation; an admin must add it to one first.',
  ),
  'challenges.not_owner': fixed(
    '只有发布该榜单的发榜机构才能这样做。',
    'Only the agency that published this challenge may do this.',
  ),
};

export const BID_WORDING: WordingTable = {
  'bids.not_found': fixed('未找到您可查看的该揭榜方案。', 'No such bid that you may see.'),
  'bids.invalid': fields('揭榜方案有误', 'The bid is not valid'),
  'bids.draft_invalid': fields('草稿有误', 'The draft is not valid'),
  'bids.draft_unreadable': fixed(
    '保存的草稿已无法打开，请重新填写并保存。',
    'Your saved draft can no longer be opened; fill in the form and save it again.',
  ),
  'bids.member_in_another_bid': {
    zh: (p) =>
      p.has('creditCodes')
        ? `联合体成员 ${p.list('creditCodes')} 已参与本榜单的另一个有效方案；每个机构在一个榜单只能参与一个方案。`
        : '您的机构或联合体成员已参与本榜单的另一个有效方案；每个机构在一个榜单只能参与一个方案。',
    en: (p) =>
      p.has('creditCodes')
        ? `Consortium member ${p.list('creditCodes')} already takes part in another live bid on this challenge; an organisation takes part in one bid per challenge.`
        : 'Your organisation or a consortium member already takes part in another live bid on this challenge; an organisation takes part in one bid per challenge.',
  },
  'bids.documents_missing': {
    zh: (p) => `缺少榜单要求的附件类型：${p.list('missingRoles')}。`,
    en: (p) => `The bid lacks a document of each role the challenge requires; missing: ${p.list('missingRoles')}.`,
  },
  'bids.conflict_of_interest': fixed(
    '您与该方案存在利益冲突，不能查看或评分。',
    'You have a conflict of interest with this bid; you may neither see nor score it.',
  ),
  'bids.teams_only': fixed(
    '只有已注册机构的揭榜团队用户才能揭榜。',
    'Only a team user of a registered organisation bids, for its organisation.',
  ),
  'bids.challenge_not_open': fixed('该榜单当前不接受揭榜方案。', 'The challenge does not take bids now.'),
  'bids.deadline_passed': {
    zh: (p) => `揭榜截止时间 ${p.time('bidDeadline')} 已过，不能再提交或修改方案。`,
    en: (p) => `The bid deadline, ${p.time('bidDeadline')}, has passed; bids can no longer be written.`,
  },
  'bids.duplicate': fixed(
    '您的机构在本榜单已有一个有效方案；请替换或先撤回它。',
    'Your organisation already has a live bid on this challenge; replace it (PUT) or withdraw it first.',
  ),
  'bids.not_opened': fixed('该榜单的方案尚未开启。', 'The bids of this challenge have not been opened yet.'),
  'bids.opening_not_public': fixed(
    '结果公布前，开启记录不公开。',
    'The bid opening of this challenge is not public before its results.',
  ),
  'bids.not_decidable': fixed(
    '只有已提交或已入围的方案才能作此决定。',
    'Only submitted or shortlisted bids of this challenge can be decided.',
  ),
  'bids.organization_not_eligible': fixed(
    '您的机构类型不符合本榜单的揭榜条件。',
    'Organisations of your kind may not bid on this challenge.',
  ),
  'bids.not_submitted': fixed('只有已提交的方案才能撤回或替换。', 'Only a submitted bid can be withdrawn or replaced.'),
  'bids.invalid_scores': fields('评分有误', 'The scores are not valid'),
  'bids.invalid_criteria': fields('评审标准有误', 'The criteria are not valid'),
  'bids.criteria_frozen': {
    zh: (p) => `评审标准只能在揭榜截止时间（${p.time('bidDeadline')}）之前设置。`,
    en: (p) => `Criteria can be set only before the bid deadline, ${p.time('bidDeadline')}.`,
  },
  'bids.challenge_cancelled': fixed('该榜单已取消。', 'The challenge is cancelled.'),
  'bids.panel_closed': fixed('评审组已关闭，不能再更改。', 'The review panel is closed; nothing on it can change.'),
  'bids.invalid_reviewers': fields('评审专家有误', 'The reviewers are not valid'),
  'bids.panel_members_only': fixed(
    '只有本榜单的发榜机构和评审专家能查看评审组。',
    'Only the challenge’s agency and its reviewers see the panel.',
  ),
  'bids.review_not_open': fixed(
    '揭榜截止前方案保持密封，评审尚未开始。',
    'Bids are sealed until the deadline; the review has not started.',
  ),
  'bids.ranking_forbidden': fixed(
    '排名仅供本榜单的发榜机构查看（评审组关闭后评审专家也可查看）。',
    'The ranking is for the challenge’s agency (and its reviewers once the panel has closed).',
  ),
  'bids.panel_open': fixed('请先关闭评审组，再确定入围。', 'Close the review panel before shortlisting.'),
  'bids.invalid_shortlist': fields('入围名单有误', 'The shortlist is not valid'),
  'bids.not_shortlistable': fixed('只有已提交的方案才能入围。', 'Only submitted bids can be shortlisted.'),
  'bids.not_eligible': fixed(
    '有评审标准得分低于最低分的方案不能入围。',
    'A bid below a criterion’s minimum score cannot be shortlisted.',
  ),
  'bids.not_on_panel': fixed('只有分配到本榜单的评审专家才能评分。', 'Only the challenge’s assigned reviewers score its bids.'),
  'bids.withdrawn': fixed('该方案已撤回。', 'This bid was withdrawn.'),
  'bids.panel_incomplete': {
    zh: (p) =>
      p.has('unreviewableBidIds')
        ? '有方案没有无利益冲突的评审专家，请再分配一位评审专家。'
        : Number(p.get('missingCount')) > 0
          ? `还缺 ${p.text('missingCount')} 份评分：每位无利益冲突的评审专家须为每个方案评分。`
          : '关闭评审组前请先分配评审专家。',
    en: (p) =>
      p.has('unreviewableBidIds')
        ? 'Some bids have no assigned reviewer without a conflict; assign another reviewer.'
        : Number(p.get('missingCount')) > 0
          ? `${p.text('missingCount')} score sheet(s) are missing: every assigned, unconflicted reviewer must score every bid.`
          : 'Assign reviewers before closing the panel.',
  },
  'bids.consent_not_found': fixed('未找到您可查看的该确认请求。', 'No such consent request that you may see.'),
  'bids.consent_members_only': fixed(
    '只有成员机构的揭榜团队用户能答复其确认请求。',
    'Only a team user of the member organisation answers its consent requests.',
  ),
  'bids.consent_closed': fixed(
    '揭榜截止时间已过（或榜单已不再接受方案），不能再答复联合体确认。',
    'The bid deadline has passed (or the challenge no longer takes bids); consent can no longer be given or withdrawn.',
  ),
  'bids.consent_bid_not_submitted': fixed(
    '该方案已不再处于提交状态，无需答复。',
    'The bid is no longer submitted; there is nothing to answer.',
  ),
  'bids.invalid_receipt_hash': fixed(
    '回执哈希须为 64 位十六进制字符（SHA-256）。',
    'hash must be 64 hexadecimal characters (a SHA-256).',
  ),
  'bids.receipt_not_found': fixed('没有方案的当前版本带有此回执哈希。', 'No bid’s current version carries this receipt hash.'),
  'review.reviewers_only': fixed('只有评审专家才有评审任务。', 'Only a reviewer has review assignments.'),
};
