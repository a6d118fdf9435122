import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { ExtractTablesWithRelations, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgSession, PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import * as schema from '../../schema.js';
import { migrationsFolder } from '../paths.js';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a query can run on: the database or an open transaction. */
export type Queryable = Db | Tx;

export type Database = {
  db: Db;
  engine: 'pglite' | 'postgres';
  /** Where it lives, for messages: the data directory or the URL without its password. */
  location: string;
  migrate(): Promise<void>;
  close(): Promise<void>;
  /**
   * Calls onMessage with the payload of every NOTIFY on the channel, from any process sharing the database, after the
   * notifying transaction commits. onReset is called when notifications may have been missed (the listening
   * connection was lost and is being re-established), so the caller can drop whatever the messages keep fresh.
   */
  listen(channel: string, onMessage: (payload: string) => void, onReset: () => void): Promise<() => Promise<void>>;
};

export class DatabaseUnavailableError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseUnavailableError';
  }
}

export { migrationsFolder };

function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'postgres://…';
  }
}

export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, connectionTimeoutMillis: 5000 });
  // An idle client that loses its server must not crash the process; the next query reports the problem.
  pool.on('error', () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (err) {
    await pool.end().catch(() => {});
    const reason = err instanceof Error ? err.message : String(err);
    throw new DatabaseUnavailableError(
      `Không kết nối được PostgreSQL tại ${redactUrl(url)} (cannot connect to PostgreSQL): ${reason}`,
      { cause: err },
    );
  }
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    engine: 'postgres',
    location: redactUrl(url),
    migrate: () => migratePg(db as never, { migrationsFolder }),
    close: () => pool.end(),
    listen: (channel, onMessage, onReset) => listenPostgres(url, channel, onMessage, onReset),
  };
}

/**
 * The embedded database in a data directory (created if missing), or in memory when dataDir is null — empty, or
 * loaded from a dump of a data directory (tests start from a migrated one). PGlite is single-process: two
 * processes writing one directory silently lose data (stack-spike §5), so the directory is locked for as long as
 * it is open.
 */
export async function openPglite(dataDir: string | null, options: { load?: Blob } = {}): Promise<Database> {
  let release: (() => Promise<void>) | undefined;
  if (dataDir) {
    fs.mkdirSync(dataDir, { recursive: true });
    try {
      release = await lockfile.lock(dataDir, { lockfilePath: path.join(dataDir, 'congso.lock'), stale: 15_000, update: 5_000 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ELOCKED') {
        throw new DatabaseUnavailableError(
          `Thư mục dữ liệu ${dataDir} đang được một tiến trình congso khác sử dụng (the embedded database is already in use by another process). ` +
            'Dừng tiến trình kia, hoặc dùng PostgreSQL qua DATABASE_URL để chạy nhiều tiến trình.',
          { cause: err },
        );
      }
      throw err;
    }
  }
  let client: PGlite;
  try {
    client = await PGlite.create({
      dataDir: dataDir ? path.join(dataDir, 'pgdata') : undefined,
      loadDataDir: dataDir ? undefined : options.load,
      extensions: { pg_trgm, unaccent },
    });
  } catch (err) {
    await release?.();
    throw new DatabaseUnavailableError(`Không mở được cơ sở dữ liệu nhúng tại ${dataDir} (cannot open the embedded database)`, {
      cause: err,
    });
  }
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    engine: 'pglite',
    location: dataDir ?? 'memory://',
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    // One process owns a PGlite directory, so its own notifications are all there is; nothing can be missed.
    listen: async (channel, onMessage) => client.listen(assertChannel(channel), onMessage),
    close: async () => {
      await client.close();
      await release?.();
    },
  };
}

function assertChannel(channel: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`invalid channel name ${JSON.stringify(channel)}`);
  return channel;
}

const LISTEN_RETRY_MAX_MS = 30_000;

/**
 * A dedicated connection outside the pool (a pooled one would be handed to queries and lose its LISTEN). When it
 * drops, the caller is told to reset and the connection is re-established with growing delays until stopped.
 */
async function listenPostgres(url: string, channel: string, onMessage: (payload: string) => void, onReset: () => void): Promise<() => Promise<void>> {
  assertChannel(channel);
  let stopped = false;
  let client: pg.Client | null = null;
  let retryTimer: NodeJS.Timeout | null = null;
  let delay = 500;
  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
    c.on('notification', (msg) => {
      if (msg.channel === channel) onMessage(msg.payload ?? '');
    });
    c.on('error', () => lost(c));
    c.on('end', () => lost(c));
    await c.connect();
    await c.query(`LISTEN ${channel}`);
    client = c;
    delay = 500;
  };
  const lost = (c: pg.Client) => {
    if (stopped || client !== c) return;
    client = null;
    c.removeAllListeners('end');
    c.end().catch(() => {});
    onReset();
    retry();
  };
  const retry = () => {
    if (stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      connect().then(
        () => onReset(),
        () => {
          delay = Math.min(delay * 2, LISTEN_RETRY_MAX_MS);
          retry();
        },
      );
    }, delay);
    retryTimer.unref();
  };
  await connect();
  return async () => {
    stopped = true;
    if (retryTimer) clearTimeout(retryTimer);
    const c = client;
    client = null;
    if (c) {
      c.removeAllListeners('end');
      await c.end().catch(() => {});
    }
  };
}

export function openDatabase(cfg: { databaseUrl: string | undefined; dataDir: string }): Promise<Database> {
  return cfg.databaseUrl ? openPostgres(cfg.databaseUrl) : openPglite(cfg.dataDir);
}

/**
 * Rows of a statement of the hot paths whose text never changes, run as a named statement: PostgreSQL parses and
 * plans it once per connection instead of on every call, and no query is built in Node. The values are bound in
 * the order of $1, $2 … in the text; rows come back as from queryRows. On PGlite it is an ordinary query.
 */
export async function preparedRows<T>(db: Queryable, name: string, text: string, values: unknown[]): Promise<T[]> {
  // The session is Drizzle's own way to a named statement of the driver (internal in its types, public at run time).
  const { session } = db as unknown as { session: PgSession };
  const res = (await session.prepareQuery({ sql: text, params: values }, undefined, name, false).execute()) as { rows: T[] };
  return res.rows;
}

/** Rows of a raw SQL query; both drivers return { rows }, typed by the caller. */
export async function queryRows<T>(db: Queryable, query: SQL): Promise<T[]> {
  const res = (await db.execute(query)) as unknown as { rows: T[] };
  return res.rows;
}
