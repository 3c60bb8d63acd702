import { describe, expect, it } from 'vitest';
import { translator } from '../i18n/i18n';
import { ranking } from '../test/ranking-fixture';
import { shortlistConfirmation } from './PanelPage';

describe('the panel page', () => {
  it('the shortlist confirmation names the chosen bids the same way, with the funding they request', () => {
    const chosen = new Set(['aaaa1111-0000-4000-8000-000000000000', 'cccc3333-0000-4000-8000-000000000000']);
    const zh = shortlistConfirmation(ranking, chosen, translator('zh'), 'zh');
    expect(zh.title).toBe('确认入围 2 份申报？');
    expect(zh.body).toBe(
      '入围：申报 1（丙研究院，申请资助 ¥5,000,000.00）；申报 2（甲公司，申请资助 ¥10,000,000.00）。入围的申报进入立项环节，可在立项页面立项。',
    );
    expect(zh.amount).toBe('¥15,000,000.00');
    expect(zh.confirmLabel).toBe('入围所选（2）');
  });
});
