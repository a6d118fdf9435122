import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { hashPassword } from '../../platform/auth/password.js';
import { destroyUserSessions } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Forbidden, NotFound } from '../../platform/errors.js';
import { users } from '../schema.js';
import { requireManageUser } from './authority.js';
import { assignmentsOfUser, findOfficial } from './queries.js';
import { temporaryPassword } from './temporary-password.js';

/**
 * Replaces an official's password with a new temporary one, returned once to be handed over: the old
 * password and every session stop working, a lockout is lifted, and a new password is forced at sign-in.
 * Not for one's own account, where it would skip proving the current password.
 */
export async function resetOfficialPassword(ctx: Ctx, userId: string): Promise<{ username: string; temporaryPassword: string }> {
  const user = await findOfficial(ctx.db, userId);
  if (!user) throw new NotFound();
  await requireManageUser(ctx, user, await assignmentsOfUser(ctx.db, user.id));
  if (ctx.actor?.userId === user.id) throw new Forbidden('users.notOwnAccount');
  const password = temporaryPassword([user.username, user.fullName, user.email]);
  const passwordHash = await hashPassword(password);
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ passwordHash, mustChangePassword: true, failedLogins: 0, lockedUntil: null, version: sql`${users.version} + 1`, updatedAt: ctx.now() })
      .where(eq(users.id, user.id));
    const ended = await destroyUserSessions(tx.db, user.id);
    await recordAudit(tx, { action: 'user.password_reset', entityType: 'user', entityId: user.id, agencyId: user.agencyId, after: { mustChangePassword: true, sessionsEnded: ended, unlocked: user.lockedUntil !== null } });
  });
  return { username: user.username ?? '', temporaryPassword: password };
}
