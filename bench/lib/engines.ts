import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Cleanup } from './cleanup.js';
import type { Engine } from './types.js';

export const DEFAULT_ADMIN_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

export type PostgresProbe =
  | { available: true; adminUrl: string; version: string }
  | { available: false; adminUrl: string; reason: string };

/** The admin URL without its password, for output. */
export function redact(url: string): string {
  const u = new URL(url);
  if (u.password) u.password = '***';
  return u.toString();
}

export async function probePostgres(adminUrl: string): Promise<PostgresProbe> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const res = await client.query<{ server_version: string }>('show server_version');
    return { available: true, adminUrl, version: res.rows[0]?.server_version ?? 'unknown' };
  } catch (err) {
    return { available: false, adminUrl, reason: err instanceof Error ? err.message : String(err) };
  } finally {
    await client.end().catch(() => {});
  }
}

/** One statement on the admin connection (create/drop/rename database cannot run inside a transaction). */
export async function admin(adminUrl: string, statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** Where a server keeps its data: a PGlite folder or a PostgreSQL database, plus how to remove it. */
export type Store = {
  engine: Engine;
  /** Environment that points the server at this store. */
  env: Record<string, string>;
  /** For messages: the folder or the database name. */
  label: string;
  dispose(): Promise<void>;
};

/**
 * A new, empty store. For PGlite a fresh temp folder (the server runs initdb in it); for PostgreSQL a fresh
 * database congso_bench_<random> created through the admin URL (the server then migrates it).
 */
export async function freshStore(engine: Engine, opts: { postgres: PostgresProbe; cleanup: Cleanup }): Promise<Store> {
  if (engine === 'pglite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congso-bench-pglite-'));
    const dispose = opts.cleanup.add(`folder ${dir}`, () => fs.rmSync(dir, { recursive: true, force: true }));
    return { engine, env: { CONGSO_DATA_DIR: dir }, label: dir, dispose };
  }
  if (!opts.postgres.available) throw new Error(`PostgreSQL is not reachable: ${opts.postgres.reason}`);
  const { adminUrl } = opts.postgres;
  const name = `congso_bench_${randomBytes(5).toString('hex')}`;
  await admin(adminUrl, `create database ${name}`);
  const dispose = opts.cleanup.add(`database ${name}`, () => admin(adminUrl, `drop database if exists ${name} with (force)`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { engine, env: { DATABASE_URL: url.toString() }, label: name, dispose };
}

/** Both engines, or those named in BENCH_ENGINES (`postgres`, `pglite`, comma-separated) for a run on one. */
export const engines: readonly Engine[] = (['pglite', 'postgres'] as const).filter((e) => !process.env.BENCH_ENGINES || process.env.BENCH_ENGINES.split(',').includes(e));

export function engineSkipNote(engine: Engine, postgres: PostgresProbe): string | null {
  if (engine === 'postgres' && !postgres.available) {
    return `skipped: PostgreSQL not reachable at ${redact(postgres.adminUrl)} (${postgres.reason}); set BENCH_DATABASE_URL`;
  }
  return null;
}
