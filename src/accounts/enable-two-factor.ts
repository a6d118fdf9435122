import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../platform/audit/record-audit.js';
import type { Ctx } from '../platform/context.js';
import { inTransaction } from '../platform/db/transaction.js';
import { Forbidden, Invalid, NotFound, Unauthenticated } from '../platform/errors.js';
import type { Secrets } from '../platform/secrets.js';
import { parseInput } from '../platform/validation.js';
import { users } from './schema.js';
import { checkTotp } from './totp.js';

const input = z.object({ code: z.string({ error: 'field.required' }).trim().min(1, { error: 'field.required' }).max(20, { error: 'mfa.invalid' }) });

/**
 * An official turns on two-factor sign-in for their own account (administrators must; everyone may). The code
 * proves the authenticator app holds the secret shown on the page before the next sign-in depends on it.
 */
export async function enableTwoFactor(ctx: Ctx, secrets: Secrets, raw: unknown): Promise<void> {
  const actor = ctx.actor;
  if (!actor) throw new Unauthenticated();
  if (actor.kind !== 'official') throw new Forbidden();
  const { code } = parseInput(input, raw);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, actor.userId));
  if (!user || !user.totpSecret) throw new NotFound();
  if (user.totpEnabledAt) return;
  const step = await checkTotp(secrets.decrypt(user.totpSecret), code, user.totpLastStep, ctx.now());
  if (step === null) throw new Invalid({ code: { key: 'mfa.invalid' } });
  await inTransaction(ctx, async (tx) => {
    await tx.db.update(users).set({ totpLastStep: step, totpEnabledAt: ctx.now() }).where(eq(users.id, user.id));
    await recordAudit(tx, { action: 'user.mfa_enrolled', entityType: 'user', entityId: user.id, agencyId: user.agencyId });
  });
}
