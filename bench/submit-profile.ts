// `npx tsx bench/submit-profile.ts [count]`: files `count` drafts (default 300) one at a time on one PostgreSQL
// connection and prints what one submission costs in terms that do not depend on how busy the machine is: round
// trips and commits, CPU time of the Node process and of the PostgreSQL backend serving it (read from /proc, so
// the server must run on this machine), time inside each trigger and function (track_functions), and the
// statements with their share of the wall time. The drafts are prepared as the dossiers scenario prepares them.
// PROFILE_EXPLAIN=1 also writes the plans of three submissions, with their triggers' nested statements, buffers and
// WAL, to PostgreSQL's own log (auto_explain, loaded for this database only). PROFILE_CPU=file.cpuprofile writes
// the Node CPU profile of the measured submissions only (open it in Chrome's DevTools).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { Session } from 'node:inspector/promises';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { openPostgres, queryRows } from '../src/platform/db/client.js';
import { platformJobs } from '../src/platform/jobs/platform-jobs.js';
import { startWorker } from '../src/platform/jobs/worker.js';
import { createLogger } from '../src/platform/logger.js';
import { mailJob } from '../src/platform/mail/mail-job.js';
import { makeSecrets } from '../src/platform/secrets.js';
import { smsJob } from '../src/platform/sms/sms-job.js';
import { dossierJobs } from '../src/services/dossiers/deadline-jobs.js';
import { submitDossier } from '../src/services/dossiers/submit-dossier.js';
import { DEFAULT_ADMIN_URL, admin } from './lib/engines.js';
import { prepareDrafts } from './scenarios/dossiers.js';

const count = Number(process.argv[2] ?? 300);
const warmup = 30;
const explain = process.env.PROFILE_EXPLAIN === '1';
const adminUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_ADMIN_URL;
const dbName = `congso_profile_${randomUUID().slice(0, 8)}`;
const url = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congso-profile-'));

/** Every round trip the process makes, by statement text, while recording is on. */
const trips = new Map<string, { n: number; ms: number }>();
let recording = false;
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  if (!recording) return (query as (...a: unknown[]) => unknown).apply(this, args);
  const config = args[0] as string | { text: string };
  const text = (typeof config === 'string' ? config : config.text).replace(/\s+/g, ' ').trim().slice(0, 110);
  const t0 = performance.now();
  const done = () => {
    const entry = trips.get(text) ?? { n: 0, ms: 0 };
    entry.n++;
    entry.ms += performance.now() - t0;
    trips.set(text, entry);
  };
  // The pool calls with a callback, drizzle's transactions without one.
  const last = args.length - 1;
  const callback = args[last];
  if (typeof callback === 'function') {
    args[last] = (...r: unknown[]) => {
      done();
      return (callback as (...a: unknown[]) => unknown)(...r);
    };
    return (query as (...a: unknown[]) => unknown).apply(this, args);
  }
  const result = (query as (...a: unknown[]) => unknown).apply(this, args);
  return result instanceof Promise ? result.then((r: unknown) => (done(), r)) : result;
} as typeof query;

/** User plus system CPU time of a process, in milliseconds. */
function cpuOf(pid: number): number {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime, stime in clock ticks of 1/100 s
}

await admin(adminUrl, `create database ${dbName}`);
try {
  await admin(adminUrl, `alter database ${dbName} set track_functions = 'all'`);
  if (explain) {
    await admin(adminUrl, `alter database ${dbName} set session_preload_libraries = 'auto_explain'`);
    for (const [k, v] of [['log_min_duration', '0'], ['log_analyze', 'on'], ['log_buffers', 'on'], ['log_wal', 'on'], ['log_nested_statements', 'on'], ['log_timing', 'on']]) {
      await admin(adminUrl, `alter database ${dbName} set auto_explain.${k} = '${v}'`);
    }
  }
  const database = await openPostgres(url, { max: 1 });
  const log = createLogger('silent');
  const secrets = makeSecrets('bench-secret-bench-secret-bench-secret-0123');
  const queue = await startWorker({ database, log, handlers: [...platformJobs, mailJob({ secrets, mailer: { mode: 'outbox', send: async () => {} } }), smsJob({ secrets, sender: { mode: 'outbox', send: async () => {} } }), ...dossierJobs({ baseUrl: 'http://bench', secrets })], work: false });
  await database.migrate();
  const { drafts } = await prepareDrafts(database, path.join(dir, 'files'), warmup + count);
  const [{ pid }] = (await queryRows<{ pid: number }>(database.db, sql`select pg_backend_pid() as pid`)) as [{ pid: number }];
  const file = (d: (typeof drafts)[number]) =>
    submitDossier({ ...d.ctx, now: () => new Date() }, { baseUrl: 'http://bench', secrets }, d.id, { ...d.form, applicantName: 'Nguyễn Văn Bình', applicantIdNumber: '001090001234', applicantEmail: 'binh@example.vn', submissionKey: randomUUID() });
  for (const d of drafts.slice(0, warmup)) await file(d);
  // Function statistics of the measured submissions only: what is pending is flushed, then the database's reset.
  await database.db.execute(sql`select pg_stat_force_next_flush()`);
  await database.db.execute(sql`select pg_stat_reset()`);
  const measured = explain ? drafts.slice(warmup, warmup + 3) : drafts.slice(warmup);
  const profiler = process.env.PROFILE_CPU ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const cpu0 = process.cpuUsage();
  const pg0 = cpuOf(pid);
  const t0 = performance.now();
  recording = true;
  for (const d of measured) await file(d);
  recording = false;
  const wall = performance.now() - t0;
  const nodeCpu = process.cpuUsage(cpu0);
  const pgCpu = cpuOf(pid) - pg0;
  if (profiler) {
    const { profile } = await profiler.post('Profiler.stop');
    fs.writeFileSync(process.env.PROFILE_CPU!, JSON.stringify(profile));
    profiler.disconnect();
  }
  await queue.stop();
  await database.close();
  const n = measured.length;
  const total = [...trips.values()].reduce((a, t) => a + t.n, 0);
  const commits = trips.get('commit')?.n ?? 0;
  console.log(`${n} submissions, one at a time on one connection: ${(wall / n).toFixed(2)} ms each (wall)`);
  console.log(`round trips per submission: ${(total / n).toFixed(2)} (commits ${(commits / n).toFixed(2)})`);
  console.log(`CPU per submission: Node ${((nodeCpu.user + nodeCpu.system) / 1000 / n).toFixed(2)} ms, PostgreSQL backend ${(pgCpu / n).toFixed(2)} ms`);
  console.log('\nper submission: calls, ms of wall time, statement');
  for (const [text, t] of [...trips.entries()].sort((a, b) => b[1].ms - a[1].ms)) console.log(`${(t.n / n).toFixed(2).padStart(5)} ${(t.ms / n).toFixed(3).padStart(7)}  ${text}`);
  // The backend has exited, so its function statistics have been flushed.
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const fns = await client.query<{ funcname: string; calls: string; total: number; self: number }>('select funcname, calls, total_time as total, self_time as self from pg_stat_user_functions where calls > 0 order by total_time desc');
  await client.end();
  console.log('\nfunctions and triggers, per submission: calls, total ms, self ms');
  for (const f of fns.rows) console.log(`${(Number(f.calls) / n).toFixed(2).padStart(5)} ${(f.total / n).toFixed(3).padStart(7)} ${(f.self / n).toFixed(3).padStart(7)}  ${f.funcname}`);
  if (explain) console.log(`\nplans: grep -A80 'duration' in PostgreSQL's log, database ${dbName}`);
} finally {
  await admin(adminUrl, `drop database if exists ${dbName} with (force)`);
  fs.rmSync(dir, { recursive: true, force: true });
}
