import { createHash, randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { generateCorpus } from '../../src/demo/corpus.js';
import { systemActor } from '../../src/platform/auth/system-actor.js';
import type { Ctx } from '../../src/platform/context.js';
import { type Database, openPglite, openPostgres } from '../../src/platform/db/client.js';
import { createLogger } from '../../src/platform/logger.js';
import { agencies } from '../../src/org/schema.js';
import { sites } from '../../src/portal/schema.js';
import { indexSearchEntry } from '../../src/portal/search/search-index.js';
import { admin } from './engines.js';
import type { BenchContext, Engine } from './types.js';

/** The corpus generator's seed: the same seed always gives the same articles. */
const SEED = 1;

/** A clock fixed inside the corpus's date range, so "newest first" and date filters see the same data every run. */
export const BENCH_NOW = new Date('2026-01-15T02:00:00Z');

export function benchCtx(database: Database): Ctx {
  return { db: database.db, actor: null, now: () => BENCH_NOW, ip: null, requestId: null, locale: 'vi', log: createLogger('silent') as never };
}

/** Legal documents with numbers, so number searches have something to find (the corpus has only news). */
export function legalDocumentCount(articles: number): number {
  return Math.max(100, Math.round(articles / 100));
}

/** The provincial portal, the demo corpus generator's articles on it, and numbered legal documents. */
async function seed(ctx: BenchContext, base: Ctx, articles: number): Promise<void> {
  const db = base.db;
  const [agency] = await db.insert(agencies).values({ code: 'BENCH.01', name: 'UBND tỉnh Thử', type: 'people_committee' }).returning();
  const [site] = await db.insert(sites).values({ agencyId: agency!.id, slug: 'cong-tinh', isMain: true, name: 'Cổng thông tin điện tử tỉnh' }).returning();
  let last = 0;
  await generateCorpus(
    { ...base, actor: systemActor('bench') },
    {
      articles,
      seed: SEED,
      onProgress: (done, total) => {
        if (done - last >= 20_000 || done === total) ctx.log(`corpus ${done}/${total}`);
        if (done - last >= 20_000) last = done;
      },
    },
  );
  const bodies = ['Ủy ban nhân dân', 'Hội đồng nhân dân', 'Sở Nội vụ', 'Sở Tài chính'];
  const count = legalDocumentCount(articles);
  for (let i = 1; i <= count; i++) {
    // Numbers 1, 1, 2, 2, … in 2025 and 2024: "15/2025/QĐ-UBND" and "42/2024/qd-ubnd" of the mix exist.
    const year = i % 2 ? 2025 : 2024;
    const id = randomUUID();
    await indexSearchEntry(db, {
      entityType: 'legal',
      entityId: id,
      siteId: site!.id,
      title: `Quyết định ${Math.ceil(i / 2)}/${year}/QĐ-UBND về việc ban hành quy định quản lý số ${i}`,
      summary: `${bodies[i % bodies.length]} ban hành quy định.`,
      url: `/van-ban/${id}`,
      publishedAt: new Date(Date.UTC(year, i % 12, 1 + (i % 28))),
    });
  }
}

/**
 * What the stored corpus depends on: the schema, the generator, how entries are indexed and folded, this seed, and
 * for PGlite its version (a data folder is tied to it). Any change gives a new key, so a stale corpus is never used.
 */
function corpusKey(root: string, engine: Engine): string {
  const hash = createHash('sha256');
  const files = [
    ...fs.readdirSync(path.join(root, 'migrations'), { recursive: true, encoding: 'utf8' }).map((f) => path.join('migrations', f)),
    'src/demo/corpus.ts',
    'src/demo/corpus-words.ts',
    'src/portal/import/publish-rows.ts',
    'src/portal/search/search-index.ts',
    'src/portal/text/search-text.ts',
    'src/portal/text/slug.ts',
    'bench/lib/search-corpus.ts',
  ].sort();
  for (const f of files) {
    const full = path.join(root, f);
    if (fs.statSync(full).isFile()) hash.update(f).update(fs.readFileSync(full));
  }
  if (engine === 'pglite') hash.update(fs.readFileSync(path.join(root, 'node_modules/@electric-sql/pglite/package.json')));
  return hash.digest('hex').slice(0, 10);
}

export type CorpusStore = {
  database: Database;
  /** Seconds spent generating and indexing, or null when a stored corpus was reused. */
  seedSeconds: number | null;
  /** Where the corpus is kept, for the report. */
  label: string;
  /** Closes the connection; the stored corpus stays for the next run. */
  dispose(): Promise<void>;
};

/**
 * The corpus of `articles` articles on the engine, from bench/.cache (PGlite folder) or a kept database
 * congso_bench_search_<n>_s<seed>_<key> (PostgreSQL) when an earlier run built it, otherwise built now under a
 * temporary name and renamed once complete, so an interrupted build is never taken for a corpus. Searching only
 * reads, so the kept copy is used in place. BENCH_SEARCH_FRESH=1 rebuilds it.
 */
export async function openCorpus(ctx: BenchContext, engine: Engine, articles: number): Promise<CorpusStore> {
  const key = corpusKey(ctx.root, engine);
  const fresh = process.env.BENCH_SEARCH_FRESH === '1';
  return engine === 'pglite' ? openPgliteCorpus(ctx, articles, key, fresh) : openPostgresCorpus(ctx, articles, key, fresh);
}

async function build(ctx: BenchContext, database: Database, articles: number): Promise<number> {
  await database.migrate();
  const t0 = performance.now();
  await seed(ctx, benchCtx(database), articles);
  const seconds = (performance.now() - t0) / 1000;
  // Planner statistics and the visibility map as autovacuum would leave them on a portal that has been running,
  // so a freshly built corpus and a reused one are searched in the same state.
  await database.db.execute(sql`vacuum analyze`);
  return seconds;
}

async function openPgliteCorpus(ctx: BenchContext, articles: number, key: string, fresh: boolean): Promise<CorpusStore> {
  const cacheDir = path.join(ctx.root, 'bench', '.cache');
  fs.mkdirSync(cacheDir, { recursive: true });
  // Keeps the corpora out of git without touching the repository's .gitignore.
  fs.writeFileSync(path.join(cacheDir, '.gitignore'), '*\n');
  const prefix = `search-pglite-${articles}-s${SEED}-`;
  const dir = path.join(cacheDir, `${prefix}${key}`);
  for (const entry of fs.readdirSync(cacheDir)) {
    // Corpora of this size built from other code are of no further use. Unfinished builds are left alone: one may
    // belong to a run going on right now (an interrupted run removes its own).
    const stale = entry.startsWith(prefix) && !entry.includes('.building-') && entry !== `${prefix}${key}`;
    if (stale || (fresh && entry === `${prefix}${key}`)) fs.rmSync(path.join(cacheDir, entry), { recursive: true, force: true });
  }
  let seedSeconds: number | null = null;
  if (!fs.existsSync(dir)) {
    const building = `${dir}.building-${randomBytes(4).toString('hex')}`;
    const removeBuilding = ctx.cleanup.add(`folder ${building}`, () => fs.rmSync(building, { recursive: true, force: true }));
    const database = await openPglite(building);
    try {
      seedSeconds = await build(ctx, database, articles);
    } finally {
      await database.close();
    }
    fs.renameSync(building, dir);
    await removeBuilding();
  }
  const database = await openPglite(dir);
  const release = ctx.cleanup.add(`pglite connection ${dir}`, () => database.close());
  return { database, seedSeconds, label: path.relative(ctx.root, dir), dispose: release };
}

async function listDatabases(adminUrl: string, like: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    const res = await client.query<{ datname: string }>('select datname from pg_database where datname like $1', [like]);
    return res.rows.map((r) => r.datname);
  } finally {
    await client.end();
  }
}

function databaseUrl(adminUrl: string, name: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function openPostgresCorpus(ctx: BenchContext, articles: number, key: string, fresh: boolean): Promise<CorpusStore> {
  if (!ctx.postgres.available) throw new Error(`PostgreSQL is not reachable: ${ctx.postgres.reason}`);
  const { adminUrl } = ctx.postgres;
  const prefix = `congso_bench_search_${articles}_s${SEED}_`;
  const name = `${prefix}${key}`;
  const existing = await listDatabases(adminUrl, 'congso_bench_search_%');
  for (const db of existing) {
    if ((db.startsWith(prefix) && db !== name) || (fresh && db === name)) await admin(adminUrl, `drop database if exists ${db} with (force)`);
  }
  let seedSeconds: number | null = null;
  if (fresh || !existing.includes(name)) {
    const building = `congso_bench_search_tmp_${randomBytes(5).toString('hex')}`;
    await admin(adminUrl, `create database ${building}`);
    // After the rename this finds nothing to drop; before it, an interrupted build is removed.
    const dropBuilding = ctx.cleanup.add(`database ${building}`, () => admin(adminUrl, `drop database if exists ${building} with (force)`));
    const database = await openPostgres(databaseUrl(adminUrl, building), { max: 2 });
    try {
      seedSeconds = await build(ctx, database, articles);
    } finally {
      await database.close();
    }
    await admin(adminUrl, `alter database ${building} rename to ${name}`);
    await dropBuilding();
  }
  const database = await openPostgres(databaseUrl(adminUrl, name), { max: 2 });
  const release = ctx.cleanup.add(`postgres connection ${name}`, () => database.close());
  return { database, seedSeconds, label: `database ${name}`, dispose: release };
}
