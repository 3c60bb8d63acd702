import { DEFAULT_PUBLISHER_NAME, OpenDataConfigError, loadOpenDataConfig } from './open-data.config';

describe('open-data config', () => {
  it('has working defaults', () => {
    expect(loadOpenDataConfig({})).toEqual({
      ocidPrefix: 'ocds-jiebang',
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
      OCDS_PUBLISHER_SCHEME: 'CN-USCC',
      OCDS_PUBLISHER_UID: '11440300MB2C92058N',
      OPEN_DATA_BASE_URL: 'https://data.example.cn/',
      OCDS_LICENSE: 'https://creativecommons.org/licenses/by/4.0/',
    });
    expect(c).toMatchObject({
      ocidPrefix: 'ocds-a1b2c3',
      publisher: { name: '深圳市科技创新局', scheme: 'CN-USCC', uid: '11440300MB2C92058N' },
      baseUrl: 'https://data.example.cn',
      license: 'https://creativecommons.org/licenses/by/4.0/',
    });
  });

  it('refuses a bad prefix, half a publisher identifier and a relative URL, naming each variable', () => {
    try {
      loadOpenDataConfig({ OCID_PREFIX: 'jiebang', OCDS_PUBLISHER_SCHEME: 'CN-USCC', OPEN_DATA_BASE_URL: '/open' });
      throw new Error('expected a ConfigError');
    } catch (err) {
      expect(err).toBeInstanceOf(OpenDataConfigError);
      const text = (err as Error).message;
      expect(text).toContain('OCID_PREFIX');
      expect(text).toContain('OCDS_PUBLISHER_UID');
      expect(text).toContain('OPEN_DATA_BASE_URL');
    }
    expect(() => loadOpenDataConfig({ OCID_PREFIX: 'ocds-UPPER' })).toThrow(OpenDataConfigError);
    expect(() => loadOpenDataConfig({ OCID_PREFIX: 'ocds-' })).toThrow(OpenDataConfigError);
  });
});
