import fc from 'fast-check';
import { FALLBACK_NAME, MAX_NAME_LENGTH, cleanDisplayName } from './display-name';

describe('cleanDisplayName', () => {
  it.each([
    ['申报书.pdf', '申报书.pdf'],
    ['C:\\fakepath\\技术附件.docx', '技术附件.docx'],
    ['../../etc/passwd', 'passwd'],
    ['a/b/', 'b'],
    ['  报告  ', '报告'],
    ['bad\u0000name\u0007.pdf', 'badname.pdf'],
    ['invoice\u202efdp.exe', 'invoicefdp.exe'],
    ['e\u0301.pdf', '\u00e9.pdf'],
    ['..', FALLBACK_NAME],
    ['', FALLBACK_NAME],
    [undefined, FALLBACK_NAME],
    ['\ud800x.pdf', 'x.pdf'],
  ])('%j → %j', (raw, clean) => {
    expect(cleanDisplayName(raw)).toBe(clean);
  });

  it('keeps the extension when it cuts a long name', () => {
    const name = cleanDisplayName(`${'长'.repeat(400)}.pdf`);
    expect(Array.from(name)).toHaveLength(MAX_NAME_LENGTH);
    expect(name.endsWith('.pdf')).toBe(true);
  });

  it('answers a short, NFC, non-empty name without controls or separators, for any input', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (raw) => {
        const name = cleanDisplayName(raw);
        expect(name.length).toBeGreaterThan(0);
        expect(Array.from(name).length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
        expect(name).toBe(name.normalize('NFC'));
        // eslint-disable-next-line no-control-regex -- asserting control characters are gone
        expect(name).not.toMatch(/[\u0000-\u001f\u007f-\u009f/\\\u202a-\u202e\u2066-\u2069]/);
        expect(name.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')).not.toMatch(/[\ud800-\udfff]/);
        expect(cleanDisplayName(name)).toBe(name);
      }),
    );
  });
});
