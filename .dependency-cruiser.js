// @ts-check
/**
 * The architecture rules the build enforces (`npm run lint` runs `npm run arch`):
 * - no cycles;
 * - libraries stack in layers and never import a higher one (libs/README.md lists them);
 * - a library reaches another only through its public face (`@app/<lib>`, its src/index.ts;
 *   `@app/common` also exposes its sub-folders' index files and domain-error.ts);
 * - apps compose libraries through the same faces.
 * Which library may write which table is checked by scripts/check-architecture.ts.
 */

/** Lower ranks never import higher ones; equal ranks never import each other. */
const RANK = {
  common: 0,
  database: 1,
  policy: 1,
  audit: 2,
  'funding-rules': 2,
  identity: 3,
  jobs: 4,
  documents: 5,
  challenges: 6,
  bids: 7,
  awards: 8,
  milestones: 9,
  evaluations: 10,
  'open-data': 11,
};

const libs = Object.keys(RANK);
const layerRules = libs.map((from) => {
  const notBelow = libs.filter((to) => to !== from && RANK[to] >= RANK[from]);
  return {
    name: `layers-${from}`,
    comment: `${from} (layer ${RANK[from]}) may import only libraries of a lower layer: ${libs.filter((l) => RANK[l] < RANK[from]).join(', ') || 'none'}`,
    severity: 'error',
    from: { path: `^libs/${from}/` },
    to: { path: `^libs/(${notBelow.join('|')})/` },
  };
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      comment:
        'A cycle makes load order (and Nest providers) depend on chance. TypeORM entities of one table family ' +
        'name each other in their relations (lazily, through `() => Entity`), which is how TypeORM is meant to be used.',
      severity: 'error',
      from: { pathNot: '\\.entity\\.ts$' },
      to: { circular: true },
    },
    ...layerRules,
    {
      name: 'only-public-faces',
      comment: 'Import another library through @app/<lib> (its index.ts), never its internals.',
      severity: 'error',
      from: { path: '^(libs/([^/]+)|apps/[^/]+)/' },
      to: {
        path: '^libs/[^/]+/src/',
        pathNot: [
          '^libs/$2/',
          '^libs/[^/]+/src/index\\.ts$',
          '^libs/common/src/[^/]+/index\\.ts$',
          '^libs/common/src/domain-error\\.ts$',
        ],
      },
    },
    {
      name: 'apps-are-not-imported',
      comment: 'Libraries never import the apps that compose them.',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['\\.spec\\.ts$', '/testing/', '^apps/web/', 'node_modules', '/migrations/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
};
