/// <reference types="vitest/config" />
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const repoRoot = here('../..');

/**
 * The web app imports a few *pure* server modules (no Nest, no I/O) so that the browser checks a
 * form by exactly the rules the API will apply: the credit-code validator, the challenge
 * vocabularies and cross-field rules, the funding-policy engine they use, the reasons a
 * password is refused, how a bid must fit its challenge (tranches, dates, consortium), and the
 * names of the API's fields (the same table the API's problem details use).
 * Only these paths are aliased; anything else under libs/ stays out of the bundle.
 */
const pureLibs = [
  { find: /^@app\/common\/domain-error$/, replacement: here('../../libs/common/src/domain-error.ts') },
  { find: /^@app\/common\/wording$/, replacement: here('../../libs/common/src/wording/index.ts') },
  {
    find: /^@app\/common\/problem\/field-labels$/,
    replacement: here('../../libs/common/src/problem/wording/field-labels.ts'),
  },
  {
    find: /^@app\/common\/problem\/problem-wording$/,
    replacement: here('../../libs/common/src/problem/wording/problem-wording.ts'),
  },
  { find: /^@app\/policy$/, replacement: here('../../libs/policy/src/index.ts') },
  { find: /^@app\/identity\/credit-code$/, replacement: here('../../libs/identity/src/credit-code/index.ts') },
  {
    find: /^@app\/identity\/passwords\/password-rules$/,
    replacement: here('../../libs/identity/src/passwords/password-rules.ts'),
  },
  { find: /^@app\/challenges\/challenge-taxonomy$/, replacement: here('../../libs/challenges/src/challenge-taxonomy.ts') },
  { find: /^@app\/challenges\/challenge-rules$/, replacement: here('../../libs/challenges/src/challenge-rules.ts') },
  { find: /^@app\/awards\/gate-rules$/, replacement: here('../../libs/awards/src/gate-rules.ts') },
  { find: /^@app\/bids\/ranking$/, replacement: here('../../libs/bids/src/ranking.ts') },
  { find: /^@app\/bids\/bid-rules$/, replacement: here('../../libs/bids/src/bid-rules.ts') },
  {
    find: /^@app\/milestones\/notification-wording$/,
    replacement: here('../../libs/milestones/src/notifications/notification-wording.ts'),
  },
];

export default defineConfig({
  root: here('.'),
  base: '/',
  resolve: { alias: pureLibs },
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: here('dist'),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
    // One chunk for React and friends (cached across deploys), one for Mantine; pages are split by route.
    rolldownOptions: {
      // Mantine marks its modules "use client" (for React Server Components); meaningless in a SPA bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      output: {
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler|react-router)[\\/]/ },
            { name: 'mantine', test: /node_modules[\\/]@mantine[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    fs: { allow: [repoRoot] },
    proxy: {
      '/api': { target: 'http://localhost:3000', changeOrigin: false },
      '/admin/queues': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  test: {
    environment: 'jsdom',
    root: here('.'),
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    css: false,
    testTimeout: 20_000,
  },
});
