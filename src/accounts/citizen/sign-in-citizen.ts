import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Invalid } from '../../platform/errors.js';
import { parseInput, phonePattern } from '../../platform/validation.js';
import { users } from '../schema.js';
import { checkPassword, recordSignIn } from '../sign-in.js';

const input = z.object({
  login: z.preprocess((v) => (typeof v === 'string' ? v.normalize('NFC').trim() : v), z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).max(200, { error: 'field.tooLong' })),
  password: z.string({ error: 'field.required' }).min(1, { error: 'field.required' }).max(200, { error: 'field.tooLong' }),
});

/** An email address matches case-insensitively; a phone number in any usual spelling matches its stored 0xxxxxxxxx form. */
function loginCondition(login: string) {
  if (login.includes('@')) return sql`lower(${users.email}) = ${login.toLowerCase()}`;
  const m = phonePattern.exec(login.replace(/[\s.()-]/g, ''));
  return m ? eq(users.phone, `0${m[1]}`) : null;
}

/**
 * Checks a citizen's email or phone and password with the same lockout rules as officials. An account whose
 * email address is not verified yet cannot sign in; it is told so only after the right password.
 */
export async function signInCitizen(ctx: Ctx, raw: unknown): Promise<{ userId: string }> {
  const { login, password } = parseInput(input, raw);
  const condition = loginCondition(login);
  const [found] = condition ? await ctx.db.select().from(users).where(and(eq(users.kind, 'citizen'), condition)).limit(1) : [];
  const user = await checkPassword(ctx, found, login, password, 'citizen.signIn.failed');
  if (user.email && !user.emailVerifiedAt) {
    await inTransaction(ctx, (tx) =>
      recordAudit(tx, { action: 'auth.sign_in_refused_unverified', actorId: user.id, actorLabel: login, entityType: 'user', entityId: user.id }),
    );
    throw new Invalid({ _form: { key: 'citizen.signIn.unverified' } });
  }
  await recordSignIn(ctx, user, user.email ?? user.phone ?? login, 'active', { method: 'password' });
  return { userId: user.id };
}
