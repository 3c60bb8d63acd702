/**
 * The web app's first-screen JavaScript: the entry script and every modulepreload of the built
 * index.html, each gzipped at level 9 (what a first visit downloads before anything renders).
 * Shared by `npm run bench:web` and the budget check that `npm test` runs after the web build.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface Chunk {
  file: string;
  bytes: number;
  gzip: number;
}

/** The budget for the first screen, gzipped (issue 19). */
export const FIRST_SCREEN_BUDGET_BYTES = 250 * 1024;

export function initialJs(dist: string): Chunk[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const files = [
    ...[...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((m) => m[1]),
  ];
  return [...new Set(files)].map((file) => {
    const content = readFileSync(join(dist, file));
    return { file, bytes: content.length, gzip: gzipSync(content, { level: 9 }).length };
  });
}
