import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../platform/audit/record-audit.js';
import { requirePermission } from '../platform/auth/authorize.js';
import type { Ctx } from '../platform/context.js';
import type { Tx } from '../platform/db/client.js';
import { inTransaction } from '../platform/db/transaction.js';
import { Conflict, Invalid, NotFound } from '../platform/errors.js';
import { idOrNotFound, parseInput } from '../platform/validation.js';
import { type Agency, agencySnapshot, versionField } from './agency-rules.js';
import { agencies } from './schema.js';

const input = z.object({ version: versionField });

/**
 * The shared path of deactivating and reactivating an agency: permission, optimistic lock, the caller's own rule
 * (run on the locked row), the change and its audit entry in one transaction.
 */
export async function setAgencyActive(
  ctx: Ctx,
  id: string,
  raw: unknown,
  change: { active: boolean; action: string; rule: (tx: Ctx & { db: Tx }, before: Agency) => Promise<void> },
): Promise<Agency> {
  const agencyId = idOrNotFound(id);
  const [current] = await ctx.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId));
  if (!current) throw new NotFound();
  await requirePermission(ctx, 'agency.deactivate', agencyId);
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(agencies).where(eq(agencies.id, agencyId)).for('update');
    if (!before) throw new NotFound();
    if (before.version !== data.version) throw new Conflict();
    if (before.active === change.active) throw new Invalid({ _form: { key: change.active ? 'agency.alreadyActive' : 'agency.alreadyInactive' } });
    await change.rule(tx, before);
    const [after] = await tx.db
      .update(agencies)
      .set({ active: change.active, version: before.version + 1, updatedAt: ctx.now() })
      .where(and(eq(agencies.id, agencyId), eq(agencies.version, data.version)))
      .returning();
    if (!after) throw new Conflict();
    await recordAudit(tx, { action: change.action, entityType: 'agency', entityId: agencyId, agencyId, before: agencySnapshot(before), after: agencySnapshot(after) });
    return after;
  });
}
