import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { parseInput } from '../../platform/validation.js';
import { users } from '../schema.js';
import { type MailDeps, deliver, issueEmailVerification, verificationMail, verificationThrottled } from './verification.js';

const input = z.object({
  email: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : undefined), z.email({ error: 'field.email' }).max(200, { error: 'field.tooLong' })),
});

/**
 * Sends a new verification link to an account that still waits for one. The answer is the same whether or not
 * such an account exists, and a throttled request quietly sends nothing.
 */
export async function resendVerification(ctx: Ctx, raw: unknown, deps: MailDeps): Promise<void> {
  const { email } = parseInput(input, raw);
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.kind, 'citizen'), eq(users.active, true), isNull(users.emailVerifiedAt), sql`lower(${users.email}) = ${email}`))
    .limit(1);
  if (!user || (await verificationThrottled(ctx.db, user.id, ctx.now()))) return;
  const token = await inTransaction(ctx, async (tx) => {
    const t = await issueEmailVerification(tx, user.id);
    await recordAudit(tx, { action: 'user.verification_email_issued', actorId: null, actorLabel: email, entityType: 'user', entityId: user.id, after: { reason: 'resend' } });
    return t;
  });
  await deliver(ctx, deps.mailer, verificationMail(deps, user.email ?? email, user.fullName, token));
}
