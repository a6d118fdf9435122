// `npm test`: prepares the design-system assets and a migrated template database, then runs every test file
// with node's test runner. DATABASE_URL set → PostgreSQL; otherwise the embedded database.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureTemplate } from '../test/support/template.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function collect(dir: string, out: string[] = []): string[] {
  if (!fs.existsSync(dir)) return out;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) collect(p, out);
    else if (/\.test\.tsx?$/.test(entry.name)) out.push(path.relative(root, p));
  }
  return out;
}

const filter = process.argv.slice(2);
// Browser and process-level tests take the longest: started first, they do not leave one runner busy at the end
// while the other has nothing left (longest first packs the two runners best).
const slow = (f: string) => (f.startsWith('test/e2e/') ? 0 : f.startsWith('test/ops/') ? 1 : 2);
let files = [...collect(path.join(root, 'src')), ...collect(path.join(root, 'test'))].sort((a, b) => slow(a) - slow(b) || a.localeCompare(b));
if (filter.length) files = files.filter((f) => filter.some((x) => f.includes(x)));
const concurrency = Number(process.env.TEST_CONCURRENCY ?? 2);
if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`TEST_CONCURRENCY must be a whole number ≥ 1 (got ${process.env.TEST_CONCURRENCY})`);

// The production build (bundle and stylesheet, a few seconds): browser tests look at the real stylesheet, and the
// process-level tests run the bundle, as production does, instead of compiling the sources at every spawn.
const build = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const started = Date.now();
await ensureTemplate();
console.log(`engine: ${process.env.DATABASE_URL ? 'PostgreSQL' : 'PGlite (embedded)'}; template ready in ${Date.now() - started} ms; ${files.length} test files, ${concurrency} at a time`);

const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/run-tests.ts', String(concurrency), ...files], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, NODE_ENV: 'test' },
});
process.exit(r.status ?? 1);
