import { recordAudit } from '../platform/audit/record-audit.js';
import { type LoadedSession, destroySession, destroyUserSessions } from '../platform/auth/sessions.js';
import type { Ctx } from '../platform/context.js';
import { inTransaction } from '../platform/db/transaction.js';

/** Ends this session (officials and citizens alike), audited. */
export async function signOut(ctx: Ctx, s: LoadedSession): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await destroySession(tx.db, s.id);
    await recordAudit(tx, { action: 'auth.sign_out', actorId: s.user.id, actorLabel: s.actor.label, entityType: 'user', entityId: s.user.id, agencyId: s.user.agencyId });
  });
}

/** Ends every session of the person, on every device, audited. */
export async function signOutEverywhere(ctx: Ctx, s: LoadedSession): Promise<void> {
  await inTransaction(ctx, async (tx) => {
    await destroyUserSessions(tx.db, s.user.id);
    await recordAudit(tx, { action: 'auth.sign_out_everywhere', actorId: s.user.id, actorLabel: s.actor.label, entityType: 'user', entityId: s.user.id, agencyId: s.user.agencyId });
  });
}
