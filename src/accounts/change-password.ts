import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../platform/audit/record-audit.js';
import { hashPassword, passwordProblem, verifyPassword } from '../platform/auth/password.js';
import { destroyUserSessions } from '../platform/auth/sessions.js';
import type { Ctx } from '../platform/context.js';
import { inTransaction } from '../platform/db/transaction.js';
import { Invalid, NotFound } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { users } from './schema.js';

const input = z.object({
  current: z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).max(200),
  password: z.string({ error: 'field.required' }).min(1, { error: 'field.required' }),
  confirm: z.string({ error: 'field.required' }).min(1, { error: 'field.required' }),
});

/**
 * A person changes their own password; this also clears a forced change and signs out every other device
 * (sessions opened with the old password), keeping the session the change was made from.
 */
export async function changeOwnPassword(ctx: Ctx, userId: string, raw: unknown, keepSessionId: string): Promise<void> {
  const data = parseInput(input, raw);
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!user) throw new NotFound();
  if (!(await verifyPassword(user.passwordHash, data.current))) throw new Invalid({ current: { key: 'password.wrongCurrent' } });
  const problem = passwordProblem(data.password, [user.username, user.fullName, user.email]);
  if (problem) throw new Invalid({ password: { key: problem } });
  if (data.password !== data.confirm) throw new Invalid({ confirm: { key: 'password.mismatch' } });
  if (data.password === data.current) throw new Invalid({ password: { key: 'password.sameAsOld' } });
  const passwordHash = await hashPassword(data.password);
  await inTransaction(ctx, async (tx) => {
    await tx.db
      .update(users)
      .set({ passwordHash, mustChangePassword: false, updatedAt: ctx.now(), version: user.version + 1 })
      .where(eq(users.id, user.id));
    await destroyUserSessions(tx.db, user.id, keepSessionId);
    await recordAudit(tx, { action: 'user.password_changed', actorId: user.id, actorLabel: user.username ?? user.email ?? user.fullName, entityType: 'user', entityId: user.id, agencyId: user.agencyId });
  });
}
