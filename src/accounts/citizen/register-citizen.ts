import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import { hashPassword, passwordProblem } from '../../platform/auth/password.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid, pgConstraint, pgErrorCode } from '../../platform/errors.js';
import { enqueueMail } from '../../platform/mail/mail-job.js';
import { checkbox, optionalEmail, optionalPhone, parseInput, text } from '../../platform/validation.js';
import { users } from '../schema.js';
import { type MailDeps, alreadyRegisteredMail, issueEmailVerification, verificationMail, verificationThrottled } from './verification.js';

/** The notice a citizen agrees to; kept in the audit entry so the consent can be shown later (Decree 13/2023, art. 11). */
export const CONSENT_NOTICE = 'nd13-2023-dang-ky-v1';

const password = z.preprocess((v) => (typeof v === 'string' ? v : ''), z.string().max(200, { error: 'password.tooLong' }));

const input = z
  .object({
    fullName: text(200),
    email: optionalEmail,
    phone: optionalPhone,
    password,
    confirm: password,
    consent: checkbox,
  })
  .superRefine((v, ctx) => {
    if (!v.email && !v.phone) ctx.addIssue({ code: 'custom', path: ['email'], message: 'citizen.register.contactRequired' });
    const problem = passwordProblem(v.password, [v.fullName, v.email, v.phone]);
    if (v.password === '') ctx.addIssue({ code: 'custom', path: ['password'], message: 'field.required' });
    else if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
    else if (v.confirm !== v.password) ctx.addIssue({ code: 'custom', path: ['confirm'], message: 'password.mismatch' });
    if (!v.consent) ctx.addIssue({ code: 'custom', path: ['consent'], message: 'citizen.register.consentRequired' });
  });

export type RegisterResult = { channel: 'email'; email: string } | { channel: 'phone' };

/**
 * Creates a citizen account. With an email address the account waits for the link sent there before it can
 * sign in. An address that already has an account gets a message instead of a second account, and the person
 * sees the same "check your email" page, so the form cannot be used to find out who is registered.
 * Phone-only accounts can sign in at once: there is no SMS provider to verify the number yet.
 */
export async function registerCitizen(ctx: Ctx, raw: unknown, deps: MailDeps): Promise<RegisterResult> {
  const data = parseInput(input, raw);
  if (data.phone) {
    const [taken] = await ctx.db.select({ id: users.id }).from(users).where(eq(users.phone, data.phone)).limit(1);
    if (taken) throw new Invalid({ phone: { key: 'citizen.register.phoneTaken' } });
  }
  // Hashed before looking the address up, so both answers take the same time.
  const passwordHash = await hashPassword(data.password);
  if (data.email) {
    const sent = await mailExistingOwner(ctx, data.email, deps);
    if (sent) return { channel: 'email', email: data.email };
  }
  try {
    await inTransaction(ctx, async (tx) => {
      const [user] = await tx.db
        .insert(users)
        .values({ kind: 'citizen', fullName: data.fullName, email: data.email ?? null, phone: data.phone ?? null, passwordHash, locale: ctx.locale, createdAt: tx.now(), updatedAt: tx.now() })
        .returning();
      const token = data.email ? await issueEmailVerification(tx, user!.id) : null;
      await recordAudit(tx, {
        action: 'user.registered',
        actorId: user!.id,
        actorLabel: data.email ?? data.phone ?? data.fullName,
        entityType: 'user',
        entityId: user!.id,
        after: { kind: 'citizen', method: 'password', hasEmail: Boolean(data.email), hasPhone: Boolean(data.phone), consent: { notice: CONSENT_NOTICE, at: tx.now() } },
      });
      if (data.email && token) await enqueueMail(tx, deps.secrets, verificationMail(deps, data.email, user!.fullName, token));
    });
  } catch (err) {
    if (pgErrorCode(err) !== '23505') throw err;
    // Someone registered the same address or number a moment ago.
    if (pgConstraint(err) === 'users_phone' || !data.email) throw new Invalid({ phone: { key: 'citizen.register.phoneTaken' } });
    await mailExistingOwner(ctx, data.email, deps);
    return { channel: 'email', email: data.email };
  }
  return data.email ? { channel: 'email', email: data.email } : { channel: 'phone' };
}

/**
 * Tells the owner of an address that already has an account; an unverified one gets a fresh link. The message is
 * filed in a transaction like a new account's, so neither answer waits on the mail server.
 */
async function mailExistingOwner(ctx: Ctx, email: string, deps: MailDeps): Promise<boolean> {
  const [owner] = await ctx.db.select().from(users).where(sql`lower(${users.email}) = ${email}`).limit(1);
  if (!owner) return false;
  const unverified = owner.kind === 'citizen' && owner.active && owner.emailVerifiedAt === null;
  // A link went out moments ago; another one would only fill the mailbox.
  if (unverified && (await verificationThrottled(ctx.db, owner.id, ctx.now()))) return true;
  await inTransaction(ctx, async (tx) => {
    let token: string | null = null;
    if (unverified) {
      token = await issueEmailVerification(tx, owner.id);
      await recordAudit(tx, { action: 'user.verification_email_issued', actorId: null, actorLabel: email, entityType: 'user', entityId: owner.id, agencyId: owner.agencyId, after: { reason: 'registration_repeated' } });
    }
    await enqueueMail(tx, deps.secrets, alreadyRegisteredMail(deps, owner.email ?? email, owner.fullName, token));
  });
  return true;
}
