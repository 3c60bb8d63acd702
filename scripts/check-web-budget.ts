/**
 * npm run web:budget — fails when the built web app's first screen (scripts/web-bundle.ts) is over
 * its 250 KB gzipped budget, naming the chunks, so a change that grows it is seen in CI rather than
 * in the next benchmark. Reads WEB_DIST_DIR, or apps/web/dist.
 */
import { join } from 'node:path';
import { FIRST_SCREEN_BUDGET_BYTES, initialJs } from './web-bundle';

const dist = process.env.WEB_DIST_DIR ?? join(__dirname, '..', 'apps', 'web', 'dist');
const chunks = initialJs(dist);
const total = chunks.reduce((sum, c) => sum + c.gzip, 0);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
for (const c of [...chunks].sort((a, b) => b.gzip - a.gzip)) console.log(`  ${kb(c.gzip).padStart(9)}  ${c.file}`);
console.log(`first screen: ${kb(total)} gzipped (budget ${kb(FIRST_SCREEN_BUDGET_BYTES)})`);
if (total >= FIRST_SCREEN_BUDGET_BYTES) {
  console.error('web:budget: the first screen is over its budget — load the new code lazily (a route, a dialog, a dictionary).');
  process.exit(1);
}
