import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../../src/platform/db/client.js';
import { adminUrl, ensureTemplate, pgTemplateName, pgliteTemplateDir } from './template.js';

export const engine: 'pglite' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/**
 * A fresh, migrated database of the engine under test, private to the caller: a copy of the template
 * directory for PGlite, a database cloned from the template for PostgreSQL. close() removes it.
 */
export async function openTestDatabase(): Promise<Database> {
  await ensureTemplate();
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `congso_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl(url) });
    await admin.connect();
    await admin.query(`create database ${name} template ${pgTemplateName()}`);
    await admin.end();
    const db = await openPostgres(adminUrl(url, name), { max: 5 });
    return {
      ...db,
      close: async () => {
        await db.close();
        const a = new pg.Client({ connectionString: adminUrl(url) });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congso-test-'));
  fs.cpSync(pgliteTemplateDir(), dir, { recursive: true });
  const db = await openPglite(dir);
  return {
    ...db,
    close: async () => {
      await db.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
