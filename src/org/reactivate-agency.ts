import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../platform/audit/record-audit.js';
import { requirePermission } from '../platform/auth/authorize.js';
import type { Ctx } from '../platform/context.js';
import { inTransaction } from '../platform/db/transaction.js';
import { Conflict, Invalid, NotFound } from '../platform/errors.js';
import { parseInput } from '../platform/validation.js';
import { idOrNotFound } from '../platform/validation.js';
import { type Agency, agencySnapshot, versionField } from './agency-rules.js';
import { agencies } from './schema.js';

const input = z.object({ version: versionField });

/** Brings an inactive agency back; its parent must be active, as an active agency never sits under an inactive one. */
export async function reactivateAgency(ctx: Ctx, id: string, raw: unknown): Promise<Agency> {
  const agencyId = idOrNotFound(id);
  const [current] = await ctx.db.select({ id: agencies.id }).from(agencies).where(eq(agencies.id, agencyId));
  if (!current) throw new NotFound();
  await requirePermission(ctx, 'agency.deactivate', agencyId);
  const data = parseInput(input, raw);
  return inTransaction(ctx, async (tx) => {
    const [before] = await tx.db.select().from(agencies).where(eq(agencies.id, agencyId)).for('update');
    if (!before) throw new NotFound();
    if (before.version !== data.version) throw new Conflict();
    if (before.active) throw new Invalid({ _form: { key: 'agency.alreadyActive' } });
    if (before.parentId) {
      const [parent] = await tx.db.select({ active: agencies.active }).from(agencies).where(eq(agencies.id, before.parentId));
      if (!parent?.active) throw new Invalid({ _form: { key: 'agency.parentInactive' } });
    }
    const [after] = await tx.db
      .update(agencies)
      .set({ active: true, version: before.version + 1, updatedAt: ctx.now() })
      .where(and(eq(agencies.id, agencyId), eq(agencies.version, data.version)))
      .returning();
    if (!after) throw new Conflict();
    await recordAudit(tx, { action: 'agency.reactivated', entityType: 'agency', entityId: agencyId, agencyId, before: agencySnapshot(before), after: agencySnapshot(after) });
    return after;
  });
}
