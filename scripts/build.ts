// Production build: one ESM bundle per entry (dependencies stay in node_modules), plus the design-system assets.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const started = Date.now();
await build({
  entryPoints: { main: 'src/main.ts', cli: 'src/cli/index.ts' },
  absWorkingDir: root,
  outdir: 'dist',
  bundle: true,
  splitting: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  jsx: 'automatic',
  jsxImportSource: 'preact',
  sourcemap: true,
  logLevel: 'warning',
});
console.log(`bundle → dist/ in ${Date.now() - started} ms`);
const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-assets.ts'], { cwd: root, stdio: 'inherit' });
process.exit(r.status ?? 1);
