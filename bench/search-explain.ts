// `BENCH_SEARCH_DATABASE_URL=<url> npx tsx bench/search-explain.ts [--plans] [query …]`: runs each query of the
// search scenario's mix (or the ones given) once on a PostgreSQL search corpus, records every statement search()
// sends, and replays each under EXPLAIN (ANALYZE, BUFFERS) in a transaction with sequential scans off, as search()
// runs them. Prints per query the statements, the shared buffers they touched and the server's execution time: the
// buffer counts do not depend on how busy the machine is, so a change can be judged on a shared VM. --plans prints
// the plans too. --cpu=N instead runs each query N times on one connection and prints the CPU time its PostgreSQL
// backend spent per search (from /proc, so other work on the machine does not count) and the bench process's.
import fs from 'node:fs';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { search } from '../src/portal/search/search.js';
import { openPostgres, queryRows } from '../src/platform/db/client.js';
import { benchCtx } from './lib/search-corpus.js';
import { round } from './lib/stats.js';
import { QUERIES } from './scenarios/search.js';

const url = process.env.BENCH_SEARCH_DATABASE_URL;
if (!url) throw new Error('set BENCH_SEARCH_DATABASE_URL to a search corpus (e.g. the kept congso_bench_search_… database)');
const args = process.argv.slice(2);
const plans = args.includes('--plans');
const cpuRuns = Number(args.find((a) => a.startsWith('--cpu='))?.slice(6) ?? 0);
const queries = args.filter((a) => !a.startsWith('--'));

type Recorded = { text: string; values: unknown[] };
let recording: Recorded[] | null = null;
// Every statement goes through Client#query, inside or outside a transaction; the recorder only reads its arguments.
const query = pg.Client.prototype.query as (...a: unknown[]) => unknown;
pg.Client.prototype.query = function (this: pg.Client, ...a: unknown[]) {
  const [first, second] = a;
  const text = typeof first === 'string' ? first : (first as { text?: string } | null)?.text;
  const values = (typeof first === 'object' && first !== null ? (first as { values?: unknown[] }).values : undefined) ?? (Array.isArray(second) ? second : []);
  if (recording && text && !/^(begin|commit|rollback)/i.test(text)) recording.push({ text, values });
  return query.apply(this, a);
} as never;

type PlanNode = { 'Shared Hit Blocks': number; 'Shared Read Blocks': number };
const database = await openPostgres(url, { max: 1 });

/** CPU milliseconds a process has used (utime + stime, in clock ticks of 10 ms). */
function cpuMs(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

if (cpuRuns > 0) {
  const [{ pid }] = (await queryRows<{ pid: number }>(database.db, sql`select pg_backend_pid() as pid`)) as [{ pid: number }];
  const base = benchCtx(database);
  for (const q of queries.length ? queries : QUERIES) {
    await search(base, { q });
    const server = cpuMs(pid);
    const client = process.cpuUsage();
    for (let r = 0; r < cpuRuns; r++) await search(base, { q, page: (r % 3) + 1 });
    const own = process.cpuUsage(client);
    console.log(`${q.padEnd(26)} server CPU ${String(round((cpuMs(pid) - server) / cpuRuns, 2)).padStart(6)} ms  bench process CPU ${String(round((own.user + own.system) / 1000 / cpuRuns, 2)).padStart(5)} ms per search`);
  }
  await database.close();
  process.exit(0);
}
const explainer = new pg.Client({ connectionString: url });
await explainer.connect();
try {
  for (const q of queries.length ? queries : QUERIES) {
    recording = [];
    await search(benchCtx(database), { q });
    const statements = recording;
    recording = null;
    let hit = 0;
    let read = 0;
    let ms = 0;
    const lines: string[] = [];
    await explainer.query('begin');
    await explainer.query(`select set_config('enable_seqscan', 'off', true)`);
    for (const s of statements) {
      if (/^select set_config/.test(s.text)) continue;
      const res = await explainer.query<{ 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time': number }] }>(`explain (analyze, buffers, format json) ${s.text}`, s.values);
      const [{ Plan: plan, 'Execution Time': t }] = res.rows[0]!['QUERY PLAN'];
      hit += plan['Shared Hit Blocks'];
      read += plan['Shared Read Blocks'];
      ms += t;
      lines.push(`    ${round(t, 2)} ms, buffers ${plan['Shared Hit Blocks'] + plan['Shared Read Blocks']}: ${s.text.replace(/\s+/g, ' ').slice(0, 100)}`);
      if (plans) {
        const text = await explainer.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${s.text}`, s.values);
        lines.push(...text.rows.map((r) => `      ${r['QUERY PLAN']}`));
      }
    }
    await explainer.query('rollback');
    console.log(`${q.padEnd(26)} statements ${statements.length}  buffers ${String(hit + read).padStart(6)}  server ${String(round(ms, 1)).padStart(6)} ms`);
    if (plans || process.env.VERBOSE) console.log(lines.join('\n'));
  }
} finally {
  await explainer.end();
  await database.close();
}
