import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict, NotFound } from '../../platform/errors.js';
import { roleAssignments } from '../schema.js';
import { anotherActiveSystemAdmin, lockAdminRoster } from './admin-roster.js';
import { grantsForAudit } from './assign-role.js';
import { requireCanGrant, requireForUser } from './authority.js';
import { assignmentsOfUser, findOfficial, isUuid } from './queries.js';

/**
 * Takes a role away; taking needs the same right as giving. The last active system administrator keeps
 * the role, or nobody could administer the platform any more.
 */
export async function removeRole(ctx: Ctx, userId: string, assignmentId: string): Promise<void> {
  const user = await findOfficial(ctx.db, userId);
  if (!user || !isUuid(assignmentId)) throw new NotFound();
  const before = await assignmentsOfUser(ctx.db, user.id);
  const target = before.find((a) => a.id === assignmentId);
  if (!target) throw new NotFound();
  await requireForUser(ctx, 'role.assign', user.agencyId);
  await requireCanGrant(ctx, target);
  await inTransaction(ctx, async (tx) => {
    if (target.role === 'system_admin' && user.active) {
      await lockAdminRoster(tx.db);
      if (!(await anotherActiveSystemAdmin(tx.db, user.id))) throw new Conflict('users.lastAdmin');
    }
    const deleted = await tx.db.delete(roleAssignments).where(eq(roleAssignments.id, target.id)).returning({ id: roleAssignments.id });
    if (deleted.length === 0) throw new NotFound();
    await recordAudit(tx, {
      action: 'role.removed',
      entityType: 'user',
      entityId: user.id,
      agencyId: target.agencyId ?? user.agencyId,
      before: grantsForAudit(before),
      after: grantsForAudit(before.filter((a) => a.id !== target.id)),
    });
  });
}
