/** The wording of the problems of awards, stage gates, objections, projects and milestones. */
import { fieldSummary } from './platform';
import { ProblemParams, STATUS_NAMES, WordingTable, fixed } from './words';

const status = (p: ProblemParams) => p.word('status', STATUS_NAMES);

export const AWARD_WORDING: WordingTable = {
  'awards.bid_already_awarded': fixed('该方案已经授予。', 'This bid has already been awarded.'),
  'awards.bid_not_awardable': {
    zh: (p) => (p.get('reviewPanel') ? '只有已入围的方案才能授予（本榜单设有评审组）。' : '只有已提交或已入围的方案才能授予。'),
    en: (p) =>
      p.get('reviewPanel')
        ? 'Only a shortlisted bid can be awarded (the challenge had a review panel).'
        : 'Only a submitted or shortlisted bid can be awarded.',
  },
  'awards.challenge_not_awarded': {
    zh: (p) => `榜单当前${status(p)}；授予完成后才能进行阶段关口评审。`,
    en: (p) => `The challenge is ${status(p)}; gates run once awarding is finished.`,
  },
  'awards.challenge_not_closed': {
    zh: (p) => `榜单当前${status(p)}；只有已截止的榜单才能授予。`,
    en: (p) => `The challenge is ${status(p)}; awards are made only on a closed challenge.`,
  },
  'awards.exceeds_max_award': {
    zh: (p) => `授予金额 ${p.money('requestedFen')} 超出榜单单项最高额 ${p.money('capFen')}。`,
    en: (p) => `The award of ${p.money('requestedFen')} exceeds the challenge's per-award maximum of ${p.money('capFen')}.`,
  },
  'awards.exceeds_request': {
    zh: (p) => `授予金额 ${p.money('requestedFen')} 超出方案申请的 ${p.money('capFen')}。`,
    en: (p) => `The award of ${p.money('requestedFen')} exceeds the bid's request of ${p.money('capFen')}.`,
  },
  'awards.gate_already_run': {
    zh: (p) => `第 ${p.text('stage')} 阶段的关口评审已经进行过。`,
    en: (p) => `The gate of stage ${p.text('stage')} has already run.`,
  },
  'awards.invalid_gate': {
    zh: (p) => fieldSummary(p, '关口评审有误', 'The gate is not valid'),
    en: (p) => fieldSummary(p, '关口评审有误', 'The gate is not valid'),
  },
  'awards.no_slot_left': {
    zh: (p) => `本榜单的 ${p.text('slots')} 个名额已全部授予。`,
    en: (p) => `All ${p.text('slots')} slot(s) of this challenge are awarded.`,
  },
  'awards.no_such_stage': fixed('榜单没有这个阶段。', 'The challenge has no such stage.'),
  'awards.not_a_horse_race': fixed('只有赛马制榜单有阶段关口。', 'Only a horse race has stage gates.'),
  'awards.not_a_program_manager': {
    zh: (p) => fieldSummary(p, '所选用户不是在职的项目经理', 'The user is not an active program manager'),
    en: (p) => fieldSummary(p, '所选用户不是在职的项目经理', 'The user is not an active program manager'),
  },
  'awards.not_in_race': fixed(
    '只有仍在赛中的项目才能在此关口晋级。',
    'Only projects still in the race can advance at this gate.',
  ),
  'awards.not_revocable': {
    zh: (p) => `项目当前${status(p)}；只有公示期内的授予才能撤销。`,
    en: (p) => `The project is ${status(p)}; only an award in publicity can be revoked.`,
  },
  'awards.nothing_awarded': fixed(
    '尚未授予任何方案；如果没有合适的方案，请取消榜单。',
    'Nothing has been awarded yet; cancel the challenge if no bid is good enough.',
  ),
  'awards.objection_not_found': fixed('该项目没有这项异议。', 'No such objection on this project.'),
  'awards.objection_resolved': fixed('该异议已经处理。', 'The objection has already been resolved.'),
  'awards.previous_gate_pending': fixed('请先完成上一阶段的关口评审。', 'Run the gate of the previous stage first.'),
  'awards.publicity_over': {
    zh: (p) => `只能在授予公示期内提出异议（公示期至 ${p.time('publicityEndsAt')}）。`,
    en: (p) => `Objections are lodged only during the publicity period of an award (until ${p.time('publicityEndsAt')}).`,
  },
  'awards.stage_not_ended': {
    zh: (p) => `该阶段于 ${p.time('endsAt')} 结束，此前不能进行关口评审。`,
    en: (p) => `The stage ends at ${p.time('endsAt')}; its gate cannot run before.`,
  },
  'awards.tie_break_required': fixed(
    '被淘汰的项目阶段得分不低于晋级项目：请填写 tieBreak.reason 说明理由。',
    'A project stopped at this gate has as many or more stage points than one that advances: give tieBreak.reason.',
  ),
  'awards.too_many_advancing': {
    zh: (p) => `本关口最多 ${p.text('advancingSlots')} 个项目晋级，所选为 ${p.text('advancing')} 个。`,
    en: (p) => `At most ${p.text('advancingSlots')} projects advance at this gate; ${p.text('advancing')} were chosen.`,
  },
  'awards.gate_not_run': fixed('该阶段的关口评审尚未进行。', 'The gate of this stage has not run.'),
  'awards.previous_gate_not_final': fixed(
    '上一阶段的关口评审仍在公示中（或因异议暂停），定案后才能进行本阶段的关口评审。',
    'The previous stage’s gate is still in publicity (or held by an objection); this gate runs once it is final.',
  ),
  'awards.gate_publicity_over': fixed(
    '只能在关口评审公示期内提出异议。',
    'Objections to a gate are lodged only during its publicity period.',
  ),
  'awards.gate_not_stopping': fixed(
    '只有被此关口淘汰的项目才能提出异议。',
    'Only a project this gate would stop may object to it.',
  ),
  'awards.not_project_lead': fixed(
    '只有项目的牵头单位能代表项目提出异议。',
    'Only the lead organisation of the project may object for it.',
  ),
  'awards.gate_objection_open': fixed(
    '该项目对此关口已有一项未处理的异议。',
    'This project already has an open objection to this gate.',
  ),
  'awards.merge_not_advancing': fixed(
    '只有在关口评审定案后、晋级该关口且在执行中的两个或以上项目才能合并。',
    'Only two or more active projects that advanced at the last final gate can merge.',
  ),
  'awards.merge_mixed_rules': fixed(
    '待合并的项目适用不同的资助规则或政策版本，不能合并。',
    'The projects were awarded under different funding rules or policy versions.',
  ),
  'awards.merge_over_cap': {
    zh: (p) => `合并后的资助额 ${p.money('requestedFen')} 超出上限 ${p.money('capFen')}。`,
    en: (p) => `The merged grant of ${p.money('requestedFen')} exceeds the limit of ${p.money('capFen')}.`,
  },
  'awards.merge_grows_budget': {
    zh: (p) => `合并后的资助额 ${p.money('requestedFen')} 超出被合并项目资助额之和 ${p.money('capFen')}。`,
    en: (p) => `The merged grant of ${p.money('requestedFen')} exceeds the merged projects' grants of ${p.money('capFen')}.`,
  },
  'awards.merge_below_paid': {
    zh: (p) => `合并后的资助额 ${p.money('requestedFen')} 少于已拨付的 ${p.money('paidFen')}。`,
    en: (p) => `The merged grant of ${p.money('requestedFen')} is less than the ${p.money('paidFen')} already paid.`,
  },
  'awards.merge_plan_mismatch': {
    zh: (p) => `重新规划的里程碑拨款合计 ${p.money('plannedFen')}，应等于资助额减已拨付 ${p.money('remainingFen')}。`,
    en: (p) => `The re-planned tranches add up to ${p.money('plannedFen')}, not grant − paid = ${p.money('remainingFen')}.`,
  },
  'awards.merge_members_mismatch': fixed(
    '合并项目的牵头单位和成员单位必须正好是被合并项目的牵头单位及其联合体成员。',
    'The lead and members must be exactly the merged projects’ lead organisations and their consortium members.',
  ),
  'awards.merge_tranche_being_paid': fixed(
    '被合并项目尚有已验收、正在拨付的里程碑款项；请待该款项拨付（或终止）后再合并。',
    'A merged project has a tranche of an accepted milestone still being paid; merge once it is paid (or stopped).',
  ),
  'awards.merge_project_busy': fixed(
    '该项目已在另一项待确认的合并提议中。',
    'A project is already in another merge proposal awaiting consent.',
  ),
  'awards.invalid_merge': fixed(
    '合并提议的里程碑截止时间必须晚于现在。',
    'The re-planned milestones must fall due in the future.',
  ),
  'awards.merge_not_found': fixed('未找到您可查看的该合并提议。', 'No such merge proposal that you may see.'),
  'awards.merge_decided': fixed('该合并提议已有结果。', 'This merge proposal has already been decided.'),
  'awards.merge_consent_given': fixed(
    '您的单位已对该合并提议作出答复。',
    'Your organisation has already answered this merge proposal.',
  ),
  'awards.not_merge_lead': fixed(
    '只有被合并项目的牵头单位才能对合并提议作出答复。',
    'Only the lead organisation of a merged project may answer the proposal.',
  ),
  'projects.not_found': fixed('未找到您可查看的该项目。', 'No such project that you may see.'),
};

export const MILESTONE_WORDING: WordingTable = {
  'milestones.already_disbursed': fixed('该里程碑已有拨款。', 'This milestone already has a disbursement.'),
  'milestones.already_submitted': fixed(
    '该里程碑已有一份报告等待审核。',
    'A submission of this milestone is waiting for review.',
  ),
  'milestones.amount_invalid': fixed('金额须为不小于 0 的整数（分）。', 'The amount must be a whole number of fen ≥ 0.'),
  'milestones.change_decided': fixed('该变更申请已有决定。', 'The change request has already been decided.'),
  'milestones.change_not_allowed': fixed(
    '只有项目团队或项目经理能申请计划变更。',
    'Only the team or the program manager requests a plan change.',
  ),
  'milestones.change_not_found': fixed('该变更申请不存在。', 'No such change request.'),
  'milestones.change_pending': fixed(
    '该里程碑已有一项待决定的变更申请。',
    'A change request for this milestone is already pending.',
  ),
  'milestones.closed': fixed('该里程碑已结束，不再接受报告。', 'The milestone is closed; it takes no more submissions.'),
  'milestones.empty_change': fixed(
    '变更申请须修改截止时间、拨款金额或两者。',
    'A change request moves a due date, a tranche, or both.',
  ),
  'milestones.grace_over': {
    zh: (p) => `该里程碑的宽限期已于 ${p.time('graceEndsAt')} 结束。`,
    en: (p) => `The grace period for this milestone ended at ${p.time('graceEndsAt')}.`,
  },
  'milestones.grant_exceeded': {
    zh: (p) => `支付这笔拨款会超出项目资助额 ${p.money('grantedFen')}（已支付 ${p.money('paidFen')}）。`,
    en: (p) =>
      `Paying this tranche would pay the project more than its grant of ${p.money('grantedFen')} (${p.money('paidFen')} paid).`,
  },
  'milestones.not_awaiting_review': fixed('该里程碑没有待审核的报告。', 'The milestone has no submission to review.'),
  'milestones.not_found': fixed('该项目没有这个里程碑。', 'No such milestone in this project.'),
  'milestones.not_open': fixed('该里程碑的计划已确定，不能再变更。', 'The milestone’s plan is settled.'),
  'milestones.plan_exceeds_grant': {
    zh: (p) => `计划中的各期拨款合计会超出资助额 ${p.money('grantedFen')}。`,
    en: (p) => `The plan’s tranches would add up to more than the grant of ${p.money('grantedFen')}.`,
  },
  'milestones.program_manager_only': fixed('只有项目经理能作此决定。', 'Only the project’s program manager decides this.'),
  'milestones.project_not_live': fixed(
    '项目已不在进行中，不再接受报告。',
    'The project is no longer live; it takes no more reports.',
  ),
  'milestones.project_terminated': fixed('项目已终止，不再支付拨款。', 'The project is terminated; no more tranches are paid.'),
  'milestones.reduced_above_planned': {
    zh: (p) => `减少后的拨款 ${p.money('requestedFen')} 不能高于计划的 ${p.money('plannedFen')}。`,
    en: (p) => `A reduced tranche of ${p.money('requestedFen')} cannot be above the planned ${p.money('plannedFen')}.`,
  },
  'milestones.reduced_invalid': fixed(
    '减少后的拨款须为不小于 0 的整数（分）。',
    'reducedTrancheFen must be a whole number of fen ≥ 0.',
  ),
  'milestones.reduced_on_accept': fixed('减少拨款只适用于部分验收。', 'reducedTrancheFen is only for a partial acceptance.'),
  'milestones.reduced_required': fixed('部分验收须填写减少后的拨款。', 'A partial acceptance needs reducedTrancheFen.'),
  'milestones.team_only': fixed('只有项目团队能提交里程碑报告。', 'Only the project’s team submits milestone reports.'),
};
