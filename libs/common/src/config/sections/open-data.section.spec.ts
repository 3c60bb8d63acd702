import { ConfigError, loadConfig } from '../app-config';
import { DEFAULT_PUBLISHER_NAME, PLACEHOLDER_OCID_PREFIX } from './open-data.section';

const loadOpenDataConfig = (env: Record<string, string>) => loadConfig(env).openData;

describe('open-data settings (AppConfig.openData)', () => {
  it('has working defaults; the default prefix is a placeholder of the registered form', () => {
    expect(PLACEHOLDER_OCID_PREFIX).toBe('ocds-xxxxxx');
    expect(PLACEHOLDER_OCID_PREFIX).toMatch(/^ocds-[a-z0-9]{6}$/);
    expect(loadOpenDataConfig({})).toEqual({
      ocidPrefix: PLACEHOLDER_OCID_PREFIX,
      publisher: { name: DEFAULT_PUBLISHER_NAME },
      buyerName: DEFAULT_PUBLISHER_NAME,
      license: undefined,
      publicationPolicy: undefined,
      baseUrl: 'http://localhost:3000',
    });
  });

  it('reads the environment', () => {
    const c = loadOpenDataConfig({
      OCID_PREFIX: 'ocds-a1b2c3',
      OCDS_PUBLISHER_NAME: '深圳市科技创新局',
      OCDS_PUBLISHER_SCHEME: 'CN-USCI',
      OCDS_PUBLISHER_UID: '11440300MB2C92058N',
      OPEN_DATA_BASE_URL: 'https://data.example.cn/',
      OCDS_LICENSE: 'https://creativecommons.org/licenses/by/4.0/',
    });
    expect(c).toMatchObject({
      ocidPrefix: 'ocds-a1b2c3',
      publisher: { name: '深圳市科技创新局', scheme: 'CN-USCI', uid: '11440300MB2C92058N' },
      baseUrl: 'https://data.example.cn',
      license: 'https://creativecommons.org/licenses/by/4.0/',
    });
  });

  it('refuses a bad prefix, half a publisher identifier and a relative URL, naming each variable', () => {
    try {
      loadOpenDataConfig({ OCID_PREFIX: 'jiebang', OCDS_PUBLISHER_SCHEME: 'CN-USCI', OPEN_DATA_BASE_URL: '/open' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(ConfigError);
      const text = (err as Error).message;
      expect(text).toContain('OCID_PREFIX');
      expect(text).toContain('OCDS_PUBLISHER_UID');
      expect(text).toContain('OPEN_DATA_BASE_URL');
    }
    expect(() => loadOpenDataConfig({ OCID_PREFIX: 'ocds-UPPER' })).toThrow(ConfigError);
    expect(() => loadOpenDataConfig({ OCID_PREFIX: 'ocds-' })).toThrow(ConfigError);
  });

  it('takes only registrable prefixes: "ocds-" and exactly 6 characters', () => {
    for (const bad of ['ocds-jiebang', 'ocds-abc12', 'ocds-abc1234', 'ocds-ab_c12', 'OCDS-abc123', 'abcdef']) {
      expect(() => loadOpenDataConfig({ OCID_PREFIX: bad })).toThrow(/OCID_PREFIX.*exactly 6/);
    }
    expect(loadOpenDataConfig({ OCID_PREFIX: 'ocds-213czf' }).ocidPrefix).toBe('ocds-213czf');
    expect(loadOpenDataConfig({ OCDS_LICENSE: 'https://creativecommons.org/licenses/by/4.0/' }).license).toBe(
      'https://creativecommons.org/licenses/by/4.0/',
    );
    expect(() => loadOpenDataConfig({ OCDS_PUBLICATION_POLICY: 'policy.html' })).toThrow(/OCDS_PUBLICATION_POLICY/);
  });
});
