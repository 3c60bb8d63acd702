import { describe, expect, it } from 'vitest';
import { makeCreditCode } from '@app/identity/credit-code';
import { agencyCodeFeedback } from './agency-code';

const organ = makeCreditCode({ authority: '1', category: '1', areaCode: '440300', orgCodeBody8: 'MB2C9205' });
const institution = makeCreditCode({ authority: '1', category: '2', areaCode: '100000', orgCodeBody8: '40000062' });
const enterprise = makeCreditCode({ authority: '9', category: '1', areaCode: '440300', orgCodeBody8: 'MA5G0001' });

describe('agencyCodeFeedback', () => {
  it('accepts codes of the establishment administration, naming the category', () => {
    expect(agencyCodeFeedback(organ, 'zh')).toMatchObject({ state: 'valid', authority: '机构编制', category: '机关' });
    expect(agencyCodeFeedback(institution.toLowerCase(), 'en')).toMatchObject({ state: 'valid', category: 'public institution' });
  });

  it('refuses an enterprise code, in the reader’s language, from its first character on', () => {
    expect(agencyCodeFeedback(enterprise, 'zh')).toMatchObject({
      state: 'invalid',
      message: expect.stringContaining('机构编制'),
    });
    expect(agencyCodeFeedback('9', 'en')).toMatchObject({ state: 'invalid', message: expect.stringContaining('establishment') });
  });

  it('leaves an unfinished agency code alone and reports a malformed one as the general check does', () => {
    expect(agencyCodeFeedback('1144', 'zh')).toEqual({ state: 'partial', typed: 4 });
    expect(agencyCodeFeedback('', 'zh')).toEqual({ state: 'empty' });
    const wrongCheck = `${organ.slice(0, 17)}${organ.endsWith('0') ? '1' : '0'}`;
    expect(agencyCodeFeedback(wrongCheck, 'en')).toMatchObject({
      state: 'invalid',
      message: expect.stringContaining('check digit'),
    });
  });
});
