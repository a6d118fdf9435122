import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { migrationsFolder, queryRows, type Db } from './client.js';

type Journal = { entries: { tag: string; when: number }[] };

function journal(): Journal {
  return JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as Journal;
}

/** The committed migrations and how many of them the database has applied. */
export async function migrationStatus(db: Db): Promise<{ expected: number; applied: number }> {
  const expected = journal().entries.length;
  try {
    const rows = await queryRows<{ n: number | string }>(db, sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
    return { expected, applied: Number(rows[0]?.n ?? 0) };
  } catch {
    return { expected, applied: 0 };
  }
}
