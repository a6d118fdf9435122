import { and, eq, ne, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.js';
import { roleAssignments, users } from '../schema.js';

/**
 * Serialises changes that could leave the province without an active system administrator, so two
 * administrators removing each other at the same moment cannot both succeed.
 */
export async function lockAdminRoster(db: Tx): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(7420002)`);
}

/** Whether any active account other than this one holds system_admin. */
export async function anotherActiveSystemAdmin(db: Tx, userId: string): Promise<boolean> {
  const rows = await db
    .select({ id: users.id })
    .from(roleAssignments)
    .innerJoin(users, eq(users.id, roleAssignments.userId))
    .where(and(eq(roleAssignments.role, 'system_admin'), eq(users.active, true), ne(users.id, userId)))
    .limit(1);
  return rows.length > 0;
}
