// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'apps/web/**', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        setInterval: 'readonly',
        clearInterval: 'readonly',
        setImmediate: 'readonly',
      },
    },
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Nest DI and TypeORM need `any` at a few framework seams; keep it visible but allowed.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
      // Libraries are imported by alias, never by a relative path into another library.
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['../../*/src/*', '../../../libs/*'], message: 'Import another library through its @app/<name> alias.' },
          ],
        },
      ],
    },
  },
  {
    // Short functions, split by meaning. Migrations are exempt: each is written once, reviewed as a
    // whole against the schema it produces, and never edited after it ships.
    files: ['libs/**/*.ts', 'apps/api/src/**/*.ts', 'apps/worker/src/**/*.ts', 'scripts/**/*.ts'],
    ignores: ['**/*.spec.ts', 'libs/database/src/migrations/**', 'libs/database/src/generated/**'],
    rules: { 'max-lines-per-function': ['error', { max: 80, skipBlankLines: true, skipComments: true }] },
  },
  {
    // One validated configuration: only AppConfig's loader reads the environment; entry points hand it process.env.
    files: ['libs/**/*.ts', 'apps/api/src/**/*.ts', 'apps/worker/src/**/*.ts'],
    ignores: [
      'libs/common/src/config/**',
      '**/*.spec.ts',
      'libs/*/src/testing/**',
      'apps/*/src/main.ts',
      'apps/api/src/cli/**',
      'libs/database/src/migrate.ts',
      'libs/database/src/data-source.ts',
    ],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'process',
          property: 'env',
          message: 'Read settings from AppConfig (@app/common/config): only loadConfig reads the environment.',
        },
      ],
    },
  },
  {
    files: [
      'test/**/*.ts',
      'bench/**/*.ts',
      'scripts/**/*.{ts,js}',
      '**/*.spec.ts',
      'libs/database/src/migrate.ts',
      'apps/*/src/cli/**/*.ts',
    ],
    rules: { 'no-console': 'off', 'no-restricted-imports': 'off' },
  },
);
