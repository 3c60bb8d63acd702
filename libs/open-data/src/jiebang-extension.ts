/**
 * The platform's own OCDS extension: `tender.jiebang`, the challenge's classification in this
 * platform's vocabularies (industry, field, mechanism, track, zone, parallel slots), and
 * `Document.jiebang`, a published file's SHA-256 and size (OCDS 1.1 has neither). OCDS allows
 * additional fields, but a field no declared extension describes is "undeclared" to every OCDS
 * tool; so the api serves this extension itself (extension.json and its release-schema.json
 * patch, the files an OCDS extension consists of) and every package declares its URL.
 *
 * Pure data (no Nest): the controller serves it at `/api/v1/open-data/ocds/extensions/jiebang/…`.
 */
import { FIELD_KEYS, INDUSTRY_KEYS, MECHANISM_KEYS, TRACK_KEYS, ZONE_KEYS } from '@app/challenges';

export const JIEBANG_EXTENSION_PATH = '/ocds/extensions/jiebang';

/** The extension's absolute URL (what packages list in `extensions`). */
export const jiebangExtensionUrl = (baseUrl: string): string =>
  `${baseUrl}/api/v1/open-data${JIEBANG_EXTENSION_PATH}/extension.json`;

/** extension.json (the OCDS extension metadata); its documentation is the api's own OpenAPI page. */
export const jiebangExtensionJson = (baseUrl: string) => ({
  name: { en: 'Jiebang challenge classification', zh: '揭榜挂帅榜单分类' },
  description: {
    en:
      'Adds tender.jiebang: the classification of a challenge (揭榜挂帅 open call or 赛马制 horse race) in the ' +
      'Jiebang platform’s vocabularies — future industry, technology field, mechanism, funding track, host zone, ' +
      'the number of teams funded in parallel — and its performance targets (objectives). Adds Document.jiebang: the SHA-256 and size of a published ' +
      'document (OCDS 1.1 has no field for either), so that anyone can check a downloaded file.',
    zh:
      '增加 tender.jiebang：榜单在揭榜平台中的分类——未来产业、技术领域、组织方式、支持方向、承载园区、并行支持团队数，以及考核指标；' +
      '增加 Document.jiebang：公开文件的 SHA-256 摘要与字节数，便于核验下载的文件。',
  },
  documentationUrl: { en: `${baseUrl}/docs` },
  compatibility: ['1.1'],
  schemas: ['release-schema.json'],
});

const enumOf = (keys: readonly string[], description: string) => ({ type: 'string', enum: [...keys], description });

export const JIEBANG_RELEASE_SCHEMA_PATCH = {
  definitions: {
    Tender: {
      properties: {
        jiebang: {
          title: 'Jiebang classification',
          description: 'The classification of this challenge in the Jiebang platform’s own vocabularies.',
          $ref: '#/definitions/JiebangClassification',
        },
      },
    },
    Document: {
      properties: {
        jiebang: {
          title: 'Jiebang file integrity',
          description: 'The SHA-256 and size of the file at `url`, as uploaded (the platform never changes a published file).',
          $ref: '#/definitions/JiebangDocumentIntegrity',
        },
      },
    },
    JiebangDocumentIntegrity: {
      title: 'Jiebang file integrity',
      description: 'What a downloaded file must match.',
      type: 'object',
      required: ['sha256', 'size'],
      properties: {
        sha256: { type: 'string', pattern: '^[0-9a-f]{64}$', description: 'SHA-256 of the file, lower-case hex.' },
        size: { type: 'integer', minimum: 0, description: 'The file’s length in bytes.' },
      },
    },
    JiebangClassification: {
      title: 'Jiebang classification',
      description: 'Codes of the platform’s vocabularies (libs/challenges/src/challenge-taxonomy.ts).',
      type: 'object',
      required: ['industry', 'mechanism', 'track'],
      properties: {
        industry: enumOf(INDUSTRY_KEYS, 'The future industry (未来产业) the challenge belongs to.'),
        secondaryIndustry: enumOf(INDUSTRY_KEYS, 'A second industry, for cross-industry demonstration pairs.'),
        field: enumOf(
          FIELD_KEYS,
          'The core-technology field (底层软件, 关键零部件, 重大装备, 测试与仪器仪表); absent for a project-manager-track challenge that names none.',
        ),
        mechanism: enumOf(
          MECHANISM_KEYS,
          'open_call (揭榜挂帅: one team) or horse_race (赛马制: several teams race through stage gates).',
        ),
        track: enumOf(TRACK_KEYS, 'The funding track: core_tech (core technology) or pm_major (project-manager track).'),
        zone: enumOf(ZONE_KEYS, 'The host zone of the work, when the challenge names one.'),
        parallelSlots: { type: 'integer', minimum: 1, description: 'How many teams may be funded in parallel.' },
        objectives: {
          type: 'array',
          minItems: 1,
          description:
            'The performance targets of the call (考核指标), in the order published. OCDS 1.1 has no field for ' +
            'them, and tender.items are things bought with a quantity, so targets are not items.',
          items: { $ref: '#/definitions/JiebangObjective' },
        },
      },
    },
    JiebangObjective: {
      title: 'Jiebang objective',
      description: 'One performance target: the metric must reach at least `target`, measured in `unit`.',
      type: 'object',
      required: ['metric', 'target', 'unit'],
      properties: {
        metric: { type: 'string', minLength: 1, description: 'What is measured (e.g. 算力).' },
        target: { type: 'number', description: 'The value the metric must reach.' },
        unit: { type: 'string', minLength: 1, description: 'The unit of the target (e.g. TOPS).' },
      },
    },
  },
} as const;
