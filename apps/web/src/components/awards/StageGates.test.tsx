import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { translator } from '../../i18n/i18n';
import { renderPage } from '../../test/render';
import { gateConfirmation } from './StageGates';

const evidence = [
  { projectId: 'pa', organizationId: 'oa' },
  { projectId: 'pb', organizationId: 'ob' },
  { projectId: 'pc', organizationId: 'oc' },
];
const names = (projectId: string) => ({ pa: '甲公司', pb: '乙大学', pc: '丙研究院' })[projectId] ?? projectId;
const grants: Record<string, { amountFen: number; paidFen: number }> = {
  pa: { amountFen: 3_000_000_000, paidFen: 1_000_000_000 },
  pb: { amountFen: 2_000_000_000, paidFen: 500_000_000 },
  pc: { amountFen: 2_500_000_000, paidFen: 700_000_000 },
};

describe('the gate confirmation', () => {
  it('says who advances and the money: the stopped grants, what is paid, what will not be paid', () => {
    const request = gateConfirmation(1, evidence, new Set(['pa']), names, (id) => grants[id], translator('zh'), 'zh');
    expect(request.title).toBe('确认执行第 1 阶段关卡？');
    expect(request.amountLabel).toBe('不再拨付');
    // pb and pc stop: ¥45,000,000 granted, ¥12,000,000 paid, ¥33,000,000 not paid; pa (¥30,000,000) goes on.
    expect(request.amount).toBe('¥33,000,000.00');
    renderPage(<>{request.body}</>);
    expect(screen.getByText(/^晋级：甲公司。另有 2 个项目将止步于本阶段/)).toBeInTheDocument();
    expect(screen.getByTestId('confirm-gate-money')).toHaveTextContent(
      '止步项目的立项资助共 ¥45,000,000.00，其中已拨付 ¥12,000,000.00，未拨付的 ¥33,000,000.00 不再拨付；晋级项目的立项资助共 ¥30,000,000.00，继续按里程碑拨付。',
    );
    expect(request.danger).toBe(true);
  });

  it('without every grant at hand it names who advances only (no made-up amount)', () => {
    const request = gateConfirmation(
      2,
      evidence,
      new Set(['pa', 'pb']),
      names,
      (id) => (id === 'pc' ? undefined : grants[id]),
      translator('zh'),
      'zh',
    );
    expect(request.amount).toBeUndefined();
    expect(request.body).toMatch(/^晋级：甲公司、乙大学。另有 1 个项目/);
  });
});
