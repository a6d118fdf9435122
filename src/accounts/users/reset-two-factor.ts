import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { destroyUserSessions } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Forbidden, NotFound } from '../../platform/errors.js';
import { users } from '../schema.js';
import { requireManageUser } from './authority.js';
import { assignmentsOfUser, findOfficial } from './queries.js';

/**
 * Forgets an official's authenticator (a lost or replaced phone), so they enrol a new one at their next
 * sign-in; sessions end so that sign-in comes now. Not for one's own account: a stolen session must not be
 * able to swap the second factor.
 */
export async function resetTwoFactor(ctx: Ctx, userId: string): Promise<void> {
  const user = await findOfficial(ctx.db, userId);
  if (!user) throw new NotFound();
  await requireManageUser(ctx, user, await assignmentsOfUser(ctx.db, user.id));
  if (ctx.actor?.userId === user.id) throw new Forbidden('users.notOwnAccount');
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ totpSecret: null, totpEnabledAt: null, totpLastStep: null, version: sql`${users.version} + 1`, updatedAt: ctx.now() })
      .where(eq(users.id, user.id));
    const ended = await destroyUserSessions(tx.db, user.id);
    await recordAudit(tx, { action: 'user.mfa_reset', entityType: 'user', entityId: user.id, agencyId: user.agencyId, before: { enrolledAt: user.totpEnabledAt }, after: { enrolledAt: null, sessionsEnded: ended } });
  });
}
