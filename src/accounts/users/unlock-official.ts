import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { NotFound } from '../../platform/errors.js';
import { users } from '../schema.js';
import { requireManageUser } from './authority.js';
import { assignmentsOfUser, findOfficial } from './queries.js';

/** Lifts a lockout after failed sign-ins before it runs out, once the administrator has checked who is asking. */
export async function unlockOfficial(ctx: Ctx, userId: string): Promise<void> {
  const user = await findOfficial(ctx.db, userId);
  if (!user) throw new NotFound();
  await requireManageUser(ctx, user, await assignmentsOfUser(ctx.db, user.id));
  await inTransaction(ctx, async (tx) => {
    await tx.db.update(users).set({ failedLogins: 0, lockedUntil: null, version: sql`${users.version} + 1`, updatedAt: ctx.now() }).where(eq(users.id, user.id));
    await recordAudit(tx, { action: 'user.unlocked', entityType: 'user', entityId: user.id, agencyId: user.agencyId, before: { lockedUntil: user.lockedUntil, failedLogins: user.failedLogins }, after: { lockedUntil: null, failedLogins: 0 } });
  });
}
