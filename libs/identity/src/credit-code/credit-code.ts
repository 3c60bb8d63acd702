/**
 * The unified social credit code (统一社会信用代码) of GB 32100-2015, validated part by part.
 *
 * Layout of the 18 characters (positions 1-based):
 *
 *   1      registration authority code (登记管理部门代码)        table below
 *   2      category code (机构类别代码)                          table below, per authority
 *   3–8    area code of the registering authority (登记管理机关行政区划码), GB/T 2260
 *   9–17   subject identifier = organisation code (主体标识码/组织机构代码), GB 11714,
 *          whose 9th character (position 17) is its own check digit
 *   18     check digit (校验码), GB/T 17710 style mod 31
 *
 * Alphabet: the digits and the upper-case letters without I, O, S, V, Z — 31 characters valued
 * 0..30 in the order `0123456789ABCDEFGHJKLMNPQRTUWXY`.
 *
 * Final check digit: weights W_i = 3^(i-1) mod 31 for i = 1..17, i.e.
 * 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28; C18 = (31 − Σ C_i·W_i mod 31) mod 31.
 * Organisation check digit (GB 11714): weights 3,7,9,10,5,8,4,2 over the first 8 characters of the
 * organisation code (digits 0–9, letters A–Z valued 10–35); C9 = 11 − (Σ mod 11), with 10 → 'X'
 * and 11 → '0'.
 *
 * Registration authority and category codes (GB 32100-2015 and the codes assigned since, as
 * published by the national organisation-code centre):
 *
 *   1 机构编制 establishment administration   1 机关 · 2 事业单位 · 3 中央编办直接管理机构编制的群众团体 · 9 其他
 *   2 外交 foreign affairs                    1 外国常驻新闻机构 · 9 其他
 *   3 司法行政 judicial administration         1 律师执业机构 · 2 公证处 · 3 基层法律服务所 · 4 司法鉴定机构 · 5 仲裁委员会 · 9 其他
 *   4 文化 culture                            1 外国在华文化中心 · 9 其他
 *   5 民政 civil affairs                      1 社会团体 · 2 民办非企业单位 · 3 基金会 · 9 其他
 *   6 旅游 tourism                            1 外国旅游部门常驻代表机构 · 2 港澳台地区旅游部门常驻内地（大陆）代表机构 · 9 其他
 *   7 宗教 religious affairs                  1 宗教活动场所 · 2 宗教院校 · 9 其他
 *   8 工会 trade unions                       1 基层工会 · 9 其他
 *   9 工商 industry and commerce              1 企业 · 2 个体工商户 · 3 农民专业合作社
 *   A 中央军委改革和编制办公室 CMC reform and establishment office   1 军队事业单位 · 9 其他
 *   N 农业 agriculture                        1 组级集体经济组织 · 2 村级集体经济组织 · 3 乡镇级集体经济组织 · 9 其他
 *   Y 其他 other                              1 (not subdivided)
 *
 * Pure: no Nest, no I/O. Checks run in the order of the `part` union below and the first failing
 * part is reported.
 */
import { invalid } from '@app/common/domain-error';
import { CENTRAL_AREA_CODE, findProvince } from './area-codes';

export const CREDIT_CODE_LENGTH = 18;

/** The GB 32100 alphabet; a character's index is its value. */
export const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** Weights of characters 1..17 for the final check digit. */
export const CHECK_DIGIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;

/** Weights of the first 8 characters of the organisation code (GB 11714). */
export const ORGANIZATION_CHECK_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export interface CategoryInfo {
  readonly nameZh: string;
  readonly nameEn: string;
}

export interface AuthorityInfo {
  readonly nameZh: string;
  readonly nameEn: string;
  readonly categories: Readonly<Record<string, CategoryInfo>>;
}

const other: CategoryInfo = { nameZh: '其他', nameEn: 'other' };

export const REGISTRATION_AUTHORITIES: Readonly<Record<string, AuthorityInfo>> = {
  '1': {
    nameZh: '机构编制',
    nameEn: 'establishment administration',
    categories: {
      '1': { nameZh: '机关', nameEn: 'government organ' },
      '2': { nameZh: '事业单位', nameEn: 'public institution' },
      '3': {
        nameZh: '中央编办直接管理机构编制的群众团体',
        nameEn: 'mass organisation staffed directly by the central establishment office',
      },
      '9': other,
    },
  },
  '2': {
    nameZh: '外交',
    nameEn: 'foreign affairs',
    categories: { '1': { nameZh: '外国常驻新闻机构', nameEn: 'resident foreign news agency' }, '9': other },
  },
  '3': {
    nameZh: '司法行政',
    nameEn: 'judicial administration',
    categories: {
      '1': { nameZh: '律师执业机构', nameEn: 'law firm' },
      '2': { nameZh: '公证处', nameEn: 'notary office' },
      '3': { nameZh: '基层法律服务所', nameEn: 'grassroots legal service office' },
      '4': { nameZh: '司法鉴定机构', nameEn: 'forensic appraisal institution' },
      '5': { nameZh: '仲裁委员会', nameEn: 'arbitration commission' },
      '9': other,
    },
  },
  '4': {
    nameZh: '文化',
    nameEn: 'culture',
    categories: { '1': { nameZh: '外国在华文化中心', nameEn: 'foreign cultural centre in China' }, '9': other },
  },
  '5': {
    nameZh: '民政',
    nameEn: 'civil affairs',
    categories: {
      '1': { nameZh: '社会团体', nameEn: 'social association' },
      '2': { nameZh: '民办非企业单位', nameEn: 'private non-enterprise unit' },
      '3': { nameZh: '基金会', nameEn: 'foundation' },
      '9': other,
    },
  },
  '6': {
    nameZh: '旅游',
    nameEn: 'tourism',
    categories: {
      '1': { nameZh: '外国旅游部门常驻代表机构', nameEn: 'resident office of a foreign tourism authority' },
      '2': {
        nameZh: '港澳台地区旅游部门常驻内地（大陆）代表机构',
        nameEn: 'resident office of a Hong Kong, Macao or Taiwan tourism authority',
      },
      '9': other,
    },
  },
  '7': {
    nameZh: '宗教',
    nameEn: 'religious affairs',
    categories: {
      '1': { nameZh: '宗教活动场所', nameEn: 'place of religious activity' },
      '2': { nameZh: '宗教院校', nameEn: 'religious school' },
      '9': other,
    },
  },
  '8': {
    nameZh: '工会',
    nameEn: 'trade unions',
    categories: { '1': { nameZh: '基层工会', nameEn: 'grassroots trade union' }, '9': other },
  },
  '9': {
    nameZh: '工商',
    nameEn: 'industry and commerce',
    categories: {
      '1': { nameZh: '企业', nameEn: 'enterprise' },
      '2': { nameZh: '个体工商户', nameEn: 'individual business' },
      '3': { nameZh: '农民专业合作社', nameEn: "farmers' cooperative" },
    },
  },
  A: {
    nameZh: '中央军委改革和编制办公室',
    nameEn: 'CMC reform and establishment office',
    categories: { '1': { nameZh: '军队事业单位', nameEn: 'military public institution' }, '9': other },
  },
  N: {
    nameZh: '农业',
    nameEn: 'agriculture',
    categories: {
      '1': { nameZh: '组级集体经济组织', nameEn: 'group-level collective economic organisation' },
      '2': { nameZh: '村级集体经济组织', nameEn: 'village-level collective economic organisation' },
      '3': { nameZh: '乡镇级集体经济组织', nameEn: 'township-level collective economic organisation' },
      '9': other,
    },
  },
  Y: {
    nameZh: '其他',
    nameEn: 'other',
    categories: { '1': { nameZh: '其他（不再细分）', nameEn: 'not subdivided' } },
  },
};

export type CreditCodePart =
  'length' | 'alphabet' | 'authority' | 'category' | 'area' | 'organization_check_digit' | 'check_digit';

export interface ValidCreditCode {
  ok: true;
  /** Trimmed and upper-cased. */
  code: string;
  /** Character 1. */
  authority: string;
  /** Character 2. */
  category: string;
  /** Characters 3–8. */
  areaCode: string;
  /** Characters 9–17, including the GB 11714 check digit. */
  organizationCode: string;
}

export interface InvalidCreditCode {
  ok: false;
  part: CreditCodePart;
  /** English: which part is wrong and what was expected. */
  message: string;
  /** The same in Chinese. */
  messageZh: string;
}

export type CreditCodeResult = ValidCreditCode | InvalidCreditCode;

const alphabetValue = new Map([...CREDIT_CODE_ALPHABET].map((c, i) => [c, i] as const));

const fail = (part: CreditCodePart, message: string, messageZh: string): InvalidCreditCode => ({
  ok: false,
  part,
  message,
  messageZh,
});

/** Quote one character for a message, showing invisible ones by code point. */
const q = (ch: string): string =>
  /^[\x21-\x7e]$/.test(ch) ? `'${ch}'` : `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * The 18th character for the given first 17 characters (which must all be in the GB 32100
 * alphabet). Throws a RangeError otherwise.
 */
export function computeCheckDigit(first17: string): string {
  if (first17.length !== 17) {
    throw new RangeError(`computeCheckDigit needs 17 characters, got ${first17.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = alphabetValue.get(first17[i]!);
    if (v === undefined) {
      throw new RangeError(`computeCheckDigit: ${q(first17[i]!)} at position ${i + 1} is not in the GB 32100 alphabet`);
    }
    sum += v * CHECK_DIGIT_WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 value of a character of the organisation code body: 0–9, then A–Z as 10–35. */
function organizationValue(ch: string): number | undefined {
  if (ch >= '0' && ch <= '9') return ch.charCodeAt(0) - 48;
  if (ch >= 'A' && ch <= 'Z') return ch.charCodeAt(0) - 55;
  return undefined;
}

/**
 * The GB 11714 check character ('0'–'9' or 'X') of an organisation code, given its first 8
 * characters (digits or upper-case letters A–Z). Throws a RangeError otherwise.
 */
export function computeOrganizationCheckDigit(first8: string): string {
  if (first8.length !== 8) {
    throw new RangeError(`computeOrganizationCheckDigit needs 8 characters, got ${first8.length}`);
  }
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const v = organizationValue(first8[i]!);
    if (v === undefined) {
      throw new RangeError(
        `computeOrganizationCheckDigit: ${q(first8[i]!)} at position ${i + 1} is not a digit or an upper-case letter`,
      );
    }
    sum += v * ORGANIZATION_CHECK_WEIGHTS[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

const listOf = (keys: string[]): string => keys.join(', ');

export function validateCreditCode(input: string): CreditCodeResult {
  const code = String(input ?? '')
    .trim()
    .toUpperCase();
  const chars = [...code];
  const failure =
    lengthFailure(chars) ??
    alphabetFailure(chars) ??
    authorityAndCategoryFailure(code) ??
    areaFailure(code.slice(2, 8)) ??
    organizationCheckFailure(code.slice(8, 17)) ??
    checkDigitFailure(code);
  if (failure) return failure;
  return {
    ok: true,
    code,
    authority: code[0]!,
    category: code[1]!,
    areaCode: code.slice(2, 8),
    organizationCode: code.slice(8, 17),
  };
}

// Each check below returns the failure of its part, or undefined; validateCreditCode runs them in
// the order of the `CreditCodePart` union and reports the first that fails.

/** 1. Length. */
function lengthFailure(chars: string[]): InvalidCreditCode | undefined {
  if (chars.length === CREDIT_CODE_LENGTH) return undefined;
  return fail(
    'length',
    `a unified social credit code has 18 characters, not ${chars.length}`,
    `统一社会信用代码应为18位，实际为${chars.length}位`,
  );
}

/** 2. Alphabet. */
function alphabetFailure(chars: string[]): InvalidCreditCode | undefined {
  const i = chars.findIndex((ch) => !alphabetValue.has(ch));
  if (i < 0) return undefined;
  const ch = chars[i]!;
  const banned = 'IOSVZ'.includes(ch);
  return fail(
    'alphabet',
    banned
      ? `character ${i + 1} (${q(ch)}) is not allowed: the letters I, O, S, V and Z are never used in a unified social credit code`
      : `character ${i + 1} (${q(ch)}) is not allowed: a unified social credit code uses only digits and the upper-case letters other than I, O, S, V and Z`,
    banned
      ? `第${i + 1}位字符（${q(ch)}）不合法：统一社会信用代码不使用字母 I、O、S、V、Z`
      : `第${i + 1}位字符（${q(ch)}）不合法：统一社会信用代码只能由数字和除 I、O、S、V、Z 以外的大写英文字母组成`,
  );
}

/** 3. Registration authority (character 1); 4. category (character 2), which depends on the authority. */
function authorityAndCategoryFailure(code: string): InvalidCreditCode | undefined {
  const authority = code[0]!;
  const authorityInfo = Object.hasOwn(REGISTRATION_AUTHORITIES, authority) ? REGISTRATION_AUTHORITIES[authority] : undefined;
  if (!authorityInfo) {
    const expected = listOf(Object.keys(REGISTRATION_AUTHORITIES));
    return fail(
      'authority',
      `the registration authority code (character 1) should be one of ${expected}, not ${q(authority)}`,
      `第1位登记管理部门代码应为 ${expected} 之一，而不是${q(authority)}`,
    );
  }
  const category = code[1]!;
  if (Object.hasOwn(authorityInfo.categories, category)) return undefined;
  const expected = listOf(Object.keys(authorityInfo.categories));
  return fail(
    'category',
    `the category code (character 2) for registration authority '${authority}' (${authorityInfo.nameEn}) should be one of ${expected}, not ${q(category)}`,
    `登记管理部门代码为'${authority}'（${authorityInfo.nameZh}）时，第2位机构类别代码应为 ${expected} 之一，而不是${q(category)}`,
  );
}

/** 5. Area code (characters 3–8): six digits, central ('100000') or a registering province's. */
function areaFailure(areaCode: string): InvalidCreditCode | undefined {
  if (!/^\d{6}$/.test(areaCode)) {
    return fail(
      'area',
      `the area code (characters 3–8) should be six digits, not '${areaCode}'`,
      `第3–8位登记管理机关行政区划码应为6位数字，而不是'${areaCode}'`,
    );
  }
  const prefix = areaCode.slice(0, 2);
  if (prefix === CENTRAL_AREA_CODE.slice(0, 2)) {
    if (areaCode === CENTRAL_AREA_CODE) return undefined;
    return fail(
      'area',
      `the area code (characters 3–8) of a central-level registration should be '${CENTRAL_AREA_CODE}', not '${areaCode}'`,
      `第3–8位：国家级登记的行政区划码应为'${CENTRAL_AREA_CODE}'，而不是'${areaCode}'`,
    );
  }
  return provinceFailure(areaCode, prefix);
}

function provinceFailure(areaCode: string, prefix: string): InvalidCreditCode | undefined {
  const province = findProvince(prefix);
  if (!province) {
    return fail(
      'area',
      `the area code (characters 3–8) '${areaCode}' should start with a GB/T 2260 province code (11–65) or be '${CENTRAL_AREA_CODE}', not '${prefix}'`,
      `第3–8位行政区划码'${areaCode}'的前两位应为 GB/T 2260 的省级代码（11–65）或为'${CENTRAL_AREA_CODE}'，而不是'${prefix}'`,
    );
  }
  if (province.registers) return undefined;
  return fail(
    'area',
    `the area code (characters 3–8) '${areaCode}' is in ${province.nameEn}, where no GB 32100 registration authority sits; it should be a mainland province code (11–65) or '${CENTRAL_AREA_CODE}'`,
    `第3–8位行政区划码'${areaCode}'属于${province.nameZh}，该地区没有统一社会信用代码登记管理机关；应为内地省级代码（11–65）或'${CENTRAL_AREA_CODE}'`,
  );
}

/** 6. Organisation code (characters 9–17) and its GB 11714 check digit. */
function organizationCheckFailure(organizationCode: string): InvalidCreditCode | undefined {
  const expectedOrgCheck = computeOrganizationCheckDigit(organizationCode.slice(0, 8));
  const actualOrgCheck = organizationCode[8]!;
  if (actualOrgCheck === expectedOrgCheck) return undefined;
  return fail(
    'organization_check_digit',
    `the check digit of the organisation code '${organizationCode}' (character 17) should be '${expectedOrgCheck}', not '${actualOrgCheck}'`,
    `第9–17位组织机构代码'${organizationCode}'的校验码（第17位）应为'${expectedOrgCheck}'，而不是'${actualOrgCheck}'`,
  );
}

/** 7. Final check digit (character 18). */
function checkDigitFailure(code: string): InvalidCreditCode | undefined {
  const expectedCheck = computeCheckDigit(code.slice(0, 17));
  const actualCheck = code[17]!;
  if (actualCheck === expectedCheck) return undefined;
  return fail(
    'check_digit',
    `the final check digit (character 18) should be '${expectedCheck}', not '${actualCheck}'`,
    `第18位校验码应为'${expectedCheck}'，而不是'${actualCheck}'`,
  );
}

/**
 * Validates and returns the normalised code, or throws a DomainError
 * (`invalid`, `identity.invalid_credit_code`) naming the wrong part.
 */
export function assertCreditCode(input: string, field = 'creditCode'): ValidCreditCode {
  const result = validateCreditCode(input);
  if (!result.ok) {
    throw invalid(
      'identity.invalid_credit_code',
      `Invalid unified social credit code: ${result.message}`,
      [{ field, message: result.message, wording: { zh: result.messageZh, en: result.message } }],
      { part: result.part },
    );
  }
  return result;
}

export interface CreditCodeParts {
  /** Character 1, a key of REGISTRATION_AUTHORITIES. */
  authority: string;
  /** Character 2, a category of that authority. */
  category: string;
  /** Six digits: a province prefix (11–65) or '100000'. */
  areaCode: string;
  /** The first 8 characters of the organisation code, from the GB 32100 alphabet. */
  orgCodeBody8: string;
}

/**
 * Builds a valid 18-character code from its parts, computing both check digits (for demo data and
 * tests). Throws a RangeError naming the wrong part if the parts cannot form a valid code.
 */
export function makeCreditCode({ authority, category, areaCode, orgCodeBody8 }: CreditCodeParts): string {
  if (orgCodeBody8.length !== 8 || ![...orgCodeBody8].every((c) => alphabetValue.has(c))) {
    throw new RangeError(
      `makeCreditCode: orgCodeBody8 should be 8 characters from ${CREDIT_CODE_ALPHABET}, not '${orgCodeBody8}'`,
    );
  }
  const first17 = `${authority}${category}${areaCode}${orgCodeBody8}${computeOrganizationCheckDigit(orgCodeBody8)}`;
  if ([...first17].length !== 17 || ![...first17].every((c) => alphabetValue.has(c))) {
    throw new RangeError(`makeCreditCode: the parts do not form 17 characters of the GB 32100 alphabet ('${first17}')`);
  }
  const code = first17 + computeCheckDigit(first17);
  const result = validateCreditCode(code);
  if (!result.ok) {
    throw new RangeError(`makeCreditCode: ${result.message}`);
  }
  return code;
}
