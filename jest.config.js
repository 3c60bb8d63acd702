// One Jest config, two projects: unit specs beside the code, e2e suites under test/.
// @swc/jest compiles TypeScript (with decorator metadata, which Nest and TypeORM need);
// type checking is done once by `npm run typecheck`, not per test file.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];
// @fastify/static (Swagger UI, Bull Board) requires content-disposition 3, which is ESM-only:
// Node 20 loads it natively (require(esm)), Jest does not, so Jest compiles that one package.
const transform = { '^.+\\.ts$': swc, '/node_modules/content-disposition/.+\\.js$': swc };
const transformIgnorePatterns = ['/node_modules/(?!content-disposition/)'];
const moduleNameMapper = {
  '^@app/([a-z-]+)$': '<rootDir>/libs/$1/src',
  '^@app/([a-z-]+)/(.*)$': '<rootDir>/libs/$1/src/$2',
};
/**
 * e2e suites whose assertions are bounds on elapsed time (a killed worker's job re-run within
 * WORKER_RECOVERY, an idempotency lease, outages behind a TCP proxy, draining on shutdown). They run
 * in a project of their own, one at a time, after the others have run two at a time
 * (`npm run test:e2e`): a neighbour's CPU must not decide whether a time bound holds.
 */
const TIMED_E2E = ['jobs-recovery', 'idempotency', 'faults-postgres', 'faults-redis', 'shutdown'];
const e2e = (displayName, testMatch, testPathIgnorePatterns = ['/node_modules/']) => ({
  displayName,
  rootDir: __dirname,
  testEnvironment: 'node',
  transform,
  transformIgnorePatterns,
  moduleNameMapper,
  testMatch,
  testPathIgnorePatterns,
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  setupFiles: ['reflect-metadata'],
});
module.exports = {
  // A global option (ignored inside a project): e2e tests boot apps and wait for workers.
  testTimeout: 60000,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'node',
      transform,
      transformIgnorePatterns,
      moduleNameMapper,
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts'],
    },
    e2e('e2e', ['<rootDir>/test/**/*.e2e-spec.ts'], ['/node_modules/', ...TIMED_E2E.map((n) => `/test/${n}\\.e2e-spec\\.ts$`)]),
    e2e(
      'e2e-timed',
      TIMED_E2E.map((n) => `<rootDir>/test/${n}.e2e-spec.ts`),
    ),
  ],
};
