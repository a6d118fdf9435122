import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { type Database, openPglite, openPostgres } from '../../src/platform/db/client.js';
import { adminUrl, ensureTemplate, pgTemplateName, pgliteTemplateDump } from './template.js';

export const engine: 'pglite' | 'postgres' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

let templateDump: Blob | undefined;

/**
 * A fresh, migrated database of the engine under test, private to the caller: an in-memory PGlite loaded from the
 * template's dump, a database cloned from the template for PostgreSQL. close() removes it.
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
  templateDump ??= new Blob([fs.readFileSync(pgliteTemplateDump())]);
  return openPglite(null, { load: templateDump });
}
