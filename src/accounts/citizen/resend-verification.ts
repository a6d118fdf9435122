import { and, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { enqueueMail } from '../../platform/mail/mail-job.js';
import { parseInput } from '../../platform/validation.js';
import { users } from '../schema.js';
import { NO_ACCOUNT } from './one-time-tokens.js';
import { type MailDeps, issueEmailVerification, verificationMail, verificationThrottled } from './verification.js';

const input = z.object({
  email: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : undefined), z.email({ error: 'field.email' }).max(200, { error: 'field.tooLong' })),
});

/**
 * Sends a new verification link to an account that still waits for one. The answer is the same whether or not
 * such an account exists, and a throttled request quietly sends nothing. The link is filed for the mail job, so
 * the answer does not wait on the mail server; an unknown address makes the same reads, and differs only by the
 * short transaction that stores the link, its audit entry and the job.
 */
export async function resendVerification(ctx: Ctx, raw: unknown, deps: MailDeps): Promise<void> {
  const { email } = parseInput(input, raw);
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.kind, 'citizen'), eq(users.active, true), isNull(users.emailVerifiedAt), sql`lower(${users.email}) = ${email}`))
    .limit(1);
  const throttled = await verificationThrottled(ctx.db, user?.id ?? NO_ACCOUNT, ctx.now());
  if (!user || throttled) return;
  await inTransaction(ctx, async (tx) => {
    const token = await issueEmailVerification(tx, user.id);
    await recordAudit(tx, { action: 'user.verification_email_issued', actorId: null, actorLabel: email, entityType: 'user', entityId: user.id, after: { reason: 'resend' } });
    await enqueueMail(tx, deps.secrets, verificationMail(deps, user.email ?? email, user.fullName, token));
  });
}
