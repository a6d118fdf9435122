import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { users } from '../../src/accounts/schema.js';
import { generateDossiers } from '../../src/demo/dossiers.js';
import { seedDemo } from '../../src/demo/seed-demo.js';
import { systemActor } from '../../src/platform/auth/system-actor.js';
import type { Actor, Ctx } from '../../src/platform/context.js';
import { type Database, openPglite, openPostgres, queryRows } from '../../src/platform/db/client.js';
import { platformJobs } from '../../src/platform/jobs/platform-jobs.js';
import { startWorker } from '../../src/platform/jobs/worker.js';
import { createLogger } from '../../src/platform/logger.js';
import { mailJob } from '../../src/platform/mail/mail-job.js';
import { makeSecrets } from '../../src/platform/secrets.js';
import { smsJob } from '../../src/platform/sms/sms-job.js';
import { LocalFileStorage } from '../../src/platform/storage/local-storage.js';
import { dossierJobs } from '../../src/services/dossiers/deadline-jobs.js';
import { attachDocument } from '../../src/services/dossiers/attach-document.js';
import { processingInbox } from '../../src/services/dossiers/inbox-queries.js';
import { startDossier } from '../../src/services/dossiers/start-dossier.js';
import { submitDossier } from '../../src/services/dossiers/submit-dossier.js';
import { readDossierStatistics } from '../../src/services/statistics/read-dossier-statistics.js';
import { procedureAgencies, procedureVersions, procedures } from '../../src/services/procedures/schema.js';
import { admin, engineSkipNote, engines } from '../lib/engines.js';
import { openKeptStore } from '../lib/kept-store.js';
import { percentile, round } from '../lib/stats.js';
import type { SubmitDraft, SubmitWork } from '../lib/submit-worker.js';
import type { BenchContext, Engine, ResultRow } from '../lib/types.js';

export const name = 'dossiers';
export const description = 'durable dossier submissions per second, and an officer’s inbox and the Decision 766 dashboard over 1,000,000 generated dossiers, in process, per engine';

const DOSSIERS = positiveInt('BENCH_DOSSIERS', 1_000_000);
const SUBMISSIONS = positiveInt('BENCH_SUBMISSIONS', 2000);
const CONCURRENCY = positiveInt('BENCH_SUBMIT_CONCURRENCY', 16);
/**
 * On PostgreSQL the filings come from this many threads, each with its own pool and event loop, as from that many
 * server processes sharing the database (congso on PostgreSQL runs several; on PGlite one process owns the data).
 */
const THREADS = positiveInt('BENCH_SUBMIT_THREADS', 2);
const ROUNDS = positiveInt('BENCH_DOSSIER_ROUNDS', 30);
/** A fixed clock, so the generated year and the report's period are the same every run. */
const NOW = new Date('2026-06-30T03:00:00Z');
const GOALS = { submissions: 500, inboxP95: 50, dashboardP95: 500 };
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');

function positiveInt(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${variable} must be a whole number ≥ 1, not ${JSON.stringify(raw)}`);
  return n;
}

const log = createLogger('silent');
const ctxOf = (database: Database, actor: Actor | null, now = () => NOW): Ctx => ({ db: database.db, actor, now, ip: null, requestId: null, locale: 'vi', log: log as never });

export async function run(ctx: BenchContext): Promise<ResultRow[]> {
  const rows: ResultRow[] = [];
  for (const engine of engines) {
    const skip = engineSkipNote(engine, ctx.postgres);
    if (skip) {
      rows.push({ case: 'submissions / inbox / dashboard', engine, metrics: [], note: skip });
      continue;
    }
    rows.push(await submissions(ctx, engine));
    rows.push(...(await queries(ctx, engine)));
  }
  return rows;
}

/** A fresh database with the demo province, drafts ready to file (untimed), then filed concurrently (timed). */
async function submissions(ctx: BenchContext, engine: Engine): Promise<ResultRow> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congso-bench-dossiers-'));
  ctx.cleanup.add(`folder ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true }));
  let database: Database;
  let url: string | null = null;
  if (engine === 'pglite') database = await openPglite(path.join(dir, 'db'));
  else {
    if (!ctx.postgres.available) throw new Error('PostgreSQL is not reachable');
    const dbName = `congso_bench_submit_${randomUUID().slice(0, 8)}`;
    await admin(ctx.postgres.adminUrl, `create database ${dbName}`);
    ctx.cleanup.add(`database ${dbName}`, () => admin(ctx.postgres.adminUrl, `drop database if exists ${dbName} with (force)`));
    const u = new URL(ctx.postgres.adminUrl);
    u.pathname = `/${dbName}`;
    url = u.toString();
    database = await openPostgres(url, { max: CONCURRENCY });
  }
  const secret = 'bench-secret-bench-secret-bench-secret-0123';
  const secrets = makeSecrets(secret);
  // The queue files the applicant's mail and the step reminders inside each submission; nothing runs them here.
  const worker = await startWorker({ database, log, handlers: [...platformJobs, mailJob({ secrets, mailer: { mode: 'outbox', send: async () => {} } }), smsJob({ secrets, sender: { mode: 'outbox', send: async () => {} } }), ...dossierJobs({ baseUrl: 'http://bench', secrets })], work: false });
  try {
    await database.migrate();
    const { drafts, offers } = await prepareDrafts(database, path.join(dir, 'files'), SUBMISSIONS);
    const agencyCount = new Set(offers.map((o) => o.agencyId)).size;
    const seconds = url ? await fileInThreads(url, drafts, secret) : await fileInProcess(drafts, secrets);
    const [{ n }] = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from dossiers where state = 'submitted'`)) as [{ n: number }];
    const rate = n / seconds;
    ctx.log(`${engine}: ${n} submissions to ${agencyCount} agencies in ${round(seconds)} s = ${round(rate)}/s`);
    return {
      case: `submissions (${n} drafts with an attachment, ${offers.length} procedure × agency offers over ${agencyCount} agencies, ${engine === 'pglite' ? '1 at a time' : `${THREADS} threads × ${CONCURRENCY} at a time`})`,
      engine,
      metrics: [{ label: 'submissions', value: round(rate), unit: '/s' }],
      note: engine === 'postgres' ? `goal ≥ ${GOALS.submissions}/s: ${rate >= GOALS.submissions ? 'met' : 'NOT met'}; each commits the dossier, its code, log entry, audit entry and mail job` : 'one connection: submissions are serialised',
    };
  } finally {
    await worker.stop();
    await database.close();
  }
}

/**
 * The demo province seeded into a migrated database and `count` drafts ready to file, each with its required
 * attachments (untimed; the profile in bench/submit-profile.ts prepares the same).
 */
export async function prepareDrafts(database: Database, filesDir: string, count: number): Promise<{ drafts: (SubmitDraft & { ctx: Ctx })[]; offers: { code: string; agencyId: string }[] }> {
  const system = ctxOf(database, systemActor('bench'), () => new Date());
  await seedDemo(system);
  // A province's filings go to many agencies at once: the drafts are spread round-robin over every agency that
  // resolves a fully-online demo procedure, as citizens of different communes and departments file side by side.
  const offers = await database.db
    .select({ code: procedures.code, agencyId: procedureAgencies.agencyId })
    .from(procedures)
    .innerJoin(procedureVersions, eq(procedureVersions.id, procedures.currentVersionId))
    .innerJoin(procedureAgencies, eq(procedureAgencies.procedureId, procedures.id))
    .where(eq(procedures.level, 'full_online'))
    .orderBy(procedures.code, procedureAgencies.agencyId);
  const storage = new LocalFileStorage({ root: filesDir, maxBytes: 1 << 20 });
  const drafts: (SubmitDraft & { ctx: Ctx })[] = [];
  const forms = new Map<string, Record<string, string>>();
  for (let i = 0; i < count; i++) {
    const offer = offers[i % offers.length]!;
    const [u] = await database.db.insert(users).values({ kind: 'citizen', email: `bench${i}@example.vn`, fullName: `Công Dân ${i}` }).returning();
    const c = ctxOf(database, { userId: u!.id, kind: 'citizen', label: u!.fullName, agencyId: null, grants: [] }, () => new Date());
    const draft = await startDossier(c, offer.code, { agencyId: offer.agencyId });
    const docs = await queryRows<{ code: string }>(database.db, sql`select d->>'code' as code from procedure_versions v, jsonb_array_elements(v.definition->'documents') d where v.id = ${draft.procedureVersionId} and (d->>'required')::boolean and (d->>'electronicCopyAccepted')::boolean`);
    for (const d of docs) await attachDocument(c, storage, 1 << 20, draft.id, d.code, { name: 'giay-to.pdf', content: PDF });
    if (!forms.has(offer.code)) forms.set(offer.code, await answersFor(database, draft.id));
    drafts.push({ ctx: c, actor: c.actor!, id: draft.id, form: forms.get(offer.code)! });
  }
  return { drafts, offers };
}

/** One connection, one at a time (PGlite): seconds taken. */
async function fileInProcess(drafts: (SubmitDraft & { ctx: Ctx })[], secrets: ReturnType<typeof makeSecrets>): Promise<number> {
  const t0 = performance.now();
  for (const d of drafts) {
    await submitDossier(d.ctx, { baseUrl: 'http://bench', secrets }, d.id, { ...d.form, applicantName: 'Nguyễn Văn Bình', applicantIdNumber: '001090001234', applicantEmail: 'binh@example.vn', submissionKey: randomUUID() });
  }
  return (performance.now() - t0) / 1000;
}

/** The drafts dealt out to THREADS threads, each connected and waiting before the clock starts: seconds taken. */
async function fileInThreads(url: string, drafts: SubmitDraft[], secret: string): Promise<number> {
  const workers = Array.from({ length: THREADS }, (_, t) => {
    const work: SubmitWork = { url, concurrency: CONCURRENCY, secret, drafts: drafts.filter((_, i) => i % THREADS === t).map(({ id, actor, form }) => ({ id, actor, form })) };
    // A thread does not inherit the TypeScript loader on Node 20: it registers tsx, then loads the worker's module.
    const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(new URL('../lib/submit-worker.ts', import.meta.url).href)}); })`;
    return new Worker(boot, { eval: true, workerData: work });
  });
  const message = (w: Worker, expected: string) =>
    new Promise<void>((resolve, reject) => {
      w.once('error', reject);
      w.once('message', (m) => (m === expected ? resolve() : reject(new Error(`thread said ${String(m)}`))));
    });
  try {
    await Promise.all(workers.map((w) => message(w, 'ready')));
    const t0 = performance.now();
    const done = workers.map((w) => message(w, 'done'));
    for (const w of workers) w.postMessage('go');
    await Promise.all(done);
    return (performance.now() - t0) / 1000;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** The e-form answers the demo procedure needs, valid for every draft of it. */
async function answersFor(database: Database, draftId: string): Promise<Record<string, string>> {
  const rows = await queryRows<{ name: string; type: string; options: { value: string }[] | null; min: number | null; pattern: string | null }>(
    database.db,
    sql`select f->>'name' as name, f->>'type' as type, f->'options' as options, (f->>'min')::float as min, f->>'pattern' as pattern
        from dossiers d join procedure_versions v on v.id = d.procedure_version_id,
        jsonb_array_elements(v.definition->'form'->'sections') s, jsonb_array_elements(s->'fields') f where d.id = ${draftId}`,
  );
  const out: Record<string, string> = {};
  for (const f of rows) {
    if (f.type === 'number') out[`f_${f.name}`] = String(f.min ?? 1);
    else if (f.type === 'date') out[`f_${f.name}`] = '01/01/2000';
    else if (f.type === 'email') out[`f_${f.name}`] = 'a@example.vn';
    else if (f.type === 'phone') out[`f_${f.name}`] = '0912345678';
    else if (f.type === 'id_number') out[`f_${f.name}`] = '001090001234';
    else if (f.type === 'checkbox') out[`f_${f.name}`] = 'on';
    else if (f.options?.length) out[`f_${f.name}`] = f.options[0]!.value;
    // A text with a pattern (a tax code) gets the first sample it accepts.
    else out[`f_${f.name}`] = ['Nội dung đề nghị', '0101234567', '001090001234'].find((v) => !f.pattern || new RegExp(f.pattern, 'u').test(v)) ?? 'Nội dung đề nghị';
  }
  return out;
}

/** The inbox of a specialist of the busiest agency and the province-wide dashboard of this year, over the kept set. */
async function queries(ctx: BenchContext, engine: Engine): Promise<ResultRow[]> {
  const store = await openKeptStore(ctx, engine, {
    kind: 'dossiers',
    size: DOSSIERS,
    keyFiles: ['src/demo/dossiers.ts', 'src/demo/seed-demo.ts', 'src/demo/seed-services.ts', 'src/demo/services-data.ts', 'bench/scenarios/dossiers.ts'],
    fresh: process.env.BENCH_DOSSIERS_FRESH === '1',
    build: async (database) => {
      const system = ctxOf(database, systemActor('bench'));
      await seedDemo(system);
      let last = 0;
      await generateDossiers(system, {
        count: DOSSIERS,
        now: NOW,
        batch: 2000,
        onProgress: (done, total) => {
          if (done - last >= 100_000 || done === total) ctx.log(`${engine}: dossiers ${done}/${total}`);
          if (done - last >= 100_000) last = done;
        },
      });
    },
  });
  try {
    ctx.log(store.buildSeconds === null ? `${engine}: reusing ${DOSSIERS} dossiers from ${store.label}` : `${engine}: ${DOSSIERS} dossiers generated in ${round(store.buildSeconds)} s, kept in ${store.label}`);
    const [busiest] = await queryRows<{ agency_id: string; n: number }>(
      store.database.db,
      sql`select agency_id, count(*)::int as n from dossiers where state in ('received', 'processing') and step_role = 'specialist' group by agency_id order by n desc limit 1`,
    );
    const specialist = ctxOf(store.database, { userId: randomUUID(), kind: 'official', label: 'bench', agencyId: busiest!.agency_id, grants: [{ role: 'specialist', agencyId: busiest!.agency_id, includeDescendants: false }] });
    const provinceAdmin = ctxOf(store.database, { userId: randomUUID(), kind: 'official', label: 'bench', agencyId: null, grants: [{ role: 'system_admin', agencyId: null, includeDescendants: false }] });
    const inbox = await timeIt(async () => {
      await processingInbox(specialist, 'role', 1);
    });
    const dashboard = await timeIt(async () => {
      await readDossierStatistics(provinceAdmin, { tu: '01/01/2026', den: '30/06/2026' });
    });
    const p95 = (xs: number[]) => round(percentile(xs, 95));
    return [
      {
        case: `specialist’s inbox, page 1 (${busiest!.n} dossiers waiting at the agency; ${DOSSIERS} in all)`,
        engine,
        metrics: [
          { label: 'p50', value: round(percentile(inbox, 50)), unit: 'ms' },
          { label: 'p95', value: p95(inbox), unit: 'ms' },
        ],
        note: engine === 'postgres' ? `goal p95 ≤ ${GOALS.inboxP95} ms: ${p95(inbox) <= GOALS.inboxP95 ? 'met' : 'NOT met'}` : undefined,
      },
      {
        case: `766 dashboard, whole province, 6 months (${DOSSIERS} dossiers)`,
        engine,
        metrics: [
          { label: 'p50', value: round(percentile(dashboard, 50)), unit: 'ms' },
          { label: 'p95', value: p95(dashboard), unit: 'ms' },
        ],
        note: engine === 'postgres' ? `goal p95 ≤ ${GOALS.dashboardP95} ms: ${p95(dashboard) <= GOALS.dashboardP95 ? 'met' : 'NOT met'}` : undefined,
      },
    ];
  } finally {
    await store.dispose();
  }
}

async function timeIt(work: () => Promise<void>): Promise<number[]> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const t0 = performance.now();
    await work();
    times.push(performance.now() - t0);
  }
  return times;
}
