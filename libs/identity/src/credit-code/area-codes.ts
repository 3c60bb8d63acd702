/**
 * Province-level prefixes of GB/T 2260 (中华人民共和国行政区划代码), the first two digits of the
 * six-digit "registration authority area code" (登记管理机关行政区划码, characters 3–8 of a unified
 * social credit code).
 *
 * Only the province level is checked: the city/county levels (some 3,000 codes) change every year
 * and a code keeps the area of the authority that issued it, so a list of today's counties would
 * reject older, perfectly valid codes.
 *
 * `registers` says whether a GB 32100 registration authority sits in that area. Taiwan (71), Hong
 * Kong (81) and Macao (82) have GB/T 2260 codes but no mainland registration authority, so no unified
 * social credit code is issued with them; entities from there are registered by a mainland
 * authority and carry that authority's area code.
 */
export interface Province {
  readonly prefix: string;
  readonly nameZh: string;
  readonly nameEn: string;
  readonly registers: boolean;
}

export const PROVINCES: readonly Province[] = [
  { prefix: '11', nameZh: '北京市', nameEn: 'Beijing', registers: true },
  { prefix: '12', nameZh: '天津市', nameEn: 'Tianjin', registers: true },
  { prefix: '13', nameZh: '河北省', nameEn: 'Hebei', registers: true },
  { prefix: '14', nameZh: '山西省', nameEn: 'Shanxi', registers: true },
  { prefix: '15', nameZh: '内蒙古自治区', nameEn: 'Inner Mongolia', registers: true },
  { prefix: '21', nameZh: '辽宁省', nameEn: 'Liaoning', registers: true },
  { prefix: '22', nameZh: '吉林省', nameEn: 'Jilin', registers: true },
  { prefix: '23', nameZh: '黑龙江省', nameEn: 'Heilongjiang', registers: true },
  { prefix: '31', nameZh: '上海市', nameEn: 'Shanghai', registers: true },
  { prefix: '32', nameZh: '江苏省', nameEn: 'Jiangsu', registers: true },
  { prefix: '33', nameZh: '浙江省', nameEn: 'Zhejiang', registers: true },
  { prefix: '34', nameZh: '安徽省', nameEn: 'Anhui', registers: true },
  { prefix: '35', nameZh: '福建省', nameEn: 'Fujian', registers: true },
  { prefix: '36', nameZh: '江西省', nameEn: 'Jiangxi', registers: true },
  { prefix: '37', nameZh: '山东省', nameEn: 'Shandong', registers: true },
  { prefix: '41', nameZh: '河南省', nameEn: 'Henan', registers: true },
  { prefix: '42', nameZh: '湖北省', nameEn: 'Hubei', registers: true },
  { prefix: '43', nameZh: '湖南省', nameEn: 'Hunan', registers: true },
  { prefix: '44', nameZh: '广东省', nameEn: 'Guangdong', registers: true },
  { prefix: '45', nameZh: '广西壮族自治区', nameEn: 'Guangxi', registers: true },
  { prefix: '46', nameZh: '海南省', nameEn: 'Hainan', registers: true },
  { prefix: '50', nameZh: '重庆市', nameEn: 'Chongqing', registers: true },
  { prefix: '51', nameZh: '四川省', nameEn: 'Sichuan', registers: true },
  { prefix: '52', nameZh: '贵州省', nameEn: 'Guizhou', registers: true },
  { prefix: '53', nameZh: '云南省', nameEn: 'Yunnan', registers: true },
  { prefix: '54', nameZh: '西藏自治区', nameEn: 'Tibet (Xizang)', registers: true },
  { prefix: '61', nameZh: '陕西省', nameEn: 'Shaanxi', registers: true },
  { prefix: '62', nameZh: '甘肃省', nameEn: 'Gansu', registers: true },
  { prefix: '63', nameZh: '青海省', nameEn: 'Qinghai', registers: true },
  { prefix: '64', nameZh: '宁夏回族自治区', nameEn: 'Ningxia', registers: true },
  { prefix: '65', nameZh: '新疆维吾尔自治区', nameEn: 'Xinjiang', registers: true },
  { prefix: '71', nameZh: '台湾省', nameEn: 'Taiwan', registers: false },
  { prefix: '81', nameZh: '香港特别行政区', nameEn: 'Hong Kong', registers: false },
  { prefix: '82', nameZh: '澳门特别行政区', nameEn: 'Macao', registers: false },
];

/**
 * Registrations made by a central (national-level) authority carry the area code `100000`
 * (国家), which is not a GB/T 2260 province; it is the only accepted code starting with `10`.
 */
export const CENTRAL_AREA_CODE = '100000';

const byPrefix = new Map(PROVINCES.map((p) => [p.prefix, p]));

export function findProvince(prefix: string): Province | undefined {
  return byPrefix.get(prefix);
}
