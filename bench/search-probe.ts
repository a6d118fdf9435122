// `npx tsx bench/search-probe.ts [pglite|postgres] [rounds]`: times each query of the search scenario's mix on the
// kept corpus (built first when missing, exactly as the scenario builds it) and prints p50 / p95 per query, so a
// change to search.ts can be measured query by query without a whole bench run. BENCH_SEARCH_ARTICLES as there;
// BENCH_SEARCH_DATABASE_URL searches that PostgreSQL database as it is instead (e.g. a kept corpus with an index
// added by hand, which a changed corpus key would otherwise replace).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { search } from '../src/portal/search/search.js';
import { Cleanup } from './lib/cleanup.js';
import { openPostgres } from '../src/platform/db/client.js';
import { DEFAULT_ADMIN_URL, probePostgres } from './lib/engines.js';
import type { KeptStore } from './lib/kept-store.js';
import { benchCtx, openCorpus } from './lib/search-corpus.js';
import { percentile, round } from './lib/stats.js';
import type { BenchContext, Engine } from './lib/types.js';
import { QUERIES } from './scenarios/search.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const engine = (process.argv[2] ?? 'postgres') as Engine;
if (engine !== 'pglite' && engine !== 'postgres') throw new Error(`engine must be pglite or postgres, not ${engine}`);
const rounds = Number(process.argv[3] ?? 10);
const articles = Number(process.env.BENCH_SEARCH_ARTICLES ?? 100_000);

const cleanup = new Cleanup();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'congso-probe-'));
cleanup.add(`folder ${workDir}`, () => fs.rmSync(workDir, { recursive: true, force: true }));
const ctx: BenchContext = {
  root,
  options: { repeats: 1, durationSeconds: 1, connections: 1 },
  postgres: await probePostgres(process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL),
  cleanup,
  workDir,
  log: (line) => console.error(line),
};
try {
  const url = process.env.BENCH_SEARCH_DATABASE_URL;
  const corpus: KeptStore = url
    ? await openPostgres(url, { max: 2 }).then((database) => ({ database, buildSeconds: null, label: new URL(url).pathname.slice(1), dispose: () => database.close() }))
    : await openCorpus(ctx, engine, articles);
  if (url) cleanup.add(`connection ${corpus.label}`, () => corpus.dispose());
  console.error(`${engine}: ${corpus.label}${corpus.buildSeconds === null ? '' : ` (built in ${round(corpus.buildSeconds)} s)`}`);
  const base = benchCtx(corpus.database);
  const all: number[] = [];
  for (const q of QUERIES) {
    const first = await search(base, { q });
    const times: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const s = performance.now();
      await search(base, { q, page: (r % 3) + 1 });
      times.push(performance.now() - s);
    }
    all.push(...times);
    const hits = `${first.totalAtLeast ? '>' : ''}${first.total}`;
    console.log(`${q.padEnd(26)} min ${String(round(Math.min(...times))).padStart(6)}  p50 ${String(round(percentile(times, 50))).padStart(7)}  p95 ${String(round(percentile(times, 95))).padStart(7)} ms  hits ${hits}`);
  }
  console.log(`${'ALL'.padEnd(26)} min ${String(round(Math.min(...all))).padStart(6)}  p50 ${String(round(percentile(all, 50))).padStart(7)}  p95 ${String(round(percentile(all, 95))).padStart(7)} ms`);
} finally {
  await cleanup.runAll();
}
