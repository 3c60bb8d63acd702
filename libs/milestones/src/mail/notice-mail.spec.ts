import fc from 'fast-check';
import { composeNoticeMail, escapeHtml, noticeMessageId } from './notice-mail';

const ids = { id: '11111111-1111-4111-8111-111111111111' };
const reader = (language: 'zh' | 'en') => ({ userId: '22222222-2222-4222-8222-222222222222', language });

describe('a notice as a mail', () => {
  it('a payment in Chinese: ¥ in 万, the milestone named, text and HTML', () => {
    const m = composeNoticeMail(
      {
        ...ids,
        kind: 'disbursement.paid',
        params: { milestoneTitle: '样机', amountFen: 720_000_000, disbursementId: 'd', milestoneId: 'm' },
      },
      reader('zh'),
      'jiebang.local',
    );
    expect(m.subject).toBe('拨款已支付：样机');
    expect(m.text).toContain('里程碑「样机」的拨款 ¥720万 已支付。');
    expect(m.text).toContain('「邮件通知」');
    expect(m.html).toContain('<html lang="zh-CN">');
    expect(m.html).toContain('¥720万');
    expect(m.messageId).toBe(`<${ids.id}.22222222-2222-4222-8222-222222222222@jiebang.local>`);
  });

  it('the same payment in English', () => {
    const m = composeNoticeMail(
      { ...ids, kind: 'disbursement.paid', params: { milestoneTitle: 'Prototype', amountFen: 720_000_000 } },
      reader('en'),
      'example.cn',
    );
    expect(m.subject).toBe('Tranche paid: Prototype');
    expect(m.text).toContain('¥7,200,000.00 has been paid for milestone “Prototype”.');
    expect(m.text).not.toMatch(/[\u4e00-\u9fff]{3}/);
    expect(m.html).toContain('<html lang="en">');
  });

  it('whatever the titles hold: the subject is one line, the HTML carries no markup from them, the Message-ID is stable', () => {
    fc.assert(
      fc.property(
        fc.string(),
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('zh', 'en'),
        (title, fen, lang) => {
          const notice = { ...ids, kind: 'disbursement.paid', params: { milestoneTitle: title, amountFen: fen } };
          const m = composeNoticeMail(notice, reader(lang as 'zh' | 'en'), 'd.example');
          expect(m.subject).not.toMatch(/[\r\n]/);
          expect(m.html).toContain(escapeHtml(m.subject));
          const fromParams = m.html.split('<h1 style="font-size: 18px;">')[1].split('</h1>')[0];
          expect(fromParams).not.toMatch(/[<>]/);
          expect(composeNoticeMail(notice, reader(lang as 'zh' | 'en'), 'd.example').messageId).toBe(m.messageId);
        },
      ),
    );
  });

  it('Message-IDs differ per recipient', () => {
    expect(noticeMessageId('n', 'u1', 'd')).not.toBe(noticeMessageId('n', 'u2', 'd'));
  });
});
