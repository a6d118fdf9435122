import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { hashPassword, passwordProblem } from '../../platform/auth/password.js';
import { destroyUserSessions } from '../../platform/auth/sessions.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid } from '../../platform/errors.js';
import { parseInput } from '../../platform/validation.js';
import { users } from '../schema.js';
import { lookUpUserToken, retireUserTokens } from './one-time-tokens.js';

export type ResetLinkState = 'usable' | 'invalid' | 'expired' | 'used';
export type ResetPasswordResult = { outcome: 'reset'; userId: string } | { outcome: Exclude<ResetLinkState, 'usable'> };

const str = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().max(200, { error: 'password.tooLong' }));
const input = z.object({ token: z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string()), password: str, confirm: str });

/** What a link from a password reset email would do, changing nothing: the page with the form is shown only for a usable one. */
export async function checkPasswordResetLink(ctx: Ctx, token: unknown): Promise<ResetLinkState> {
  return (await lookUpUserToken(ctx.db, 'reset_password', token, ctx.now())).status;
}

/**
 * Sets a new password from a reset link. Everything signed in with the old password is signed out, a lockout
 * ends, and the address counts as verified: only its owner could have opened the link.
 */
export async function resetPassword(ctx: Ctx, raw: unknown): Promise<ResetPasswordResult> {
  const data = parseInput(input, raw);
  const found = await lookUpUserToken(ctx.db, 'reset_password', data.token, ctx.now());
  if (found.status !== 'usable') return { outcome: found.status };
  const { user, token } = found;
  const problem = passwordProblem(data.password, [user.fullName, user.email, user.phone]);
  if (data.password === '') throw new Invalid({ password: { key: 'field.required' } });
  if (problem) throw new Invalid({ password: { key: problem } });
  if (data.confirm !== data.password) throw new Invalid({ confirm: { key: 'password.mismatch' } });
  const passwordHash = await hashPassword(data.password);
  return inTransaction(ctx, async (tx) => {
    // The same link submitted twice at once: only the first sets a password.
    if (!(await retireUserTokens(tx, user.id, 'reset_password', token.id))) return { outcome: 'used' as const };
    const now = tx.now();
    await tx.db
      .update(users)
      .set({ passwordHash, mustChangePassword: false, failedLogins: 0, lockedUntil: null, emailVerifiedAt: user.emailVerifiedAt ?? now, version: sql`${users.version} + 1`, updatedAt: now })
      .where(eq(users.id, user.id));
    const sessionsEnded = await destroyUserSessions(tx.db, user.id);
    await recordAudit(tx, {
      action: 'user.password_reset',
      actorId: user.id,
      actorLabel: user.email ?? user.fullName,
      entityType: 'user',
      entityId: user.id,
      before: { hadPassword: user.passwordHash !== null, emailVerified: user.emailVerifiedAt !== null, locked: user.lockedUntil !== null && user.lockedUntil > now },
      after: { method: 'email_link', sessionsEnded, emailVerified: true, locked: false },
    });
    return { outcome: 'reset' as const, userId: user.id };
  });
}
