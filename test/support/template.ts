import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import pg from 'pg';
import lockfile from 'proper-lockfile';
import { type Database, openPglite, openPostgres } from '../../src/platform/db/client.js';
import { platformJobs } from '../../src/platform/jobs/platform-jobs.js';
import { startWorker } from '../../src/platform/jobs/worker.js';
import { createLogger } from '../../src/platform/logger.js';
import { migrationsFolder, projectRoot } from '../../src/platform/paths.js';

/**
 * Changes whenever a migration or the job queue's version changes (pg-boss installs its own tables), so a stale
 * template is never reused.
 */
export function templateHash(): string {
  const h = createHash('sha256');
  for (const f of fs.readdirSync(migrationsFolder).sort()) {
    if (f.endsWith('.sql')) h.update(f).update(fs.readFileSync(path.join(migrationsFolder, f)));
  }
  h.update(fs.readFileSync(path.join(projectRoot, 'node_modules/pg-boss/package.json')));
  return h.digest('hex').slice(0, 12);
}

/**
 * Migrates, then starts and stops a job queue once, so its `pgboss` schema and the platform's queues are in the
 * template and each test's worker only has to check them.
 */
async function prepare(db: Database): Promise<void> {
  await db.migrate();
  const worker = await startWorker({ database: db, log: createLogger('silent'), handlers: platformJobs, work: false });
  await worker.stop();
}

export const cacheDir = path.join(projectRoot, '.test-cache');

export function pgliteTemplateDir(): string {
  return path.join(cacheDir, `pglite-${templateHash()}`);
}

/**
 * The template directory as one tar file: a test loads it into an in-memory PGlite, which spares each test the
 * copy of the directory and, above all, the checkpoint written to disk when a file-backed database closes.
 */
export function pgliteTemplateDump(): string {
  return path.join(cacheDir, `pglite-${templateHash()}.tar`);
}

export function pgTemplateName(): string {
  return `congso_tpl_${templateHash()}`;
}

export function adminUrl(url: string, database = 'postgres'): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * A migrated, empty database that every test copies: a directory for PGlite, a template database for
 * PostgreSQL. Built once per migration set; a lock keeps parallel test files from building it twice.
 */
export async function ensureTemplate(): Promise<void> {
  fs.mkdirSync(cacheDir, { recursive: true });
  const release = await lockfile.lock(cacheDir, { lockfilePath: path.join(cacheDir, 'template.lock'), retries: { retries: 120, minTimeout: 250, maxTimeout: 1000 }, stale: 60_000 });
  try {
    const url = process.env.DATABASE_URL;
    if (url) {
      const admin = new pg.Client({ connectionString: adminUrl(url) });
      await admin.connect();
      try {
        const name = pgTemplateName();
        const exists = await admin.query('select 1 from pg_database where datname = $1', [name]);
        if (exists.rowCount) return;
        await admin.query(`create database ${name}_build`).catch(async () => {
          await admin.query(`drop database ${name}_build`);
          await admin.query(`create database ${name}_build`);
        });
        const db = await openPostgres(adminUrl(url, `${name}_build`), { max: 1 });
        try {
          await prepare(db);
        } finally {
          await db.close();
        }
        await admin.query(`alter database ${name}_build rename to ${name}`);
      } finally {
        await admin.end();
      }
    } else {
      const dir = pgliteTemplateDir();
      if (fs.existsSync(path.join(dir, 'ready')) && fs.existsSync(pgliteTemplateDump())) return;
      fs.rmSync(dir, { recursive: true, force: true });
      const db = await openPglite(dir);
      try {
        await prepare(db);
      } finally {
        await db.close();
      }
      fs.rmSync(path.join(dir, 'congso.lock'), { recursive: true, force: true });
      const raw = await PGlite.create({ dataDir: path.join(dir, 'pgdata'), extensions: { pg_trgm, unaccent } });
      try {
        fs.writeFileSync(pgliteTemplateDump(), Buffer.from(await (await raw.dumpDataDir('none')).arrayBuffer()));
      } finally {
        await raw.close();
      }
      fs.writeFileSync(path.join(dir, 'ready'), new Date().toISOString());
    }
  } finally {
    await release();
  }
}
