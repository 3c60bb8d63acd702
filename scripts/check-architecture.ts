/**
 * The table-ownership rule of libs/README.md, checked: SQL that names a table appears only in its
 * owning library's `src/repositories/` folder, and no TypeORM repository is injected outside one.
 * The owner list is read from the table in libs/README.md, so the document and the check cannot
 * drift apart. A simple textual check on purpose: it looks for SQL keywords (upper case, as this
 * codebase writes SQL) followed by a known table name, outside comments.
 *
 *   npm run arch   (part of npm run lint)
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const SKIPPED = [/\.spec\.ts$/, /\/testing\//, /\/migrations\//, /\/generated\//, /\.d\.ts$/];
const TABLE_AFTER = /\b(?:FROM|JOIN|INTO|UPDATE|TABLE|REFERENCES)\s+"?([a-z_][a-z0-9_]*)"?/g;

export function readOwners(readme: string): Map<string, string> {
  const owners = new Map<string, string>();
  for (const match of readme.matchAll(/^\|\s*`([a-z_0-9]+)`\s*\|\s*([a-z-]+)\s*\|/gm)) owners.set(match[1], match[2]);
  if (owners.size === 0) throw new Error('libs/README.md: no table → owner rows found');
  return owners;
}

/** Block comments, line comments and JSDoc lines removed; string contents kept. */
function withoutComments(source: string): string {
  return source.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

function* sourceFiles(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* sourceFiles(path);
    else if (path.endsWith('.ts') && !SKIPPED.some((re) => re.test(path))) yield path;
  }
}

export function violationsIn(file: string, source: string, owners: Map<string, string>): string[] {
  const lib = /^libs\/([^/]+)\/src\//.exec(file)?.[1];
  const inRepositories = (owner: string) => lib === owner && file.startsWith(`libs/${owner}/src/repositories/`);
  const problems: string[] = [];
  const text = withoutComments(source);
  for (const match of text.matchAll(TABLE_AFTER)) {
    const owner = owners.get(match[1]);
    if (!owner || inRepositories(owner)) continue;
    const line = text.slice(0, match.index).split('\n').length;
    problems.push(
      `${file}:${line}: SQL names "${match[1]}", owned by ${owner}: move it into libs/${owner}/src/repositories/ and call that`,
    );
  }
  if (/@InjectRepository\(|\.getRepository\(/.test(text) && !/\/repositories\//.test(file)) {
    problems.push(`${file}: TypeORM repositories are used only inside a library's src/repositories/ folder`);
  }
  return problems;
}

function main(): void {
  const owners = readOwners(readFileSync(join(ROOT, 'libs/README.md'), 'utf8'));
  const problems: string[] = [];
  for (const dir of ['libs', 'apps/api/src', 'apps/worker/src']) {
    for (const path of sourceFiles(join(ROOT, dir))) {
      problems.push(...violationsIn(relative(ROOT, path), readFileSync(path, 'utf8'), owners));
    }
  }
  if (problems.length) {
    console.error(problems.join('\n'));
    console.error(`\n${problems.length} table-ownership problem(s); owners are listed in libs/README.md.`);
    process.exit(1);
  }
  console.log(`table ownership: every SQL reference to ${owners.size} tables is in its owner's repositories`);
}

if (require.main === module) main();
