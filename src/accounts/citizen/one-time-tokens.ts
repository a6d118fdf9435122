import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Ctx } from '../../platform/context.js';
import type { Queryable, Tx } from '../../platform/db/client.js';
import { randomToken, sha256 } from '../../platform/secrets.js';
import { users, userTokens } from '../schema.js';

export type TokenPurpose = (typeof userTokens.$inferSelect)['purpose'];
type TokenRow = typeof userTokens.$inferSelect;
type UserRow = typeof users.$inferSelect;

/** A new one-time link token for the account; only its SHA-256 is stored, so a database copy cannot use it. */
export async function issueUserToken(tx: Ctx & { db: Tx }, userId: string, purpose: TokenPurpose, validHours: number): Promise<string> {
  const token = randomToken();
  const now = tx.now();
  await tx.db.insert(userTokens).values({ userId, purpose, tokenHash: sha256(token), createdAt: now, expiresAt: new Date(now.getTime() + validHours * 3600_000) });
  return token;
}

/**
 * An id no account has. A request for an unknown address still runs the throttle lookup with it, so it makes the
 * same reads as one for a known address and its answer takes about as long.
 */
export const NO_ACCOUNT = '00000000-0000-0000-0000-000000000000';

/** At most three links an hour and one a minute per account and purpose, so a form cannot flood a mailbox. */
export async function userTokensThrottled(db: Queryable, userId: string, purpose: TokenPurpose, now: Date): Promise<boolean> {
  const recent = await db
    .select({ createdAt: userTokens.createdAt })
    .from(userTokens)
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), gt(userTokens.createdAt, new Date(now.getTime() - 3600_000))));
  return recent.length >= 3 || recent.some((r) => now.getTime() - r.createdAt.getTime() < 60_000);
}

type Found = { token: TokenRow; user: UserRow };
export type TokenLookup = { status: 'invalid' } | ({ status: 'expired' } & Found) | ({ status: 'used' } & Found) | ({ status: 'usable' } & Found);

/**
 * What a token from a link stands for, without changing anything. Anything that is not a plausible token, or
 * belongs to a disabled account, is simply invalid.
 */
export async function lookUpUserToken(db: Queryable, purpose: TokenPurpose, token: unknown, now: Date): Promise<TokenLookup> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) return { status: 'invalid' };
  const [row] = await db
    .select({ token: userTokens, user: users })
    .from(userTokens)
    .innerJoin(users, eq(users.id, userTokens.userId))
    .where(and(eq(userTokens.tokenHash, sha256(token)), eq(userTokens.purpose, purpose)))
    .limit(1);
  if (!row || !row.user.active) return { status: 'invalid' };
  const status = row.token.usedAt ? 'used' : row.token.expiresAt <= now ? 'expired' : 'usable';
  return { status, ...row };
}

/**
 * Marks every unused token of the account for this purpose as used, and says whether the given one was still
 * unused: of two requests racing with the same link, only one gets true.
 */
export async function retireUserTokens(tx: Ctx & { db: Tx }, userId: string, purpose: TokenPurpose, tokenId: string): Promise<boolean> {
  const retired = await tx.db
    .update(userTokens)
    .set({ usedAt: tx.now() })
    .where(and(eq(userTokens.userId, userId), eq(userTokens.purpose, purpose), isNull(userTokens.usedAt)))
    .returning({ id: userTokens.id });
  return retired.some((r) => r.id === tokenId);
}
