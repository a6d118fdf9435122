// `npm run bench [-- <scenario>… --repeats N --duration S --connections C --no-build]`: builds the production
// bundle, runs the scenarios in bench/scenarios/ (all, or those named), prints one table and writes
// bench/results/<timestamp>.json and bench/results/latest.md.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { Cleanup } from './lib/cleanup.js';
import { DEFAULT_ADMIN_URL, probePostgres, redact } from './lib/engines.js';
import { machineFacts } from './lib/machine.js';
import { type BenchReport, tableRows, textTable, writeReport } from './lib/report.js';
import type { BenchContext, BenchOptions, Scenario, ScenarioResult } from './lib/types.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');

function positiveInt(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a whole number ≥ 1, not ${JSON.stringify(raw)}`);
  return n;
}

function isScenario(mod: Record<string, unknown>): mod is Scenario & Record<string, unknown> {
  return typeof mod.name === 'string' && typeof mod.description === 'string' && typeof mod.run === 'function';
}

async function discover(): Promise<Scenario[]> {
  const dir = path.join(benchDir, 'scenarios');
  const files = fs.readdirSync(dir).filter((f) => /\.tsx?$/.test(f) && !f.endsWith('.d.ts')).sort();
  const found: Scenario[] = [];
  for (const f of files) {
    const mod = (await import(pathToFileURL(path.join(dir, f)).href)) as Record<string, unknown>;
    if (!isScenario(mod)) throw new Error(`bench/scenarios/${f} must export name, description and run(ctx)`);
    found.push({ name: mod.name, description: mod.description, run: mod.run });
  }
  return found;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    repeats: { type: 'string' },
    duration: { type: 'string' },
    connections: { type: 'string' },
    'no-build': { type: 'boolean', default: false },
    list: { type: 'boolean', default: false },
  },
});

const options: BenchOptions = {
  repeats: positiveInt('repeats', values.repeats, 3),
  durationSeconds: positiveInt('duration', values.duration, 10),
  connections: positiveInt('connections', values.connections, 10),
};

const all = await discover();
if (values.list) {
  for (const s of all) console.log(`${s.name.padEnd(12)} ${s.description}`);
  process.exit(0);
}
const unknown = positionals.filter((p) => !all.some((s) => s.name === p));
if (unknown.length) {
  console.error(`unknown scenario(s): ${unknown.join(', ')}; known: ${all.map((s) => s.name).join(', ')}`);
  process.exit(2);
}
const selected = positionals.length ? positionals.map((p) => all.find((s) => s.name === p) as Scenario) : all;

if (!values['no-build']) {
  console.log('npm run build …');
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const cleanup = new Cleanup();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congso-bench-'));
cleanup.add(`folder ${workDir}`, () => fs.rmSync(workDir, { recursive: true, force: true }));

let interrupted = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    interrupted = true;
    console.error(`\n${signal}: stopping servers and removing temporary databases and folders …`);
    void cleanup.runAll().finally(() => process.exit(130));
  });
}

const adminUrl = process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL;
const postgres = await probePostgres(adminUrl);
if (!postgres.available) console.log(`PostgreSQL not reachable at ${redact(adminUrl)} (${postgres.reason}): its rows are skipped.`);
const startedAt = new Date().toISOString();
const machine = await machineFacts(root, postgres);
console.log(`${machine.cpuModel}, ${machine.cores} cores, ${machine.ramGiB} GiB; Node ${machine.node}; PostgreSQL ${machine.postgres}; PGlite ${machine.pglite}`);

const ctx: BenchContext = { root, options, postgres, cleanup, workDir, log: (line) => console.log(`  ${line}`) };
const results: ScenarioResult[] = [];
for (const scenario of selected) {
  if (interrupted) break;
  const loadAverage = os.loadavg().map((l) => Math.round(l * 100) / 100);
  console.log(`\n▶ ${scenario.name}: ${scenario.description} (load average ${loadAverage.join(' ')})`);
  const t0 = performance.now();
  const result: ScenarioResult = { name: scenario.name, description: scenario.description, startedAt: new Date().toISOString(), durationMs: 0, loadAverage, rows: [] };
  try {
    result.rows = await scenario.run(ctx);
  } catch (err) {
    result.error = err instanceof Error ? (err.stack ?? err.message) : String(err);
    console.error(`✗ ${scenario.name} failed: ${result.error}`);
  }
  result.durationMs = Math.round(performance.now() - t0);
  results.push(result);
}

await cleanup.runAll();
const report: BenchReport = { startedAt, finishedAt: new Date().toISOString(), machine, options, scenarios: results };
console.log(`\n${textTable(tableRows(results))}`);
const jsonPath = writeReport(path.join(benchDir, 'results'), report);
console.log(`\nwrote ${path.relative(root, jsonPath)} and bench/results/latest.md`);
process.exit(results.some((r) => r.error) ? 1 : 0);
