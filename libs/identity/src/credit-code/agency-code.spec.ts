import fc from 'fast-check';
import { DomainError } from '@app/common/domain-error';
import { AGENCY_AUTHORITY, agencyCodeRefusal, assertAgencyCreditCode } from './agency-code';
import { CREDIT_CODE_ALPHABET, REGISTRATION_AUTHORITIES, makeCreditCode } from './credit-code';

const body8 = fc.array(fc.constantFrom(...CREDIT_CODE_ALPHABET), { minLength: 8, maxLength: 8 }).map((chars) => chars.join(''));

/** Any authority with one of its categories. */
const authorityAndCategory = fc.constantFrom(
  ...Object.entries(REGISTRATION_AUTHORITIES).flatMap(([authority, info]) =>
    Object.keys(info.categories).map((category) => ({ authority, category })),
  ),
);

const validCode = fc
  .record({ ac: authorityAndCategory, areaCode: fc.constantFrom('100000', '440300', '110000', '310104'), body: body8 })
  .map(({ ac, areaCode, body }) => makeCreditCode({ ...ac, areaCode, orgCodeBody8: body }));

function refusalOf(work: () => unknown): DomainError {
  try {
    work();
  } catch (err) {
    if (err instanceof DomainError) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('agency credit codes', () => {
  it('accepts a well-formed code exactly when its registration authority is the establishment administration', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        const isAgency = code[0] === AGENCY_AUTHORITY;
        if (isAgency) {
          expect(assertAgencyCreditCode(code.toLowerCase()).code).toBe(code);
        } else {
          const err = refusalOf(() => assertAgencyCreditCode(code, 'creditCode'));
          expect(err.code).toBe('identity.not_an_agency_code');
          expect(err.fieldErrors).toEqual([
            {
              field: 'creditCode',
              message: expect.stringContaining(`not '${code[0]}'`),
              wording: { zh: expect.stringContaining(`而不是'${code[0]}'`), en: expect.stringContaining(`not '${code[0]}'`) },
            },
          ]);
        }
      }),
    );
  });

  it('admits every category of authority 1 (机关, 事业单位, 群众团体, 其他)', () => {
    expect(Object.keys(REGISTRATION_AUTHORITIES[AGENCY_AUTHORITY]!.categories).sort()).toEqual(['1', '2', '3', '9']);
    for (const category of ['1', '2', '3', '9']) expect(agencyCodeRefusal({ authority: '1', category })).toBeUndefined();
  });

  it('reports a malformed code as malformed, naming the field, before asking whose it is', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), (code, i) => {
        const broken = code.slice(0, i) + (code[i] === 'X' ? 'Y' : 'X') + code.slice(i + 1);
        const err = refusalOf(() => assertAgencyCreditCode(broken, 'body.creditCode'));
        expect(err.code).toBe('identity.invalid_credit_code');
        expect(err.fieldErrors[0]!.field).toBe('body.creditCode');
      }),
    );
  });

  it('refuses a real enterprise code and accepts a real public institution’s (Tsinghua University)', () => {
    expect(refusalOf(() => assertAgencyCreditCode('914403001922038216')).code).toBe('identity.not_an_agency_code');
    expect(assertAgencyCreditCode('12100000400000624D').category).toBe('2');
  });
});
