import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../platform/audit/record-audit.js';
import type { Ctx } from '../platform/context.js';
import { inTransaction } from '../platform/db/transaction.js';
import { Invalid, NotFound } from '../platform/errors.js';
import type { Secrets } from '../platform/secrets.js';
import { parseInput } from '../platform/validation.js';
import { users } from './schema.js';
import { countFailedAttempt, lockedError } from './sign-in.js';
import { checkTotp, newTotpSecret } from './totp.js';

const input = z.object({ code: z.string({ error: 'field.required' }).trim().min(1, { error: 'field.required' }).max(20, { error: 'mfa.invalid' }) });

/**
 * The secret the person must scan on first use; generated once and kept (encrypted) until confirmed,
 * so reloading the page shows the same QR code.
 */
export async function pendingTotpSecret(ctx: Ctx, secrets: Secrets, userId: string): Promise<{ secret: string; enrolled: boolean }> {
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new NotFound();
  if (user.totpSecret) return { secret: secrets.decrypt(user.totpSecret), enrolled: user.totpEnabledAt !== null };
  const secret = newTotpSecret();
  await ctx.db.update(users).set({ totpSecret: secrets.encrypt(secret) }).where(eq(users.id, userId));
  return { secret, enrolled: false };
}

/**
 * Checks a TOTP code at sign-in; on first success it also confirms the enrolment. Wrong codes count toward the
 * same lockout as wrong passwords, so the second factor cannot be guessed at leisure.
 */
export async function verifySecondFactor(ctx: Ctx, secrets: Secrets, userId: string, raw: unknown): Promise<{ mustChangePassword: boolean }> {
  const { code } = parseInput(input, raw);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!user || !user.totpSecret) throw new NotFound();
  const label = user.username ?? user.fullName;
  const locked = lockedError(user, ctx.now());
  if (locked) throw new Invalid({ code: locked.fields._form! });
  const step = await checkTotp(secrets.decrypt(user.totpSecret), code, user.totpLastStep, ctx.now());
  if (step === null) {
    await inTransaction(ctx, async (tx) => {
      await countFailedAttempt(tx, user, label);
      await recordAudit(tx, { action: 'auth.mfa_failed', actorId: user.id, actorLabel: label, entityType: 'user', entityId: user.id, agencyId: user.agencyId });
    });
    throw new Invalid({ code: { key: 'mfa.invalid' } });
  }
  return inTransaction(ctx, async (tx) => {
    const enrolling = user.totpEnabledAt === null;
    await tx.db
      .update(users)
      .set({ totpLastStep: step, failedLogins: 0, ...(enrolling ? { totpEnabledAt: ctx.now() } : {}), ...(user.mustChangePassword ? {} : { lastLoginAt: ctx.now() }) })
      .where(eq(users.id, user.id));
    if (enrolling) {
      await recordAudit(tx, { action: 'user.mfa_enrolled', actorId: user.id, actorLabel: label, entityType: 'user', entityId: user.id, agencyId: user.agencyId });
    }
    await recordAudit(tx, {
      action: user.mustChangePassword ? 'auth.mfa_verified' : 'auth.sign_in',
      actorId: user.id,
      actorLabel: label,
      entityType: 'user',
      entityId: user.id,
      agencyId: user.agencyId,
    });
    return { mustChangePassword: user.mustChangePassword };
  });
}
