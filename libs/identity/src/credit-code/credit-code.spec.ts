import fc from 'fast-check';
import { DomainError } from '@app/common/domain-error';
import { CENTRAL_AREA_CODE, PROVINCES } from './area-codes';
import {
  CREDIT_CODE_ALPHABET,
  REGISTRATION_AUTHORITIES,
  assertCreditCode,
  computeCheckDigit,
  computeOrganizationCheckDigit,
  makeCreditCode,
  validateCreditCode,
  type CreditCodePart,
  type CreditCodeResult,
} from './credit-code';

/**
 * Real, published unified social credit codes (from the national enterprise credit information
 * publicity system / the entities' own disclosures). Each one was checked against both check
 * digits before being kept; codes remembered less surely that failed were dropped.
 */
const REAL_CODES: ReadonlyArray<readonly [string, string]> = [
  ['腾讯科技（深圳）有限公司 Tencent Technology (Shenzhen)', '9144030071526726XG'],
  ['深圳市腾讯计算机系统有限公司 Shenzhen Tencent Computer Systems', '91440300708461136T'],
  ['华为技术有限公司 Huawei Technologies', '914403001922038216'],
  ['比亚迪股份有限公司 BYD', '91440300192317458F'],
  ['中国平安保险（集团）股份有限公司 Ping An Insurance (Group)', '91440300100012316L'],
  ['招商银行股份有限公司 China Merchants Bank', '9144030010001686XA'],
  ['中兴通讯股份有限公司 ZTE', '9144030027939873X7'],
  ['万科企业股份有限公司 China Vanke', '91440300192181490G'],
  ['阿里巴巴（中国）有限公司 Alibaba (China)', '91330100799655058B'],
  ['小米科技有限责任公司 Xiaomi Technology', '91110108551385082Q'],
  ['北京百度网讯科技有限公司 Beijing Baidu Netcom', '91110000802100433B'],
  ['清华大学 Tsinghua University', '12100000400000624D'],
  ['北京大学 Peking University', '12100000400002259P'],
];

const ALPHABET = [...CREDIT_CODE_ALPHABET];

function expectInvalid(
  result: CreditCodeResult,
  part: CreditCodePart,
): asserts result is Extract<CreditCodeResult, { ok: false }> {
  expect(result).toMatchObject({ ok: false, part });
}

const substitute = (code: string, index: number, ch: string) => code.slice(0, index) + ch + code.slice(index + 1);
const swap = (code: string, i: number, j: number) => {
  const a = [...code];
  [a[i], a[j]] = [a[j]!, a[i]!];
  return a.join('');
};

describe('the GB 32100 alphabet', () => {
  it('has 31 characters: digits and upper-case letters without I, O, S, V, Z', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    expect(new Set(ALPHABET).size).toBe(31);
    for (const banned of 'IOSVZ') expect(CREDIT_CODE_ALPHABET).not.toContain(banned);
    expect(CREDIT_CODE_ALPHABET).toBe('0123456789ABCDEFGHJKLMNPQRTUWXY');
  });
});

describe('validateCreditCode on real published codes', () => {
  it.each(REAL_CODES)('accepts %s (%s)', (_name, code) => {
    const result = validateCreditCode(code);
    expect(result).toEqual({
      ok: true,
      code,
      authority: code[0],
      category: code[1],
      areaCode: code.slice(2, 8),
      organizationCode: code.slice(8, 17),
    });
    // Both check digits, recomputed independently.
    expect(computeOrganizationCheckDigit(code.slice(8, 16))).toBe(code[16]);
    expect(computeCheckDigit(code.slice(0, 17))).toBe(code[17]);
  });

  it('normalises: trims and upper-cases', () => {
    expect(validateCreditCode('  9144030071526726xg\n')).toMatchObject({ ok: true, code: '9144030071526726XG' });
    expect(validateCreditCode('\t91440300708461136t ')).toMatchObject({ ok: true, code: '91440300708461136T' });
  });
});

describe('validateCreditCode names the wrong part', () => {
  it('length', () => {
    const short = validateCreditCode('9144030071526726X');
    expectInvalid(short, 'length');
    expect(short.message).toBe('a unified social credit code has 18 characters, not 17');
    expect(short.messageZh).toBe('统一社会信用代码应为18位，实际为17位');

    const long = validateCreditCode('9144030071526726XGG');
    expectInvalid(long, 'length');
    expect(long.message).toContain('not 19');

    expectInvalid(validateCreditCode(''), 'length');
    expectInvalid(validateCreditCode('   '), 'length');
    // Inner spaces are not removed.
    expectInvalid(validateCreditCode('914403007152 6726XG'), 'length');
  });

  it('alphabet, with the position and the offending character', () => {
    const withO = validateCreditCode(substitute('9144030071526726XG', 16, 'O'));
    expectInvalid(withO, 'alphabet');
    expect(withO.message).toBe(
      "character 17 ('O') is not allowed: the letters I, O, S, V and Z are never used in a unified social credit code",
    );
    expect(withO.messageZh).toContain('第17位');

    for (const banned of 'IOSVZ') {
      const r = validateCreditCode(substitute('9144030071526726XG', 17, banned));
      expectInvalid(r, 'alphabet');
      expect(r.message).toContain(`character 18 ('${banned}')`);
    }

    const punct = validateCreditCode('91440300-71526726X');
    expectInvalid(punct, 'alphabet');
    expect(punct.message).toBe(
      "character 9 ('-') is not allowed: a unified social credit code uses only digits and the upper-case letters other than I, O, S, V and Z",
    );

    const fullWidth = validateCreditCode('９144030071526726XG');
    expectInvalid(fullWidth, 'alphabet');
    expect(fullWidth.message).toMatch(/^character 1 \(U\+FF19\) is not allowed/);
  });

  it('registration authority (character 1)', () => {
    const r = validateCreditCode('B1440300715267260G');
    expectInvalid(r, 'authority');
    expect(r.message).toBe(
      "the registration authority code (character 1) should be one of 1, 2, 3, 4, 5, 6, 7, 8, 9, A, N, Y, not 'B'",
    );
    expect(r.messageZh).toBe("第1位登记管理部门代码应为 1, 2, 3, 4, 5, 6, 7, 8, 9, A, N, Y 之一，而不是'B'");
    expectInvalid(validateCreditCode(substitute('9144030071526726XG', 0, '0')), 'authority');
  });

  it('category (character 2), per authority', () => {
    const r = validateCreditCode('9444030071526726XG');
    expectInvalid(r, 'category');
    expect(r.message).toBe(
      "the category code (character 2) for registration authority '9' (industry and commerce) should be one of 1, 2, 3, not '4'",
    );
    expect(r.messageZh).toBe("登记管理部门代码为'9'（工商）时，第2位机构类别代码应为 1, 2, 3 之一，而不是'4'");

    // 9 is "other" for civil affairs but not for industry and commerce.
    expectInvalid(validateCreditCode('9944030071526726XG'), 'category');
    expect(
      validateCreditCode(makeCreditCode({ authority: '5', category: '9', areaCode: '440300', orgCodeBody8: '12345678' })).ok,
    ).toBe(true);

    const y = validateCreditCode('Y2440300715267260G');
    expectInvalid(y, 'category');
    expect(y.message).toContain("registration authority 'Y' (other) should be one of 1, not '2'");
  });

  it('area code (characters 3–8)', () => {
    const letters = validateCreditCode('9144A30071526726XG');
    expectInvalid(letters, 'area');
    expect(letters.message).toBe("the area code (characters 3–8) should be six digits, not '44A300'");

    const unknown = validateCreditCode('91990300715267260G');
    expectInvalid(unknown, 'area');
    expect(unknown.message).toBe(
      "the area code (characters 3–8) '990300' should start with a GB/T 2260 province code (11–65) or be '100000', not '99'",
    );
    expect(unknown.messageZh).toContain("而不是'99'");

    const hongKong = validateCreditCode('91810000715267260G');
    expectInvalid(hongKong, 'area');
    expect(hongKong.message).toContain("'810000' is in Hong Kong, where no GB 32100 registration authority sits");

    const central = validateCreditCode('12100100400000624D');
    expectInvalid(central, 'area');
    expect(central.message).toBe(
      "the area code (characters 3–8) of a central-level registration should be '100000', not '100100'",
    );
  });

  it('organisation code check digit (character 17)', () => {
    // Character 17 is the organisation code's own check digit; 18 is checked only after it.
    const wrongOrg = validateCreditCode('914403001922038256');
    expectInvalid(wrongOrg, 'organization_check_digit');
    expect(wrongOrg.message).toBe("the check digit of the organisation code '192203825' (character 17) should be '1', not '5'");
    expect(wrongOrg.messageZh).toBe("第9–17位组织机构代码'192203825'的校验码（第17位）应为'1'，而不是'5'");
    // A wrong 18th character with a sound organisation code is a check_digit error.
    expectInvalid(validateCreditCode('91440300192203821X'), 'check_digit');
  });

  it('final check digit (character 18)', () => {
    const r = validateCreditCode('91440300708461136X');
    expectInvalid(r, 'check_digit');
    expect(r.message).toBe("the final check digit (character 18) should be 'T', not 'X'");
    expect(r.messageZh).toBe("第18位校验码应为'T'，而不是'X'");
  });

  it('tolerates non-string input at runtime (from untyped JSON)', () => {
    expectInvalid(validateCreditCode(undefined as unknown as string), 'length');
    expectInvalid(validateCreditCode(null as unknown as string), 'length');
    expectInvalid(validateCreditCode(123 as unknown as string), 'length');
  });
});

describe('every single-character substitution of a real code is rejected', () => {
  it.each(REAL_CODES)('%s: 18 positions × 30 other characters', (_name, code) => {
    const parts = new Map<string, number>();
    let tried = 0;
    for (let i = 0; i < 18; i++) {
      for (const ch of ALPHABET) {
        if (ch === code[i]) continue;
        tried++;
        const result = validateCreditCode(substitute(code, i, ch));
        if (result.ok) throw new Error(`accepted ${substitute(code, i, ch)} (position ${i + 1} → ${ch})`);
        parts.set(result.part, (parts.get(result.part) ?? 0) + 1);
      }
    }
    expect(tried).toBe(18 * 30);
    expect([...parts.values()].reduce((a, b) => a + b, 0)).toBe(540);
    // The 30 substitutions of character 17 are all caught by the organisation check digit; those in
    // 9–16 mostly are too, except where the value changes by a multiple of 11 (GB 11714 is mod 11,
    // e.g. '1' → 'C'), which the final mod-31 check digit catches instead.
    expect(parts.get('organization_check_digit')).toBeGreaterThanOrEqual(30);
    expect(parts.get('check_digit')).toBeGreaterThan(0);
  });

  it('and lower-case versions of the substitutions too (normalisation does not hide them)', () => {
    const code = REAL_CODES[0]![1];
    for (let i = 0; i < 18; i++) {
      for (const ch of ALPHABET) {
        if (ch === code[i]) continue;
        expect(validateCreditCode(substitute(code, i, ch).toLowerCase()).ok).toBe(false);
      }
    }
  });
});

describe('transpositions', () => {
  // Checksum algebra: Σ_{i=1..17} v_i·3^(i−1) + v_18 ≡ 0 (mod 31). Swapping positions i and j with
  // different values changes the sum by (v_i − v_j)(w_j − w_i), which is non-zero mod 31 (a prime)
  // unless w_i = w_j. 3 has order 30 mod 31, so w_1..w_17 are distinct, and the 18th character
  // acts with weight 1 = w_1. Hence: every transposition is caught by the final check digit except
  // swapping characters 1 and 18, which keeps the checksum.
  it('every adjacent transposition of different characters in a real code is rejected (100%)', () => {
    let tried = 0;
    let caught = 0;
    for (const [, code] of REAL_CODES) {
      for (let i = 0; i < 17; i++) {
        if (code[i] === code[i + 1]) continue;
        tried++;
        if (!validateCreditCode(swap(code, i, i + 1)).ok) caught++;
      }
    }
    expect(tried).toBeGreaterThan(150);
    expect(caught).toBe(tried);
  });

  it('every transposition of any two different characters is rejected, except 1 ↔ 18, which the checksum cannot see', () => {
    for (const [, code] of REAL_CODES) {
      for (let i = 0; i < 18; i++) {
        for (let j = i + 1; j < 18; j++) {
          if (code[i] === code[j] || (i === 0 && j === 17)) continue;
          expect(validateCreditCode(swap(code, i, j)).ok).toBe(false);
        }
      }
    }
  });

  it('swapping characters 1 and 18 keeps the check digit valid: caught only by the authority/category tables', () => {
    // A real code ending in a letter: the swap moves a letter to position 1, not an authority code.
    expectInvalid(validateCreditCode(swap('91440300708461136T', 0, 17)), 'authority');
    // Three of the real codes above end in an authority code whose category 1 exists, so their
    // 1 ↔ 18 swap is itself a well-formed code: an error no GB 32100 check can catch.
    expect(REAL_CODES.map(([, code]) => swap(code, 0, 17)).filter((swapped) => validateCreditCode(swapped).ok)).toEqual([
      '614403001922038219',
      'A144030010001686X9',
      '7144030027939873X9',
    ]);
    // But a code whose 18th character is itself an authority code with a matching category yields
    // another valid code when swapped. Find one: '91…1' ↔ '11…9' (authority 1, category 1 exists).
    let found: string | undefined;
    for (let n = 0; n < 1000 && !found; n++) {
      const code = makeCreditCode({
        authority: '9',
        category: '1',
        areaCode: '440300',
        orgCodeBody8: String(n).padStart(8, '0'),
      });
      if (code[17] === '1') found = code;
    }
    expect(found).toBeDefined();
    const swapped = swap(found!, 0, 17);
    expect(swapped).not.toBe(found);
    expect(validateCreditCode(swapped)).toMatchObject({ ok: true, authority: '1', category: '1' });
  });
});

describe('computeCheckDigit and computeOrganizationCheckDigit', () => {
  it('map 10 to X and 11 to 0 in GB 11714', () => {
    expect(computeOrganizationCheckDigit('27939873')).toBe('X'); // ZTE
    expect(computeOrganizationCheckDigit('10001686')).toBe('X'); // China Merchants Bank
    expect(computeOrganizationCheckDigit('00000000')).toBe('0'); // sum 0 → 11 → '0'
    expect(computeOrganizationCheckDigit('MA5DC8QE')).toMatch(/^[0-9X]$/); // letters count as 10–35
  });

  it('refuse malformed input', () => {
    expect(() => computeCheckDigit('1234')).toThrow(RangeError);
    expect(() => computeCheckDigit('9144030071526726I')).toThrow(/position 17/);
    expect(() => computeOrganizationCheckDigit('1234567')).toThrow(RangeError);
    expect(() => computeOrganizationCheckDigit('1234567a')).toThrow(/position 8/);
  });
});

describe('assertCreditCode', () => {
  it('returns the parsed code when valid', () => {
    expect(assertCreditCode(' 914403001922038216 ')).toMatchObject({ ok: true, code: '914403001922038216' });
  });

  it('throws DomainError invalid / identity.invalid_credit_code with the field and the part', () => {
    let error: unknown;
    try {
      assertCreditCode('91440300708461136X', 'organization.creditCode');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(DomainError);
    const domain = error as DomainError;
    expect(domain.kind).toBe('invalid');
    expect(domain.code).toBe('identity.invalid_credit_code');
    expect(domain.details).toEqual({ part: 'check_digit' });
    expect(domain.fieldErrors).toEqual([
      {
        field: 'organization.creditCode',
        message: "the final check digit (character 18) should be 'T', not 'X'",
        wording: { zh: "第18位校验码应为'T'，而不是'X'", en: "the final check digit (character 18) should be 'T', not 'X'" },
      },
    ]);
    expect(domain.message).toContain("should be 'T', not 'X'");
  });

  it("defaults the field to 'creditCode'", () => {
    expect(() => assertCreditCode('x')).toThrow(
      expect.objectContaining({
        fieldErrors: [
          { field: 'creditCode', message: expect.any(String), wording: { zh: expect.any(String), en: expect.any(String) } },
        ],
        details: { part: 'length' },
      }),
    );
  });
});

describe('makeCreditCode', () => {
  it('builds valid codes that reproduce real ones from their parts', () => {
    for (const [, code] of REAL_CODES) {
      expect(
        makeCreditCode({
          authority: code[0]!,
          category: code[1]!,
          areaCode: code.slice(2, 8),
          orgCodeBody8: code.slice(8, 16),
        }),
      ).toBe(code);
    }
  });

  it('refuses parts that cannot make a valid code', () => {
    const ok = { authority: '9', category: '1', areaCode: '440300', orgCodeBody8: '12345678' };
    expect(() => makeCreditCode({ ...ok, authority: 'B' })).toThrow(/registration authority/);
    expect(() => makeCreditCode({ ...ok, category: '9' })).toThrow(/category/);
    expect(() => makeCreditCode({ ...ok, areaCode: '990000' })).toThrow(/area code/);
    expect(() => makeCreditCode({ ...ok, areaCode: '44030' })).toThrow(RangeError);
    expect(() => makeCreditCode({ ...ok, orgCodeBody8: '1234567' })).toThrow(/orgCodeBody8/);
    expect(() => makeCreditCode({ ...ok, orgCodeBody8: '1234567I' })).toThrow(/orgCodeBody8/);
  });
});

describe('properties (fast-check)', () => {
  const authorityAndCategory = fc.constantFrom(
    ...Object.entries(REGISTRATION_AUTHORITIES).flatMap(([a, info]) => Object.keys(info.categories).map((c) => [a, c] as const)),
  );
  const areaCode = fc.oneof(
    fc.constant(CENTRAL_AREA_CODE),
    fc
      .tuple(fc.constantFrom(...PROVINCES.filter((p) => p.registers).map((p) => p.prefix)), fc.integer({ min: 0, max: 9999 }))
      .map(([prefix, rest]) => prefix + String(rest).padStart(4, '0')),
  );
  const orgCodeBody8 = fc.array(fc.constantFrom(...ALPHABET), { minLength: 8, maxLength: 8 }).map((chars) => chars.join(''));
  const validCode = fc
    .tuple(authorityAndCategory, areaCode, orgCodeBody8)
    .map(([[authority, category], area, body]) => makeCreditCode({ authority, category, areaCode: area, orgCodeBody8: body }));

  it('codes built by makeCreditCode are always valid and parse back to their parts', () => {
    fc.assert(
      fc.property(authorityAndCategory, areaCode, orgCodeBody8, ([authority, category], area, body) => {
        const code = makeCreditCode({ authority, category, areaCode: area, orgCodeBody8: body });
        const result = validateCreditCode(code);
        expect(result).toMatchObject({ ok: true, code, authority, category, areaCode: area });
        expect(result.ok && result.organizationCode.slice(0, 8)).toBe(body);
      }),
      { numRuns: 2000 },
    );
  });

  it('any single substitution by another alphabet character is rejected', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 17 }), fc.integer({ min: 1, max: 30 }), (code, i, shift) => {
        const ch = ALPHABET[(CREDIT_CODE_ALPHABET.indexOf(code[i]!) + shift) % 31]!;
        expect(validateCreditCode(substitute(code, i, ch)).ok).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('any substitution by any other character at all is rejected', () => {
    fc.assert(
      fc.property(
        validCode,
        fc.integer({ min: 0, max: 17 }),
        fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
        (code, i, ch) => {
          fc.pre(ch.toUpperCase() !== code[i] && ch.trim() === ch);
          expect(validateCreditCode(substitute(code, i, ch)).ok).toBe(false);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('every adjacent transposition of different characters is rejected', () => {
    fc.assert(
      fc.property(validCode, fc.integer({ min: 0, max: 16 }), (code, i) => {
        fc.pre(code[i] !== code[i + 1]);
        expect(validateCreditCode(swap(code, i, i + 1)).ok).toBe(false);
      }),
      { numRuns: 5000 },
    );
  });

  it('swapping 1 and 18 always preserves the final check digit (the one blind spot)', () => {
    fc.assert(
      fc.property(validCode, (code) => {
        const swapped = swap(code, 0, 17);
        expect(computeCheckDigit(swapped.slice(0, 17))).toBe(swapped[17]);
      }),
      { numRuns: 1000 },
    );
  });
});
