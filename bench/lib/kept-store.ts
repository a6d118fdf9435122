import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../../src/platform/db/client.js';
import { admin } from './engines.js';
import type { BenchContext, Engine } from './types.js';

/**
 * Large data sets that take minutes to build (a search corpus, a million dossiers) are kept between runs: a folder
 * under bench/.cache for PGlite, a database congso_bench_<kind>_<size>_<key> for PostgreSQL. The key hashes the
 * migrations and the files that shape the data, so a stale set is never used; an interrupted build keeps a
 * temporary name and is never taken for a finished one. `fresh` rebuilds.
 */
export type KeptStoreSpec = {
  /** Short lower-case name, part of folder and database names. */
  kind: string;
  size: number;
  /** Repository files (besides migrations/) the data depends on. */
  keyFiles: string[];
  fresh: boolean;
  build(database: Database): Promise<void>;
};

export type KeptStore = {
  database: Database;
  /** Seconds spent building, or null when a kept set was reused. */
  buildSeconds: number | null;
  label: string;
  dispose(): Promise<void>;
};

function storeKey(root: string, engine: Engine, keyFiles: string[]): string {
  const hash = createHash('sha256');
  const files = [...fs.readdirSync(path.join(root, 'migrations'), { recursive: true, encoding: 'utf8' }).map((f) => path.join('migrations', f)), ...keyFiles].sort();
  for (const f of files) {
    const full = path.join(root, f);
    if (fs.statSync(full).isFile()) hash.update(f).update(fs.readFileSync(full));
  }
  if (engine === 'pglite') hash.update(fs.readFileSync(path.join(root, 'node_modules/@electric-sql/pglite/package.json')));
  return hash.digest('hex').slice(0, 10);
}

async function buildInto(spec: KeptStoreSpec, database: Database): Promise<number> {
  await database.migrate();
  const t0 = performance.now();
  await spec.build(database);
  const seconds = (performance.now() - t0) / 1000;
  // Planner statistics and the visibility map as autovacuum would leave them on a system that has been running,
  // so a freshly built set and a reused one are measured in the same state.
  await database.db.execute(sql`vacuum analyze`);
  return seconds;
}

export async function openKeptStore(ctx: BenchContext, engine: Engine, spec: KeptStoreSpec): Promise<KeptStore> {
  const key = storeKey(ctx.root, engine, spec.keyFiles);
  return engine === 'pglite' ? openPgliteStore(ctx, spec, key) : openPostgresStore(ctx, spec, key);
}

async function openPgliteStore(ctx: BenchContext, spec: KeptStoreSpec, key: string): Promise<KeptStore> {
  const cacheDir = path.join(ctx.root, 'bench', '.cache');
  fs.mkdirSync(cacheDir, { recursive: true });
  // Keeps the data out of git without touching the repository's .gitignore.
  fs.writeFileSync(path.join(cacheDir, '.gitignore'), '*\n');
  const prefix = `${spec.kind}-pglite-${spec.size}-`;
  const dir = path.join(cacheDir, `${prefix}${key}`);
  for (const entry of fs.readdirSync(cacheDir)) {
    // Sets of this size built from other code are of no further use. Unfinished builds are left alone: one may
    // belong to a run going on right now (an interrupted run removes its own).
    const stale = entry.startsWith(prefix) && !entry.includes('.building-') && entry !== `${prefix}${key}`;
    if (stale || (spec.fresh && entry === `${prefix}${key}`)) fs.rmSync(path.join(cacheDir, entry), { recursive: true, force: true });
  }
  let buildSeconds: number | null = null;
  if (!fs.existsSync(dir)) {
    const building = `${dir}.building-${randomBytes(4).toString('hex')}`;
    const removeBuilding = ctx.cleanup.add(`folder ${building}`, () => fs.rmSync(building, { recursive: true, force: true }));
    const database = await openPglite(building);
    try {
      buildSeconds = await buildInto(spec, database);
    } finally {
      await database.close();
    }
    fs.renameSync(building, dir);
    await removeBuilding();
  }
  const database = await openPglite(dir);
  const release = ctx.cleanup.add(`pglite connection ${dir}`, () => database.close());
  return { database, buildSeconds, label: path.relative(ctx.root, dir), dispose: release };
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

async function openPostgresStore(ctx: BenchContext, spec: KeptStoreSpec, key: string): Promise<KeptStore> {
  if (!ctx.postgres.available) throw new Error(`PostgreSQL is not reachable: ${ctx.postgres.reason}`);
  const { adminUrl } = ctx.postgres;
  const prefix = `congso_bench_${spec.kind}_${spec.size}_`;
  const name = `${prefix}${key}`;
  const existing = await listDatabases(adminUrl, `congso_bench_${spec.kind}_%`);
  for (const db of existing) {
    if ((db.startsWith(prefix) && db !== name) || (spec.fresh && db === name)) await admin(adminUrl, `drop database if exists ${db} with (force)`);
  }
  let buildSeconds: number | null = null;
  if (spec.fresh || !existing.includes(name)) {
    const building = `congso_bench_${spec.kind}_tmp_${randomBytes(5).toString('hex')}`;
    await admin(adminUrl, `create database ${building}`);
    // After the rename this finds nothing to drop; before it, an interrupted build is removed.
    const dropBuilding = ctx.cleanup.add(`database ${building}`, () => admin(adminUrl, `drop database if exists ${building} with (force)`));
    const database = await openPostgres(databaseUrl(adminUrl, building), { max: 2 });
    try {
      buildSeconds = await buildInto(spec, database);
    } finally {
      await database.close();
    }
    await admin(adminUrl, `alter database ${building} rename to ${name}`);
    await dropBuilding();
  }
  const database = await openPostgres(databaseUrl(adminUrl, name), { max: 4 });
  const release = ctx.cleanup.add(`postgres connection ${name}`, () => database.close());
  return { database, buildSeconds, label: `database ${name}`, dispose: release };
}
