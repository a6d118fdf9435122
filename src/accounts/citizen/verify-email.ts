import { and, eq, isNull } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { sha256 } from '../../platform/secrets.js';
import { users, userTokens } from '../schema.js';

export type VerifyEmailOutcome = 'verified' | 'already_verified' | 'invalid' | 'expired';

/**
 * Follows the link from a verification email. A wrong, used or expired token changes nothing; a good one marks
 * the address verified and retires every other verification link of the account.
 */
export async function verifyEmail(ctx: Ctx, token: unknown): Promise<VerifyEmailOutcome> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return 'invalid';
  const [row] = await ctx.db
    .select({ t: userTokens, u: users })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(eq(userTokens.tokenHash, sha256(token)), eq(userTokens.purpose, 'verify_email')))
    .limit(1);
  if (!row || !row.u.active) return 'invalid';
  if (row.t.usedAt) return row.u.emailVerifiedAt ? 'already_verified' : 'invalid';
  const now = ctx.now();
  if (row.t.expiresAt <= now) return 'expired';
  if (row.u.emailVerifiedAt) return 'already_verified';
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(userTokens)
      .set({ usedAt: now })
      .where(and(eq(userTokens.userId, row.u.id), eq(userTokens.purpose, 'verify_email'), isNull(userTokens.usedAt)));
    await tx.db.update(users).set({ emailVerifiedAt: now, updatedAt: now, version: row.u.version + 1 }).where(eq(users.id, row.u.id));
    await recordAudit(tx, { action: 'user.email_verified', actorId: row.u.id, actorLabel: row.u.email ?? row.u.fullName, entityType: 'user', entityId: row.u.id });
  });
  return 'verified';
}
