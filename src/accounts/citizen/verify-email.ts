import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record-audit.js';
import type { Ctx } from '../../platform/context.js';
import { inTransaction } from '../../platform/db/transaction.js';
import { users } from '../schema.js';
import { type TokenLookup, lookUpUserToken, retireUserTokens } from './one-time-tokens.js';

export type EmailLinkState = 'pending' | 'already_verified' | 'invalid' | 'expired';
export type VerifyEmailOutcome = 'verified' | Exclude<EmailLinkState, 'pending'>;

function stateOf(found: TokenLookup): EmailLinkState {
  if (found.status === 'invalid') return 'invalid';
  // A used link of a verified account only says so; one replaced before verification is just invalid.
  if (found.status === 'used') return found.user.emailVerifiedAt ? 'already_verified' : 'invalid';
  if (found.status === 'expired') return 'expired';
  return found.user.emailVerifiedAt ? 'already_verified' : 'pending';
}

/**
 * What a link from a verification email would do, changing nothing: mail scanners and link previews open
 * links, so following one must not verify the address by itself.
 */
export async function checkEmailVerification(ctx: Ctx, token: unknown): Promise<EmailLinkState> {
  return stateOf(await lookUpUserToken(ctx.db, 'verify_email', token, ctx.now()));
}

/**
 * Confirms the address once the person submits the form of the link's page. A wrong, used or expired token
 * changes nothing; a good one marks the address verified and retires every other verification link of the account.
 */
export async function verifyEmail(ctx: Ctx, token: unknown): Promise<VerifyEmailOutcome> {
  return inTransaction(ctx, async (tx) => {
    const found = await lookUpUserToken(tx.db, 'verify_email', token, tx.now());
    const state = stateOf(found);
    if (state !== 'pending') return state;
    const { user, token: row } = found as Extract<TokenLookup, { status: 'usable' }>;
    // The same link submitted twice at once: the second finds it already used.
    if (!(await retireUserTokens(tx, user.id, 'verify_email', row.id))) return 'already_verified';
    const now = tx.now();
    await tx.db.update(users).set({ emailVerifiedAt: now, updatedAt: now, version: sql`${users.version} + 1` }).where(eq(users.id, user.id));
    await recordAudit(tx, { action: 'user.email_verified', actorId: user.id, actorLabel: user.email ?? user.fullName, entityType: 'user', entityId: user.id });
    return 'verified';
  });
}
