import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { composeMail } from '../../platform/mail/compose.js';
import { enqueueMail } from '../../platform/mail/mail-job.js';
import type { MailMessage } from '../../platform/mail/mailer.js';
import { parseInput } from '../../platform/validation.js';
import { users } from '../schema.js';
import { NO_ACCOUNT, issueUserToken, userTokensThrottled } from './one-time-tokens.js';
import type { MailDeps } from './verification.js';

/** Short, since whoever reads the mailbox can take over the account with it. */
export const RESET_PASSWORD_HOURS = 1;

const input = z.object({
  email: z.preprocess((v) => (typeof v === 'string' && v.trim() !== '' ? v.trim().toLowerCase() : undefined), z.email({ error: 'field.email' }).max(200, { error: 'field.tooLong' })),
});

export function passwordResetMail(deps: MailDeps, to: string, name: string, token: string): MailMessage {
  return composeMail(to, {
    subject: 'citizen.mail.resetSubject',
    params: { name, province: deps.provinceName },
    body: [
      { text: 'citizen.mail.greeting' },
      { text: 'citizen.mail.resetText' },
      { link: 'citizen.mail.resetAction', url: `${deps.baseUrl}/dat-lai-mat-khau?token=${encodeURIComponent(token)}` },
      { text: 'citizen.mail.resetIgnore' },
      { text: 'citizen.mail.signature' },
    ],
  });
}

/**
 * Mails a one-time link to set a new password, also how an account created through the national SSO gets its
 * first one. The answer is the same whether or not the address has an account, and a throttled request quietly
 * sends nothing. Officials' passwords are reset by administrators, so their addresses get nothing here. The link
 * is filed for the mail job, so the answer does not wait on the mail server; an unknown address makes the same
 * reads, and differs only by the short transaction that stores the link, its audit entry and the job.
 */
export async function requestPasswordReset(ctx: Ctx, raw: unknown, deps: MailDeps): Promise<void> {
  const { email } = parseInput(input, raw);
  const [user] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.kind, 'citizen'), eq(users.active, true), sql`lower(${users.email}) = ${email}`))
    .limit(1);
  const throttled = await userTokensThrottled(ctx.db, user?.id ?? NO_ACCOUNT, 'reset_password', ctx.now());
  if (!user || throttled) return;
  await inTransaction(ctx, async (tx) => {
    const token = await issueUserToken(tx, user.id, 'reset_password', RESET_PASSWORD_HOURS);
    await recordAudit(tx, { action: 'user.password_reset_requested', actorId: null, actorLabel: email, entityType: 'user', entityId: user.id });
    await enqueueMail(tx, deps.secrets, passwordResetMail(deps, user.email ?? email, user.fullName, token));
  });
}
