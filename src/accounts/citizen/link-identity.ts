import { and, eq } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { Conflict, Forbidden, NotFound, pgErrorCode } from '../../platform/errors.js';
import { userIdentities, users } from '../schema.js';
import type { OidcClaims } from './oidc-client.js';
import { addIdentity } from './sign-in-with-oidc.js';

/**
 * Links a provider identity to the signed-in citizen's account, from the account page. An identity already
 * linked to someone else stays where it is.
 */
export async function linkIdentity(ctx: Ctx, issuer: string, claims: OidcClaims): Promise<'linked' | 'already_linked'> {
  const actor = ctx.actor;
  if (!actor || actor.kind !== 'citizen') throw new Forbidden();
  try {
    return await inTransaction(ctx, async (tx) => {
      const [user] = await tx.db.select().from(users).where(eq(users.id, actor.userId)).limit(1);
      if (!user) throw new NotFound();
      const [existing] = await tx.db
        .select({ userId: userIdentities.userId })
        .from(userIdentities)
        .where(and(eq(userIdentities.provider, issuer), eq(userIdentities.subject, claims.sub)))
        .limit(1);
      if (existing) {
        if (existing.userId === user.id) return 'already_linked' as const;
        throw new Conflict('citizen.oidc.linkedElsewhere');
      }
      await addIdentity(tx, user, issuer, claims.sub, 'account_page');
      return 'linked' as const;
    });
  } catch (err) {
    if (pgErrorCode(err) === '23505') throw new Conflict('citizen.oidc.linkedElsewhere');
    throw err;
  }
}
