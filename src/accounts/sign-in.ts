import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../platform/audit/record-audit.js';
import { loadGrants } from '../platform/auth/sessions.js';
import { rolesRequiringMfa } from '../platform/auth/permissions.js';
import { verifyPassword } from '../platform/auth/password.js';
import type { Ctx } from '../platform/context.js';
import type { Tx } from '../platform/db/client.js';
import { inTransaction } from '../platform/db/transaction.js';
import { Invalid } from '../platform/errors.js';
import type { MessageKey } from '../platform/i18n/index.js';
import { parseInput } from '../platform/validation.js';
import { users } from './schema.js';

export const MAX_FAILED_SIGN_INS = 5;
export const LOCKOUT_MINUTES = 15;

const input = z.object({
  username: z.preprocess((v) => (typeof v === 'string' ? v.trim() : v), z.string().min(1, { error: 'field.required' }).max(100, { error: 'field.tooLong' })),
  password: z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).max(200, { error: 'field.tooLong' }),
});

export type SignInResult = { userId: string; stage: 'mfa' | 'password' | 'active' };

type UserRow = typeof users.$inferSelect;

/** Counts one failed attempt (password or second factor); the fifth in a row locks the account, audited. */
export async function countFailedAttempt(tx: Ctx & { db: Tx }, user: UserRow, label: string): Promise<void> {
  const [after] = await tx.db
    .update(users)
    .set({ failedLogins: sql`${users.failedLogins} + 1` })
    .where(eq(users.id, user.id))
    .returning({ failedLogins: users.failedLogins });
  if ((after?.failedLogins ?? 0) < MAX_FAILED_SIGN_INS) return;
  const until = new Date(tx.now().getTime() + LOCKOUT_MINUTES * 60_000);
  await tx.db.update(users).set({ lockedUntil: until, failedLogins: 0 }).where(eq(users.id, user.id));
  await recordAudit(tx, { action: 'auth.account_locked', actorId: user.id, actorLabel: label, entityType: 'user', entityId: user.id, agencyId: user.agencyId, after: { lockedUntil: until } });
}

/** The lockout message, or null while the account may try. */
export function lockedError(user: UserRow, now: Date): Invalid | null {
  if (!user.lockedUntil || user.lockedUntil <= now) return null;
  return new Invalid({ _form: { key: 'signIn.locked', params: { minutes: Math.ceil((user.lockedUntil.getTime() - now.getTime()) / 60_000) } } });
}

/**
 * Refuses a locked account, then checks the password. A failure (unknown login, wrong password, disabled
 * account) is counted and audited, and the fifth in a row locks the account for a while. Shared by officials
 * and citizens so both follow the same rules.
 */
export async function checkPassword(ctx: Ctx, user: UserRow | undefined, login: string, password: string, failedKey: MessageKey): Promise<UserRow> {
  const now = ctx.now();
  const locked = user ? lockedError(user, now) : null;
  if (user && locked) {
    await inTransaction(ctx, (tx) =>
      recordAudit(tx, { action: 'auth.sign_in_refused_locked', actorId: user.id, actorLabel: login, entityType: 'user', entityId: user.id, agencyId: user.agencyId }),
    );
    throw locked;
  }
  const ok = await verifyPassword(user?.passwordHash ?? null, password);
  if (!user || !ok || !user.active) {
    await inTransaction(ctx, async (tx) => {
      if (user) await countFailedAttempt(tx, user, login);
      await recordAudit(tx, { action: 'auth.sign_in_failed', actorId: user?.id ?? null, actorLabel: login, entityType: user ? 'user' : undefined, entityId: user?.id, agencyId: user?.agencyId ?? null });
    });
    throw new Invalid({ _form: { key: failedKey } });
  }
  return user;
}

/** Clears the failure count and audits the step reached: a full sign-in, or a password that still owes a next step. */
export async function recordSignIn(ctx: Ctx, user: UserRow, label: string, stage: SignInResult['stage'], details?: Record<string, unknown>): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await tx.db.update(users).set({ failedLogins: 0, lockedUntil: null, ...(stage === 'active' ? { lastLoginAt: ctx.now() } : {}) }).where(eq(users.id, user.id));
    await recordAudit(tx, {
      action: stage === 'active' ? 'auth.sign_in' : 'auth.password_verified',
      actorId: user.id,
      actorLabel: label,
      entityType: 'user',
      entityId: user.id,
      agencyId: user.agencyId,
      after: details,
    });
  });
}

/**
 * Checks an official's username and password. Failures are counted; the fifth in a row locks the account
 * for a while. Both are audited. The result says which step comes next: second factor, forced password
 * change, or a full session.
 */
export async function signInOfficial(ctx: Ctx, raw: unknown): Promise<SignInResult> {
  const { username, password } = parseInput(input, raw);
  const [found] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.kind, 'official'), sql`lower(${users.username}) = lower(${username})`))
    .limit(1);
  const user = await checkPassword(ctx, found, username, password, 'signIn.failed');
  const grants = await loadGrants(ctx.db, user.id);
  const needsMfa = user.totpEnabledAt !== null || grants.some((g) => rolesRequiringMfa.includes(g.role));
  const stage = needsMfa ? 'mfa' : user.mustChangePassword ? 'password' : 'active';
  await recordSignIn(ctx, user, user.username ?? username, stage);
  return { userId: user.id, stage };
}
