/**
 * The release of a merge at a horse-race gate (强强联合, ledger action `project.merged`, subject the
 * project the merge created):
 *
 * | tag(s)                                       | what it carries                                            |
 * |----------------------------------------------|------------------------------------------------------------|
 * | `award`, `contract`, `contractTermination`   | the merged project's award `active` and its contract `active` (value, planned milestones, every consortium member a supplier); each merged project's contract `terminated`, naming the project it went into |
 *
 * The merge is final when the last lead consents (the gate's publicity is already over), so the new
 * award is active at once. What the merged projects were paid stays in their own transactions; the
 * new contract's value is the grant the merge agreed.
 */
import { Award, Contract, cny, referenceOf } from '../ocds';
import { ProjectFacts, activeContract, projectFacts, supplierParties } from './award.builders';
import { ReleaseBody, ReleaseBuilder } from './release-builder';

export const mergeBuilder: ReleaseBuilder<Map<string, ProjectFacts>> = {
  name: 'award.merge',
  actions: ['project.merged'],
  prefetch: projectFacts,
  build(row, projects): ReleaseBody | null {
    const merged = projects.get(row.subject_id);
    const from = row.after?.mergedProjectIds;
    if (!merged || !Array.isArray(from) || !from.every((id): id is string => typeof id === 'string')) return null;
    const stage = row.after?.stage;
    const parties = supplierParties(merged);
    const award: Award = {
      id: merged.id,
      status: 'active',
      date: row.recorded_at,
      value: cny(merged.granted_fen),
      suppliers: parties.map(referenceOf),
      description: `第 ${stage} 阶段关口后强强联合，由 ${from.length} 个项目合并而成。`,
      description_en: `Formed at the gate of stage ${stage} by merging ${from.length} projects.`,
    };
    const ended: Contract[] = from.map((id) => ({
      id,
      awardID: id,
      status: 'terminated',
      description: `第 ${stage} 阶段关口后合并入项目 ${merged.id}。`,
    }));
    return {
      tag: ['award', 'contract', 'contractTermination'],
      parties,
      awards: [award],
      contracts: [activeContract(merged, row.recorded_at), ...ended],
    };
  },
};
